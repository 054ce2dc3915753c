/**
 * Table-driven tests of the OAuth endpoint helpers (no server): IPv4/CIDR matching for network
 * policies, and JWT decoding/verification.
 */
import { test } from "node:test";
import * as assert from "node:assert/strict";
import { ipAllowedByPolicy, ipMatches, normalizeIp } from "../../emulator/auth/network";
import { claimSeconds, decodeJwt, verifyRs256 } from "../../emulator/auth/jwt";
import { rsaKey, signJwt } from "../helpers/integration-keys";

const matches: [string, string, boolean][] = [
  ["127.0.0.1", "127.0.0.1", true],
  ["127.0.0.1", "127.0.0.2", false],
  ["127.0.0.0/8", "127.255.1.2", true],
  ["10.1.0.0/16", "10.2.0.1", false],
  ["0.0.0.0/0", "203.0.113.9", true],
  ["192.168.1.7/32", "192.168.1.7", true],
  ["192.168.1.0/24", "192.168.2.1", false],
  ["300.1.1.1", "300.1.1.1", false],
  ["10.0.0.0/33", "10.0.0.1", false],
  [" 10.0.0.1 ", "10.0.0.1", true],
];
for (const [entry, ip, expected] of matches) {
  test(`ipMatches(${entry}, ${ip}) = ${expected}`, () => assert.equal(ipMatches(entry, ip), expected));
}

test("blocked list first, then allowed list; an empty policy and an explicitly empty allowed list allow none, a blocked-only policy the rest", () => {
  // "If you try to create an empty network policy, no IPv4 addresses are allowed" (network-policies guide).
  assert.equal(ipAllowedByPolicy({ allowedIpList: [], blockedIpList: [] }, "1.2.3.4"), false);
  assert.equal(ipAllowedByPolicy({ allowedIpList: [], blockedIpList: ["10.0.0.1"] }, "1.2.3.4"), true);
  assert.equal(ipAllowedByPolicy({ allowedIpList: [], blockedIpList: ["10.0.0.1"] }, "10.0.0.1"), false);
  assert.equal(ipAllowedByPolicy({ allowedIpList: [], blockedIpList: [], allowedIpListSpecified: true }, "1.2.3.4"), false);
  // With allowed network rules the docs' empty-list sentence does not apply; rules are not evaluated (FIDELITY.md).
  assert.equal(
    ipAllowedByPolicy(
      { allowedIpList: [], blockedIpList: [], allowedIpListSpecified: true, allowedNetworkRuleList: ["DB.S.R"] },
      "1.2.3.4",
    ),
    true,
  );
  assert.equal(ipAllowedByPolicy({ allowedIpList: ["1.2.3.4"], blockedIpList: ["1.2.3.4"] }, "1.2.3.4"), false);
  assert.equal(ipAllowedByPolicy({ allowedIpList: ["1.2.3.0/24"], blockedIpList: ["1.2.3.4"] }, "1.2.3.4"), false);
  assert.equal(ipAllowedByPolicy({ allowedIpList: ["1.2.3.0/24"], blockedIpList: ["1.2.3.4"] }, "1.2.3.5"), true);
  assert.equal(ipAllowedByPolicy({ allowedIpList: ["1.2.3.0/24"], blockedIpList: [] }, "1.2.4.5"), false);
  assert.equal(normalizeIp("::ffff:127.0.0.1"), "127.0.0.1");
  assert.equal(normalizeIp("::1"), "127.0.0.1");
});

test("JWT: decode, RS256 verify against either key, reject other algorithms and tampering", () => {
  const t = signJwt({ iss: "a", exp: 1 }, rsaKey(0).privateKey);
  const d = decodeJwt(t);
  assert.ok(d);
  assert.deepEqual(d.payload, { iss: "a", exp: 1 });
  assert.equal(verifyRs256(d, [rsaKey(1).publicKey, rsaKey(0).publicKey]), true);
  assert.equal(verifyRs256(d, [rsaKey(1).publicKey]), false);
  const [h, , s] = t.split(".");
  const tampered = decodeJwt(`${h}.${Buffer.from(JSON.stringify({ iss: "b", exp: 1 })).toString("base64url")}.${s}`);
  assert.ok(tampered);
  assert.equal(verifyRs256(tampered, [rsaKey(0).publicKey]), false);
  const none = decodeJwt(`${Buffer.from(JSON.stringify({ alg: "none" })).toString("base64url")}.${t.split(".")[1]}.`);
  assert.ok(none);
  assert.equal(verifyRs256(none, [rsaKey(0).publicKey]), false);
  for (const bad of ["", "a.b", "a.b.c.d", "!!.e30.", "e30.W10.sig"]) assert.equal(decodeJwt(bad), undefined, bad);
  assert.equal(claimSeconds(1615370644000), 1615370644);
  assert.equal(claimSeconds(1615370644), 1615370644);
  assert.equal(claimSeconds("1"), undefined);
});
