/**
 * The value rules of network rules: which TYPE and MODE exist, which pairs are refused, and what each TYPE's values look
 * like. Sources (FIDELITY.md "Network rules"):
 * - https://docs.snowflake.com/en/sql-reference/sql/create-network-rule (TYPE and MODE lists; "IPv6 network rules only
 *   support the INGRESS mode"; PRIVATE_HOST_PORT: "the MODE parameter must be set to EGRESS", "specify one valid domain";
 *   HOST_PORT: MODE "should be set to EGRESS"; INTERNAL_STAGE and SNOWFLAKE_MANAGED_STORAGE_VOLUME: "The TYPE property
 *   … must be AWSVPCEID"; COMPUTE_POOL: MODE "should be set to INGRESS"; HOST_PORT ports 1-65535, 0 = all, `0.0.0.0`
 *   only with 443 and 80; one-level `*` wildcards)
 * - POSTGRES_INGRESS / POSTGRES_EGRESS: snowflakedb/terraform-provider-snowflake `pkg/sdk/network_rules_enums_gen.go`,
 *   live with TYPE = IPV4: `pkg/sdk/testint/postgres_instances_gen_integration_test.go` "create - complete"
 * - IPv6 formats (full, compressed, IPv4-embedded, CIDR): https://docs.snowflake.com/en/user-guide/network-rules
 * - An empty VALUE_LIST is accepted: TF testint `network_rule_gen_integration_test.go` "Create" (live)
 * Codes and texts of the refusals are unsourced.
 * @internal
 */
import { isIPv6 } from "node:net";
import { SnowflakeError } from "../errors";
import type { Value } from "../sql/cursor";

export const RULE_TYPES = ["IPV4", "IPV6", "AWSVPCEID", "AZURELINKID", "GCPPSCID", "HOST_PORT", "PRIVATE_HOST_PORT", "COMPUTE_POOL"];
export const RULE_MODES = [
  "INGRESS",
  "INTERNAL_STAGE",
  "SNOWFLAKE_MANAGED_STORAGE_VOLUME",
  "EGRESS",
  "POSTGRES_INGRESS",
  "POSTGRES_EGRESS",
];

/** type → the modes it allows (absent = any). HOST_PORT's POSTGRES_EGRESS is our reading (unsourced). */
const MODES_OF_TYPE: Readonly<Record<string, readonly string[]>> = {
  IPV6: ["INGRESS"],
  PRIVATE_HOST_PORT: ["EGRESS"],
  HOST_PORT: ["EGRESS", "POSTGRES_EGRESS"],
  COMPUTE_POOL: ["INGRESS"],
};
/** mode → the types it allows (absent = any). */
const TYPES_OF_MODE: Readonly<Record<string, readonly string[]>> = {
  INTERNAL_STAGE: ["AWSVPCEID"],
  SNOWFLAKE_MANAGED_STORAGE_VOLUME: ["AWSVPCEID"],
};

/** Unsourced code and text (FIDELITY.md). */
export function invalidRuleValue(value: string, type: string): SnowflakeError {
  return new SnowflakeError("001422", "22023", `SQL compilation error:\ninvalid value '${value}' for network rule of TYPE ${type}`);
}

/** Refuses a TYPE/MODE pair the CREATE page rules out (unsourced code and text). */
export function checkTypeMode(type: string, mode: string): void {
  const modes = MODES_OF_TYPE[type];
  const types = TYPES_OF_MODE[mode];
  if ((modes && !modes.includes(mode)) || (types && !types.includes(type)))
    throw new SnowflakeError("001422", "22023", `SQL compilation error:\nNetwork rule of TYPE ${type} does not support MODE ${mode}.`);
}

const OCTET = "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
const IPV4 = new RegExp(`^${OCTET}(\\.${OCTET}){3}(/([0-9]|[12][0-9]|3[0-2]))?$`);
const HOST = /^(\*|[A-Za-z0-9*_-]+)(\.[A-Za-z0-9*_-]+)*$/;
const PRIVATE_ID = /^[A-Za-z0-9_-]+$/;

function ipv6Ok(v: string): boolean {
  const [addr, bits, extra] = v.split("/");
  if (extra !== undefined || !isIPv6(addr)) return false;
  return bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= 128);
}

function portOk(p: string | undefined, host: string): boolean {
  if (p === undefined) return true;
  const m = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(p);
  if (!m) return false;
  const lo = Number(m[1]);
  const hi = m[2] === undefined ? lo : Number(m[2]);
  if (host === "0.0.0.0") return m[2] === undefined && (lo === 80 || lo === 443);
  return lo <= 65535 && hi <= 65535 && lo <= hi;
}

function hostPortOk(v: string): boolean {
  const i = v.lastIndexOf(":");
  const host = i < 0 ? v : v.slice(0, i);
  const port = i < 0 ? undefined : v.slice(i + 1);
  const labels = host.split(".");
  // One `*`, in the first label only ("a single level of subdomains").
  if (!HOST.test(host) || labels.slice(1).some((l) => l.includes("*")) || labels[0].split("*").length > 2) return false;
  return portOk(port, host);
}

/** `{id:ip_or_cidr[,…]}` (INGRESS private-endpoint tuples, https://docs.snowflake.com/en/user-guide/network-rules). */
function privateIdOk(v: string, mode: string): boolean {
  const m = /^\{([^:{}]+):([^{}]+)\}$/.exec(v);
  if (!m) return PRIVATE_ID.test(v);
  return mode === "INGRESS" && PRIVATE_ID.test(m[1]) && m[2].split(",").every((ip) => IPV4.test(ip.trim()));
}

function valueOk(type: string, mode: string, v: string): boolean {
  switch (type) {
    case "IPV4":
      return IPV4.test(v);
    case "IPV6":
      return ipv6Ok(v);
    case "HOST_PORT":
    case "PRIVATE_HOST_PORT":
      return hostPortOk(v);
    case "AWSVPCEID":
    case "AZURELINKID":
    case "GCPPSCID":
      return privateIdOk(v, mode);
    default:
      return v !== "";
  }
}

/** VALUE_LIST items: string literals, each valid for the TYPE (trimmed); PRIVATE_HOST_PORT takes one domain. */
export function valueList(v: Value, type: string, mode: string): string[] {
  if (v.kind !== "list") throw invalidRuleValue(v.kind === "string" ? v.value : "", type);
  const out: string[] = [];
  for (const item of v.items) {
    if (item.kind !== "string") throw invalidRuleValue(item.kind === "ident" ? item.value : "", type);
    const s = item.value.trim();
    if (!valueOk(type, mode, s)) throw invalidRuleValue(item.value, type);
    out.push(s);
  }
  if (type === "PRIVATE_HOST_PORT" && out.length > 1) throw invalidRuleValue(out[1], type);
  return out;
}
