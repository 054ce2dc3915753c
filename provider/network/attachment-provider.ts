/**
 * Implementation of `NetworkPolicyAttachment` (`pulumi-nodejs:dynamic/snowflake:NetworkPolicyAttachment`): the
 * NETWORK_POLICY parameter of the account or of one user. The model is `model/networkPolicyAttachment.ts`.
 *
 * Every check, diff, create, update and delete reads the parameter from Snowflake (never state), so a policy changed
 * or unset by hand shows at preview and is repaired by `up`. Each activation (and a delete that hands the provider's
 * own connection over to the account's policy) passes the lockout guard first unless `allowLockout` is set: nothing
 * is sent when it refuses. Delete unsets only the policy this resource activated.
 * @internal
 */
import type * as pulumi from "@pulumi/pulumi";
import { NETWORK_POLICY_ATTACHMENT } from "../../model/networkPolicyAttachment";
import { isUnknown } from "../../model/unknown";
import type { Failure } from "../../model/types";
import { checkMetaInputs, presentFailures } from "../engine/meta-check";
import { sessionRunner, type SqlRunner } from "../connection/runner";
import { Ident, identifierProblem } from "../sql/quote";
import { activePolicy, targetSql, type Target } from "./attachments";
import { guardActivation } from "./lockout-guard";
import { tellEngine as tell } from "../connection/engine-log";
import { willSend } from "../resources/announce";

export interface AttachmentInputs {
  networkPolicy: string;
  user?: string;
  allowLockout?: boolean;
}

export interface AttachmentOutputs extends AttachmentInputs {
  target: string;
  policyName: string;
  previousPolicy: string;
}

const MODEL = NETWORK_POLICY_ATTACHMENT;

function targetOf(i: { user?: string }): Target {
  return i.user === undefined ? { kind: "account" } : { kind: "user", user: Ident.parse(i.user) };
}

/** `ACCOUNT` or the stored user name: the `target` output and the id. */
function targetLabel(t: Target): string {
  return t.kind === "account" ? "ACCOUNT" : t.user.name;
}

function setSql(t: Target, policy: string): string {
  return `ALTER ${targetSql(t)} SET NETWORK_POLICY = ${Ident.stored(policy).toSql()}`;
}

function unsetSql(t: Target): string {
  return `ALTER ${targetSql(t)} UNSET NETWORK_POLICY`;
}

function missingUser(t: Target): Error {
  return new Error(
    `NetworkPolicyAttachment: user ${targetLabel(t)} does not exist or is not visible to the provider's role; ` +
      "the attachment activates a policy for an existing user.",
  );
}

/** Whether the recorded resource and a declaration name the same target (a user called ACCOUNT is not the account). */
function sameTarget(olds: Partial<AttachmentOutputs>, t: Target): boolean {
  if (olds.user === undefined) return t.kind === "account";
  return t.kind === "user" && !isUnknown(olds.user) && Ident.parse(olds.user).name === t.user.name;
}

const head = (t: Target) => `NetworkPolicyAttachment ${targetSql(t)}`;

/** Target → the resource that declared it in this process: two attachments of one target would undo each other. */
const declaredTargets = new Map<string, string>();

export async function check(
  olds: Partial<AttachmentOutputs> | undefined,
  news: AttachmentInputs,
  runner: SqlRunner = sessionRunner(),
): Promise<pulumi.dynamic.CheckResult> {
  const failures: Failure[] = checkMetaInputs(MODEL, news as unknown as Record<string, unknown>, { required: true });
  for (const f of ["networkPolicy", "user"] as const) {
    const v = news[f];
    if (typeof v !== "string" || isUnknown(v) || failures.some((x) => x.property === f)) continue;
    const why = identifierProblem(v);
    if (why) failures.push({ property: f, reason: `${f} ${why}.` });
  }
  const inputs = { ...news, kind: MODEL.kind };
  const known = !isUnknown(news.networkPolicy) && !isUnknown(news.user);
  if (failures.length === 0 && known) {
    const t = targetOf(news);
    const policy = Ident.parse(news.networkPolicy).name;
    const key = targetLabel(t);
    const other = declaredTargets.get(key);
    if (other !== undefined && other !== policy && !olds?.policyName)
      failures.push({
        property: news.user === undefined ? "networkPolicy" : "user",
        reason: `${targetSql(t)} already has a NetworkPolicyAttachment in this program (policy ${other}); one policy is active per target.`,
      });
    else declaredTargets.set(key, policy);
    if (failures.length === 0) failures.push(...(await previewChecks(runner, t, policy, news, !olds?.policyName)));
  }
  return failures.length ? { inputs, failures: presentFailures(MODEL, failures) } : { inputs };
}

