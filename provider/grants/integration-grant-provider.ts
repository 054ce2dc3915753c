/**
 * Implementation of `IntegrationGrant` (model `model/integrationGrant.ts`): one privilege on a security integration
 * granted to a role, read from `SHOW GRANTS ON INTEGRATION` (https://docs.snowflake.com/en/sql-reference/sql/show-grants:
 * `privilege`, `granted_to` = ROLE, `grantee_name`). GRANT of a privilege the role holds already changes nothing in
 * Snowflake, so create and repair are plain GRANTs; delete revokes only a grant that exists.
 * @internal
 */
import type * as pulumi from "@pulumi/pulumi";
import { INTEGRATION_GRANT } from "../../model/integrationGrant";
import { isUnknown } from "../../model/unknown";
import type { Failure } from "../../model/types";
import { checkMetaInputs, presentFailures } from "../engine/meta-check";
import { sessionRunner, type SqlRunner } from "../connection/runner";
import { isNotFound } from "../sql/errors";
import { Ident, identifierProblem } from "../sql/quote";
import { tellEngine } from "../connection/engine-log";
import { willSend } from "../resources/announce";

export interface GrantInputs {
  integration: string;
  privilege: string;
  role: string;
}
export interface GrantOutputs extends GrantInputs {
  integrationName: string;
  roleName: string;
  preExisting?: boolean;
}

const MODEL = INTEGRATION_GRANT;

function parts(i: { integration: string; privilege: string; role: string; integrationName?: string; roleName?: string }) {
  const integration = i.integrationName ? Ident.stored(i.integrationName) : Ident.parse(i.integration);
  const role = i.roleName ? Ident.stored(i.roleName) : Ident.parse(i.role);
  return { integration, role, privilege: i.privilege.toUpperCase() };
}

const grantSql = (p: ReturnType<typeof parts>) => `GRANT ${p.privilege} ON INTEGRATION ${p.integration.toSql()} TO ROLE ${p.role.toSql()}`;
const revokeSql = (p: ReturnType<typeof parts>) =>
  `REVOKE ${p.privilege} ON INTEGRATION ${p.integration.toSql()} FROM ROLE ${p.role.toSql()}`;

/** Is the grant there? undefined when the integration does not exist. */
async function granted(runner: SqlRunner, p: ReturnType<typeof parts>): Promise<boolean | undefined> {
  let rows: Record<string, unknown>[];
  try {
    rows = await runner.run(`SHOW GRANTS ON INTEGRATION ${p.integration.toSql()}`, true);
  } catch (e) {
    if (isNotFound(e)) return undefined;
    throw e;
  }
  return rows.some(
    (r) =>
      String(r.privilege ?? "").toUpperCase() === p.privilege &&
      String(r.granted_to ?? "").toUpperCase() === "ROLE" &&
      String(r.grantee_name ?? "") === p.role.name,
  );
}

export async function check(_olds: unknown, news: GrantInputs): Promise<pulumi.dynamic.CheckResult> {
  const failures: Failure[] = checkMetaInputs(MODEL, news as unknown as Record<string, unknown>, { required: true });
  for (const f of ["integration", "role"] as const) {
    const v = news[f];
    if (typeof v !== "string" || isUnknown(v) || failures.some((x) => x.property === f)) continue;
    const why = identifierProblem(v);
    if (why) failures.push({ property: f, reason: `${f} ${why}.` });
  }
  const inputs = {
    ...news,
    ...(typeof news.privilege === "string" && !isUnknown(news.privilege) ? { privilege: news.privilege.toUpperCase() } : {}),
    kind: MODEL.kind,
  };
  return failures.length ? { inputs, failures: presentFailures(MODEL, failures) } : { inputs };
}

export async function diff(
  _id: string,
  olds: GrantOutputs,
  news: GrantInputs,
  runner: SqlRunner = sessionRunner(),
): Promise<pulumi.dynamic.DiffResult> {
  if ([news.integration, news.privilege, news.role].some(isUnknown))
    return { changes: true, replaces: ["integration"], deleteBeforeReplace: false };
  const n = parts(news);
  const o = parts(olds);
  const replaces = [
    ...(n.integration.name !== o.integration.name ? ["integration"] : []),
    ...(n.privilege !== o.privilege ? ["privilege"] : []),
    ...(n.role.name !== o.role.name ? ["role"] : []),
  ];
  if (replaces.length) return { changes: true, replaces, deleteBeforeReplace: false };
  const there = await granted(runner, o);
  if (there === false)
    await tellEngine("info", [
      `IntegrationGrant ${o.integration.toSql()}: drifted in Snowflake: the grant is missing`,
      willSend(`IntegrationGrant ${o.integration.toSql()}`, grantSql(o)),
    ]);
  return { changes: there !== true };
}

async function apply(runner: SqlRunner, i: GrantInputs, preExisting?: boolean): Promise<GrantOutputs> {
  const p = parts(i);
  const there = await granted(runner, p);
  if (there === undefined)
    throw new Error(`IntegrationGrant: integration ${p.integration.toSql()} does not exist or is not visible to the provider's role.`);
  if (!there) await runner.run(grantSql(p), true);
  return {
    ...i,
    privilege: p.privilege,
    integrationName: p.integration.name,
    roleName: p.role.name,
    preExisting: preExisting ?? there,
  };
}

export async function create(inputs: GrantInputs, runner: SqlRunner = sessionRunner()): Promise<pulumi.dynamic.CreateResult> {
  const outs = await apply(runner, inputs);
  return { id: `${outs.integrationName}/${outs.privilege}/${outs.roleName}`, outs };
}

export async function update(
  _id: string,
  olds: GrantOutputs,
  news: GrantInputs,
  runner: SqlRunner = sessionRunner(),
): Promise<pulumi.dynamic.UpdateResult> {
  // A grant revoked by hand and granted again by this resource is its own from then on.
  const there = await granted(runner, parts(news));
  return { outs: await apply(runner, news, there === true ? olds.preExisting === true : false) };
}

export async function read(id: string, props: GrantOutputs, runner: SqlRunner = sessionRunner()): Promise<pulumi.dynamic.ReadResult> {
  return (await granted(runner, parts(props))) ? { id, props } : {};
}

export async function remove(_id: string, props: GrantOutputs, runner: SqlRunner = sessionRunner()): Promise<void> {
  const p = parts(props);
  if (props.preExisting === true) {
    await tellEngine("info", [`IntegrationGrant ${p.integration.toSql()}: left in place: the grant existed before this resource`]);
    return;
  }
  if (await granted(runner, p)) await runner.run(revokeSql(p), true);
}
