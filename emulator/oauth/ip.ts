/**
 * Network-policy evaluation for the OAuth endpoints (IPv4 + CIDR; IPv6 only via network rules in
 * Snowflake, which the emulator does not model). Blocked list is applied first, then the allowed list
 * (https://docs.snowflake.com/en/user-guide/network-policies). An empty allowed list allows everyone.
 * @internal
 */
import type { NetworkPolicyRecord } from "../catalog/state";

/** `::ffff:127.0.0.1` → `127.0.0.1`; `::1` → `127.0.0.1` (the emulator listens on 127.0.0.1 only). */
export function normaliseIp(ip: string | undefined): string {
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

/** Does `ip` match `entry` (`a.b.c.d` or `a.b.c.d/n`)? */
export function ipMatches(entry: string, ip: string): boolean {
  const [base, bitsText] = entry.trim().split("/");
  const a = ipv4ToInt(base);
  const b = ipv4ToInt(ip);
  if (a === undefined || b === undefined) return false;
  const bits = bitsText === undefined ? 32 : Number(bitsText);
  if (!Number.isInteger(bits) || bits < 0 || bits > 32) return false;
  const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
  return ((a & mask) >>> 0) === ((b & mask) >>> 0);
}

/** Is `ip` allowed by the policy's IP lists? */
export function ipAllowedByPolicy(policy: Pick<NetworkPolicyRecord, "allowedIpList" | "blockedIpList">, ip: string): boolean {
  if (policy.blockedIpList.some((e) => ipMatches(e, ip))) return false;
  if (policy.allowedIpList.length === 0) return true;
  return policy.allowedIpList.some((e) => ipMatches(e, ip));
}