/** At preview: the user exists, the guard admits the activation, and the statement `up` will send is shown. */
async function previewChecks(runner: SqlRunner, t: Target, policy: string, news: AttachmentInputs, isNew: boolean): Promise<Failure[]> {
  let active: string | undefined;
  try {
    active = await activePolicy(runner, t);
  } catch {
    return []; // the account cannot be read at preview: up decides, and runs the same checks first
  }
  if (active === undefined) return [{ property: "user", reason: missingUser(t).message }];
  if (active === policy) return [];
  if (news.allowLockout !== true) {
    const why = await guardActivation(runner, t, policy);
    if (why) return [{ property: "networkPolicy", reason: why }];
  }
  if (isNew) await tell("info", [willSend(head(t), setSql(t, policy))]);
  return [];
}

export async function diff(
  _id: string,
  olds: AttachmentOutputs,
  news: AttachmentInputs,
  runner: SqlRunner = sessionRunner(),
): Promise<pulumi.dynamic.DiffResult> {
  if (isUnknown(news.user) || !sameTarget(olds, targetOf(news))) return { changes: true, replaces: ["user"], deleteBeforeReplace: true };
  if (isUnknown(news.networkPolicy)) return { changes: true };
  const t = targetOf(news);
  const policy = Ident.parse(news.networkPolicy).name;
  const active = await activePolicy(runner, t);
  if (active === undefined) return { changes: true };
  const lines: string[] = [];
  if (active !== olds.policyName)
    lines.push(
      `${head(t)}: drifted in Snowflake: networkPolicy (NETWORK_POLICY is ${active === "" ? "unset" : Ident.stored(active).toSql()})`,
    );
  if (active !== policy) lines.push(willSend(head(t), setSql(t, policy)));
  await tell("info", lines);
  return { changes: active !== policy || (news.allowLockout === true) !== (olds.allowLockout === true) };
}

async function apply(runner: SqlRunner, news: AttachmentInputs): Promise<{ t: Target; policy: string; before: string }> {
  const t = targetOf(news);
  const policy = Ident.parse(news.networkPolicy).name;
  const before = await activePolicy(runner, t);
  if (before === undefined) throw missingUser(t);
  if (before !== policy) {
    if (news.allowLockout !== true) {
      const why = await guardActivation(runner, t, policy);
      if (why) throw new Error(`${head(t)}: ${why}`);
    }
    await runner.run(setSql(t, policy), true);
  }
  return { t, policy, before };
}

function outputs(news: AttachmentInputs, t: Target, policy: string, previousPolicy: string): AttachmentOutputs {
  return {
    networkPolicy: news.networkPolicy,
    ...(news.user !== undefined ? { user: news.user } : {}),
    allowLockout: news.allowLockout === true,
    target: targetLabel(t),
    policyName: policy,
    previousPolicy,
  };
}

export async function create(inputs: AttachmentInputs, runner: SqlRunner = sessionRunner()): Promise<pulumi.dynamic.CreateResult> {
  const { t, policy, before } = await apply(runner, inputs);
  return { id: targetLabel(t), outs: outputs(inputs, t, policy, before) };
}

export async function update(
  _id: string,
  olds: AttachmentOutputs,
  news: AttachmentInputs,
  runner: SqlRunner = sessionRunner(),
): Promise<pulumi.dynamic.UpdateResult> {
  const { t, policy } = await apply(runner, news);
  return { outs: outputs(news, t, policy, olds.previousPolicy ?? "") };
}

/** Refresh: the live parameter; unset (or the user gone) drops the resource from state. */
export async function read(id: string, props: AttachmentOutputs, runner: SqlRunner = sessionRunner()): Promise<pulumi.dynamic.ReadResult> {
  const t = targetOf(props ?? { user: id === "ACCOUNT" ? undefined : id });
  const active = await activePolicy(runner, t);
  if (!active) return {};
  const networkPolicy = active === props.policyName ? props.networkPolicy : Ident.stored(active).toSql();
  return { id, props: { ...props, networkPolicy, policyName: active } };
}

export async function remove(id: string, props: AttachmentOutputs, runner: SqlRunner = sessionRunner()): Promise<void> {
  const t = targetOf(props ?? { user: id === "ACCOUNT" ? undefined : id });
  const active = await activePolicy(runner, t);
  if (!active) return;
  if (active !== props.policyName) {
    await tell("warning", [
      `${head(t)}: left in place: NETWORK_POLICY is ${Ident.stored(active).toSql()}, not ${Ident.stored(props.policyName).toSql()} ` +
        "which this resource activated.",
    ]);
    return;
  }
  if (props.previousPolicy === props.policyName) {
    // It was already active when this resource was created: the resource set nothing, so it unsets nothing.
    await tell("info", [`${head(t)}: left in place: ${Ident.stored(active).toSql()} was already active before this resource`]);
    return;
  }
  if (props.allowLockout !== true) {
    const why = await guardActivation(runner, t, "");
    if (why) throw new Error(`${head(t)}: ${why}`);
  }
  await runner.run(unsetSql(t), true);
}
