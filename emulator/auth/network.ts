/**
 * The one network-policy evaluator (login, SQL API, OAuth endpoints, OAuth-token sessions).
 * Blocked list first, then the allowed list ("When a network policy includes values for both ALLOWED_IP_LIST and
 * BLOCKED_IP_LIST, Snowflake applies the blocked list first": CREATE NETWORK POLICY page); an allowed list that was
 * never set allows everyone (https://docs.snowflake.com/en/user-guide/network-policies), but one specified as `()`
 * with no allowed network rules admits no IPv4 address ("if you are not using network rules and this property is
 * specified with an empty list, no IPv4 addresses are allowed": CREATE NETWORK POLICY page).
 * Entries are IPv4 addresses with an optional CIDR mask `/0`–`/32`:
 * https://docs.snowflake.com/en/sql-reference/sql/create-network-policy
 *
 * Network rules, resolved from the catalog here (https://docs.snowflake.com/en/user-guide/network-policies):
 * "The network policy evaluation considers any network rule properties before the ALLOWED_IP_LIST and BLOCKED_IP_LIST";
 * the blocked-first rule "also applies to the ALLOWED_NETWORK_RULE_LIST and the BLOCKED_NETWORK_RULE_LIST"; "if you add
 * an IPv4 network rule with a single IP address to the allowed list, all other IPv4 addresses are blocked". Only
 * `TYPE = IPV4`, `MODE = INGRESS` rules govern logins: clients here are IPv4 (IPv6 rules never match them), private
 * endpoint rules "ha[ve] no effect on requests coming from the public network", INTERNAL_STAGE / POSTGRES_* / EGRESS
 * rules restrict other traffic. A policy with allowed IPv4 rules and a non-empty ALLOWED_IP_LIST admits either (the
 * guide advises against mixing them and does not say: unsourced).
 * @internal
 */
import type { IncomingMessage } from "node:http";
import type { Catalog, NetworkPolicyRecord, NetworkRuleRecord } from "../catalog/state";
import { ruleByQualifiedName } from "../catalog/network-rules";

/** A rule as the evaluator needs it. */
export type RuleLookup = (qualifiedName: string) => Pick<NetworkRuleRecord, "type" | "mode" | "valueList"> | undefined;

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

/** Is `ip` allowed by the policy's rules (looked up with `rules`) and IP lists? */
export function ipAllowedByPolicy(
  policy: Pick<NetworkPolicyRecord, "allowedIpList" | "blockedIpList"> &
    Partial<Pick<NetworkPolicyRecord, "allowedIpListSpecified" | "allowedNetworkRuleList" | "blockedNetworkRuleList">>,
  ip: string,
  rules: RuleLookup = () => undefined,
): boolean {
  const loginRules = (names: readonly string[] | undefined) =>
    (names ?? []).map(rules).filter((r) => r !== undefined && r.type === "IPV4" && r.mode === "INGRESS") as { valueList: string[] }[];
  const inRules = (rs: { valueList: string[] }[]) => rs.some((r) => r.valueList.some((e) => ipMatches(e, ip)));
  if (inRules(loginRules(policy.blockedNetworkRuleList))) return false;
  if (policy.blockedIpList.some((e) => ipMatches(e, ip))) return false;
  const allowedRules = loginRules(policy.allowedNetworkRuleList);
  if (allowedRules.length > 0) return inRules(allowedRules) || policy.allowedIpList.some((e) => ipMatches(e, ip));
  if (policy.allowedIpList.length === 0) {
    // Explicitly empty and no allowed network rules: no IPv4 address is allowed.
    if (policy.allowedIpListSpecified === true && (policy.allowedNetworkRuleList ?? []).length === 0) return false;
    // "If you try to create an empty network policy, no IPv4 addresses are allowed" (network-policies guide): a policy
    // with nothing in any list. One with only blocked entries, or only non-IPv4 allowed rules, restricts IPv4 by its
    // blocked entries alone (the guide's private-endpoint example needs a blocked 0.0.0.0/0 rule to shut public IPv4).
    const empty =
      policy.blockedIpList.length === 0 &&
      (policy.allowedNetworkRuleList ?? []).length === 0 &&
      (policy.blockedNetworkRuleList ?? []).length === 0;
    return !empty;
  }
  return policy.allowedIpList.some((e) => ipMatches(e, ip));
}

/** Is `ip` allowed by the named policy of the catalog? No policy, or an unknown name, allows. */
export function policyAllows(cat: Pick<Catalog, "networkPolicies" | "databases">, policyName: string | undefined, ip: string): boolean {
  const policies = cat.networkPolicies;
  const policy = policyName && Object.prototype.hasOwnProperty.call(policies, policyName) ? policies[policyName] : undefined;
  return !policy || ipAllowedByPolicy(policy, ip, (fqn) => ruleByQualifiedName(cat, fqn));
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
