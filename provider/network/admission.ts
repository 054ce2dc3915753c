/**
 * Would a network policy admit an address? The provider's own reading of the docs, for the lockout guard (the
 * emulator has its own evaluator, on purpose). https://docs.snowflake.com/en/user-guide/network-policies :
 * - "Snowflake applies the values in the BLOCKED_IP_LIST parameter first. This behavior also applies to the
 *   ALLOWED_NETWORK_RULE_LIST and the BLOCKED_NETWORK_RULE_LIST parameters."
 * - "if you add an IPv4 network rule with a single IP address to the allowed list, all other IPv4 addresses are
 *   blocked"; "If you try to create an empty network policy, no IPv4 addresses are allowed".
 * - Rules of a policy must be MODE = INGRESS (or INTERNAL_STAGE) and only IPV4/IPV6 rules concern a public address.
 * Where the docs are silent the verdict leans to refusal, never to admission: a policy with both an ALLOWED_IP_LIST
 * and allowed IPv4 rules must admit the address in both ("Best practice is to avoid using both"; how Snowflake combines
 * them is not documented), and an address that is not IPv4 is never judged admitted.
 * @internal
 */
import { BlockList, isIPv4 } from "node:net";

/** A network rule as DESCRIBE NETWORK RULE shows it. */
export interface RuleContent {
  readonly name: string;
  readonly type: string;
  readonly mode: string;
  readonly values: readonly string[];
}

/** What a policy holds, from the program or from DESCRIBE. */
export interface PolicyContent {
  readonly name: string;
  readonly allowedIpList: readonly string[];
  readonly blockedIpList: readonly string[];
  readonly allowedRules: readonly RuleContent[];
  readonly blockedRules: readonly RuleContent[];
}

export interface Verdict {
  readonly admitted: boolean;
  /** Why, in words a reader can check against the policy. */
  readonly reason: string;
}

/** `a.b.c.d` or `a.b.c.d/n` as a one-entry BlockList; undefined for anything else (never matches). */
function entryList(entry: string): BlockList | undefined {
  const [base, bits, extra] = entry.trim().split("/");
  if (extra !== undefined || !isIPv4(base)) return undefined;
  const list = new BlockList();
  if (bits === undefined) list.addAddress(base, "ipv4");
  else {
    const n = Number(bits);
    if (!/^\d{1,2}$/.test(bits) || n > 32) return undefined;
    list.addSubnet(base, n, "ipv4");
  }
  return list;
}

function firstMatch(entries: readonly string[], ip: string): string | undefined {
  return entries.find((e) => entryList(e)?.check(ip, "ipv4") === true);
}

const ipv4Ingress = (rules: readonly RuleContent[]) => rules.filter((r) => r.type === "IPV4" && r.mode === "INGRESS");

/** The verdict for `ip` (as `SELECT CURRENT_IP_ADDRESS()` prints it). */
export function admits(p: PolicyContent, ip: string): Verdict {
  if (!isIPv4(ip)) return { admitted: false, reason: `the address ${ip} is not IPv4; the guard judges IPv4 addresses only` };
  const blocked = firstMatch(p.blockedIpList, ip);
  if (blocked !== undefined) return { admitted: false, reason: `${ip} is in its BLOCKED_IP_LIST (${blocked})` };
  for (const r of ipv4Ingress(p.blockedRules)) {
    const hit = firstMatch(r.values, ip);
    if (hit !== undefined) return { admitted: false, reason: `${ip} is in its blocked network rule ${r.name} (${hit})` };
  }
  const allowRules = ipv4Ingress(p.allowedRules);
  if (allowRules.length === 0 && p.allowedIpList.length === 0)
    return {
      admitted: false,
      reason: "it allows no IPv4 address (no ALLOWED_IP_LIST entry and no allowed IPv4 network rule)",
    };
  if (allowRules.length > 0 && !allowRules.some((r) => firstMatch(r.values, ip) !== undefined))
    return {
      admitted: false,
      reason: `${ip} is in none of its allowed IPv4 network rules (${allowRules.map((r) => r.name).join(", ")})`,
    };
  if (p.allowedIpList.length > 0 && firstMatch(p.allowedIpList, ip) === undefined)
    return { admitted: false, reason: `${ip} is not in its ALLOWED_IP_LIST` };
  return { admitted: true, reason: `${ip} is allowed and not blocked` };
}
