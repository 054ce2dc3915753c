/**
 * The one network-policy evaluator (login, SQL API, OAuth endpoints, OAuth-token sessions).
 * Blocked list first, then the allowed list ("When a network policy includes values for both ALLOWED_IP_LIST and
 * BLOCKED_IP_LIST, Snowflake applies the blocked list first": CREATE NETWORK POLICY page); an allowed list that was
 * never set allows everyone (https://docs.snowflake.com/en/user-guide/network-policies), but one specified as `()`
 * with no allowed network rules admits no IPv4 address ("if you are not using network rules and this property is
 * specified with an empty list, no IPv4 addresses are allowed": CREATE NETWORK POLICY page).
 * Entries are IPv4 addresses with an optional CIDR mask `/0`–`/32`:
 * https://docs.snowflake.com/en/sql-reference/sql/create-network-policy
 * Network rules (and so IPv6) are not evaluated (FIDELITY.md).
 * @internal
 */
import type { IncomingMessage } from "node:http";
import type { NetworkPolicyRecord } from "../catalog/state";

/** `::ffff:127.0.0.1` → `127.0.0.1`; `::1` → `127.0.0.1` (the emulator listens on 127.0.0.1 only). */
export function normalizeIp(ip: string | undefined): string {
  if (!ip) return "";
  if (ip.startsWith("::ffff:")) return ip.slice(7);
  if (ip === "::1") return "127.0.0.1";
  return ip;
}

function ipv4ToInt(ip: string): number | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(ip);
  if (!m) return undefined;
  const parts = m.slice(1).map(Number);
  if (parts.some((p) => p > 255)) return undefined;
  return ((parts[0] << 24) >>> 0) + (parts[1] << 16) + (parts[2] << 8) + parts[3];
}

/** Does `ip` fall in `entry` (`a.b.c.d` or `a.b.c.d/n`)? A mask outside 0–32 matches nothing. */
export function ipMatches(entry: string, ip: string): boolean {
  const [base, bitsText] = entry.trim().split("/");
  const a = ipv4ToInt(base);
  const b = ipv4ToInt(normalizeIp(ip));
  if (a === undefined || b === undefined) return false;
  const bits = bitsText === undefined ? 32 : Number(bitsText);
  if (!Number.isInteger(bits) || bits < 0 || bits > 32) return false;
  // JS shifts are mod 32, so /0 needs its own mask.
  const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
  return (a & mask) >>> 0 === (b & mask) >>> 0;
}

/** Is `ip` allowed by the policy's IP lists? */
export function ipAllowedByPolicy(
  policy: Pick<NetworkPolicyRecord, "allowedIpList" | "blockedIpList"> &
    Partial<Pick<NetworkPolicyRecord, "allowedIpListSpecified" | "allowedNetworkRuleList">>,
  ip: string,
): boolean {
  if (policy.blockedIpList.some((e) => ipMatches(e, ip))) return false;
  if (policy.allowedIpList.length === 0) {
    // Explicitly empty and no allowed network rules: no IPv4 address is allowed. (Rules themselves are not evaluated.)
    return !(policy.allowedIpListSpecified === true && (policy.allowedNetworkRuleList ?? []).length === 0);
  }
  return policy.allowedIpList.some((e) => ipMatches(e, ip));
}

/** Is `ip` allowed by the named policy of `policies`? No policy, or an unknown name, allows. */
export function policyAllows(policies: Readonly<Record<string, NetworkPolicyRecord>>, policyName: string | undefined, ip: string): boolean {
  const policy = policyName ? policies[policyName] : undefined;
  return !policy || ipAllowedByPolicy(policy, ip);
}

/**
 * The one client-address extractor: the socket's address, or the first X-Forwarded-For entry only
 * when the emulator was started with `trustForwardedFor` (tests of policies with other addresses).
 */
export function clientIp(req: IncomingMessage, trustForwardedFor: boolean | undefined): string {
  const xff = req.headers["x-forwarded-for"];
  if (trustForwardedFor === true && typeof xff === "string" && xff.trim() !== "") return normalizeIp(xff.split(",")[0].trim());
  return normalizeIp(req.socket.remoteAddress ?? "127.0.0.1");
}

/** 390422 text, the same on every path that enforces a policy (FIDELITY.md, Core: driver transcripts). */
export function networkPolicyDeniedMessage(ip: string): string {
  return `Incoming request with IP/Token ${ip} is not allowed to access Snowflake. Contact your local security administrator or please create a case with Snowflake Support or reach us on our support line.`;
}
