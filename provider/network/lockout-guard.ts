/**
 * The lockout guard: this provider never activates, changes or hands over a network policy that would refuse the
 * connection applying it. The governing policy of a login is the user's own, else the account's
 * (https://docs.snowflake.com/en/user-guide/network-policies "Network policy precedence"); the address is the one
 * Snowflake sees (`CURRENT_IP_ADDRESS()`). Each function returns the refusal text, or undefined when the change keeps
 * the connection admitted (or does not govern it). "unknown" content (a preview value not known yet) passes: the
 * same check runs again at `up`, where every value is known, before anything is sent.
 * @internal
 */
import { Ident } from "../sql/quote";
import { admits, type PolicyContent } from "./admission";
import { connection, type Connection, type Target } from "./attachments";
import { contentOfInputs, policyContent, type SqlRunner } from "./policy-content";

const OPT_OUT = "Change the policy so it admits this address, or set allowLockout: true to apply it anyway.";

async function judge(runner: SqlRunner, c: Connection, policy: string, what: string, given?: PolicyContent | "unknown") {
  if (policy === "") return undefined;
  const content = given ?? (await policyContent(runner, policy));
  // A policy that does not exist: Snowflake refuses the statement itself; "unknown": judged again at up.
  if (content === undefined || content === "unknown") return undefined;
  const v = admits(content, c.ip);
  if (v.admitted) return undefined;
  return (
    `${what} would lock out the provider's own connection: Snowflake sees user ${c.user.toSql()} connecting from ` +
    `${c.ip}, and network policy ${Ident.stored(policy).toSql()} would then govern it, but ${v.reason}. ${OPT_OUT}`
  );
}

/** Activating `policy` (stored name; `""` = unsetting) at `target`. */
export async function guardActivation(runner: SqlRunner, target: Target, policy: string): Promise<string | undefined> {
  const c = await connection(runner);
  if (target.kind === "account") {
    if (c.userPolicy === "") return judge(runner, c, policy, `Activating network policy ${Ident.stored(policy).toSql()} for the account`);
    // The user's own policy governs this connection, but Snowflake still refuses an account policy that does not admit
    // the caller ("your current IP address … must be included in the allowed list in the policy. Otherwise, when you
    // activate the policy, Snowflake returns an error": https://docs.snowflake.com/en/user-guide/network-policies).
    const content = await policyContent(runner, policy);
    if (content === undefined || content === "unknown") return undefined;
    const v = admits(content, c.ip);
    if (v.admitted) return undefined;
    return (
      `Activating network policy ${Ident.stored(policy).toSql()} for the account would be refused by Snowflake, which ` +
      `requires an account policy to admit the address activating it (${c.ip}, user ${c.user.toSql()}), but ${v.reason}. ` +
      "Change the policy so it admits this address."
    );
  }
  if (!target.user.equals(c.user)) return undefined;
  if (policy === "")
    return judge(runner, c, c.accountPolicy, `Unsetting the network policy of user ${c.user.toSql()} (the account's policy takes over)`);
  return judge(runner, c, policy, `Activating network policy ${Ident.stored(policy).toSql()} for user ${c.user.toSql()}`);
}

/**
 * Changing the lists of `policy` (stored name) to `inputs` (a NetworkPolicy's declared inputs). The caller calls it
 * only when the plan sets or unsets a list (a comment, tag or rename cannot change who is admitted).
 */
export async function guardPolicyChange(runner: SqlRunner, policy: string, inputs: Record<string, unknown>): Promise<string | undefined> {
  const c = await connection(runner);
  const governing = c.userPolicy !== "" ? c.userPolicy : c.accountPolicy;
  if (governing !== policy) return undefined;
  const next = await contentOfInputs(runner, policy, inputs);
  return judge(runner, c, policy, `Changing network policy ${Ident.stored(policy).toSql()}, which is in force for this connection,`, next);
}

/**
 * Changing the values of network rule `rule` (canonical qualified SQL), whose new content the rule's check declared:
 * judged when the policy in force for this connection names the rule.
 */
export async function guardRuleChange(runner: SqlRunner, rule: string): Promise<string | undefined> {
  const c = await connection(runner);
  const governing = c.userPolicy !== "" ? c.userPolicy : c.accountPolicy;
  if (governing === "") return undefined;
  const content = await policyContent(runner, governing);
  if (content === undefined || content === "unknown") return undefined;
  if (![...content.allowedRules, ...content.blockedRules].some((r) => r.name === rule)) return undefined;
  return judge(
    runner,
    c,
    governing,
    `Changing network rule ${rule}, which network policy ${Ident.stored(governing).toSql()} in force for this connection names,`,
    content,
  );
}
