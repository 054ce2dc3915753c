// The provider's reading of https://docs.snowflake.com/en/user-guide/network-policies for the lockout guard: each case
// names the sentence of the guide it follows (or says the verdict leans to refusal where the guide is silent).
import { test } from "node:test";
import * as assert from "node:assert/strict";
import { admits, type PolicyContent, type RuleContent } from "../../provider/network/admission";

const empty: PolicyContent = { name: "P", allowedIpList: [], blockedIpList: [], allowedRules: [], blockedRules: [] };
const rule = (values: string[], type = "IPV4", mode = "INGRESS"): RuleContent => ({ name: "DB.S.R", type, mode, values });

test("an empty policy admits no IPv4 address ('If you try to create an empty network policy, no IPv4 addresses are allowed')", () => {
  const v = admits(empty, "10.1.2.3");
  assert.equal(v.admitted, false);
  assert.match(v.reason, /allows no IPv4 address/);
});

test("ALLOWED_IP_LIST: an address, a CIDR range, and an address outside it", () => {
  const p = { ...empty, allowedIpList: ["192.168.1.0/24", "10.0.0.7"] };
  assert.equal(admits(p, "192.168.1.200").admitted, true);
  assert.equal(admits(p, "10.0.0.7").admitted, true);
  const v = admits(p, "10.0.0.8");
  assert.equal(v.admitted, false);
  assert.match(v.reason, /not in its ALLOWED_IP_LIST/);
});

test("the blocked list is applied first ('Snowflake applies the values in the BLOCKED_IP_LIST parameter first')", () => {
  const p = { ...empty, allowedIpList: ["192.168.1.0/24"], blockedIpList: ["192.168.1.99"] };
  assert.equal(admits(p, "192.168.1.98").admitted, true);
  const v = admits(p, "192.168.1.99");
  assert.equal(v.admitted, false);
  assert.match(v.reason, /BLOCKED_IP_LIST \(192\.168\.1\.99\)/);
});

test("an allowed IPv4 rule admits only its addresses; a blocked rule wins over it (the guide's IP-ranges example)", () => {
  const p = { ...empty, allowedRules: [rule(["192.168.1.0/24"])], blockedRules: [rule(["192.168.1.99"])] };
  assert.equal(admits(p, "192.168.1.5").admitted, true);
  assert.equal(admits(p, "192.168.1.99").admitted, false);
  assert.match(admits(p, "10.9.9.9").reason, /none of its allowed IPv4 network rules/);
});

test("0.0.0.0/0 in a blocked rule blocks every IPv4 address", () => {
  const p = { ...empty, allowedRules: [rule(["vpce-0fa383eb170331202"], "AWSVPCEID")], blockedRules: [rule(["0.0.0.0/0"])] };
  assert.equal(admits(p, "203.0.113.4").admitted, false);
});

// The guard's own stricter reading, not Snowflake's documented behaviour: the network-policies guide suggests a policy
// whose allowed rules are only private-endpoint rules leaves public IPv4 to its blocked list (the emulator admits such
// logins). The guard refuses what the docs do not say is admitted.
test("guard (stricter than the docs): rules that do not concern a public IPv4 login (IPv6, private endpoints, other modes) admit nothing by themselves", () => {
  for (const r of [rule(["::/0"], "IPV6"), rule(["vpce-1"], "AWSVPCEID"), rule(["10.0.0.0/8"], "IPV4", "INTERNAL_STAGE")]) {
    assert.equal(admits({ ...empty, allowedRules: [r] }, "10.1.1.1").admitted, false, r.type + "/" + r.mode);
  }
});

test("an IP list and allowed rules together: the guard requires both (undocumented combination; leans to refusal)", () => {
  const p = { ...empty, allowedIpList: ["10.0.0.0/8"], allowedRules: [rule(["10.1.0.0/16"])] };
  assert.equal(admits(p, "10.1.2.3").admitted, true);
  assert.equal(admits(p, "10.2.2.3").admitted, false);
});

test("malformed entries match nothing, and an address that is not IPv4 is never judged admitted", () => {
  const p = { ...empty, allowedIpList: ["10.0.0.0/33", "not-an-ip", "0.0.0.0/0"] };
  assert.equal(admits(p, "10.0.0.1").admitted, true); // via 0.0.0.0/0 only
  assert.equal(admits({ ...empty, allowedIpList: ["10.0.0.0/33"] }, "10.0.0.1").admitted, false);
  assert.equal(admits(p, "::1").admitted, false);
});
