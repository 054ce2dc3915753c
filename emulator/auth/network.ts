/**
 * Network policy evaluation for IPv4 client addresses: the blocked list wins, then the allowed list
 * (an empty allowed list allows everyone). Network rules are not evaluated (FIDELITY.md).
 * https://docs.snowflake.com/en/user-guide/network-policies
 * @internal
 */
import { NetworkPolicyRecord } from "../catalog/state";

function ipv4ToInt(ip: string): number | undefined {
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(ip);
  if (!m) return undefined;
  const n = m.slice(1).map(Number);
  if (n.some((x) => x > 255)) return undefined;
  return ((n[0] << 24) >>> 0) + (n[1] << 16) + (n[2] << 8) + n[3];
}

/** Does `ip` fall in `cidr` (`a.b.c.d` or `a.b.c.d/n`)? */
export function ipInCidr(ip: string, cidr: string): boolean {
  const [base, bitsText] = cidr.split("/");
  const a = ipv4ToInt(normalizeIp(ip));
  const b = ipv4ToInt(base);
  if (a === undefined || b === undefined) return false;
  const bits = bitsText === undefined ? 32 : Number(bitsText);
  if (bits === 0) return true;
  const mask = (~0 << (32 - bits)) >>> 0;
  return (a & mask) >>> 0 === (b & mask) >>> 0;
}

/** `::ffff:127.0.0.1` → `127.0.0.1`. */
export function normalizeIp(ip: string): string {
  return ip.startsWith("::ffff:") ? ip.slice(7) : ip === "::1" ? "127.0.0.1" : ip;
}

export function ipAllowedByPolicy(policy: NetworkPolicyRecord, ip: string): boolean {
  if (policy.blockedIpList.some((c) => ipInCidr(ip, c))) return false;
  if (policy.allowedIpList.length === 0) return true;
  return policy.allowedIpList.some((c) => ipInCidr(ip, c));
}
