/**
 * The dynamic-provider methods for every object kind, driven by the kind's model (its property table, rules, key
 * slots and Snowflake facts) and how to DESCRIBE it. Every statement goes through the shared
 * session's executor.
 *
 * Contracts (as in `@pulumi/pulumi/dynamic`):
 *  - `check` fails the preview on invalid input with `{property, reason}` failures. It contacts Snowflake only for a
 *    new or changed blocked role list that names a privileged role (the account parameter, and which privileged roles
 *    exist, each read once per process: see `checkPrivilegedBlockedLists`); invalid input sends nothing.
 *  - `diff` reads the object (one DESCRIBE) and compares desired with observed state; a vanished object is replaced.
 *  - `create` is transactional: if CREATE fails nothing exists. If a statement after a successful CREATE fails, the
 *    error carries the id so the engine records the object (partially initialised) instead of forgetting it. When
 *    CREATE says "already exists" or its result is lost, the object is judged from evidence (`create.ts`): this
 *    create's own lost result completes the create; anything else needs `adoptExisting`.
 *  - `update` sends at most one ALTER ... SET and one ALTER ... UNSET (SET first), plus REFRESH for rotated secrets.
 *  - `delete` is `DROP ... IF EXISTS`: deleting an already-deleted object succeeds. If it fails, the object is
 *    assumed to still exist.
 *  - `read` returns no id when the object is gone, otherwise props and refreshed inputs.
 * @internal
 */
import { PRIVILEGED_ROLES } from "../../model/oauthCommon";
import { Ident, secretFragments } from "../sql/quote";
import { checkPrivilegedBlockedLists } from "../engine/check";
import { presentFailures } from "../engine/meta-check";
import { observedAsInputs, type DescribedProperty } from "../engine/describe";
import { diffResultOf, type Step } from "../engine/plan";
import * as session from "../connection/session";
import { logToEngine } from "../connection/engine-log";
import { isUnknown } from "../../model/unknown";
import { storedNameOf, type Inputs, type KindHooks, type Outputs } from "./hooks";
import { announce, announcementOf } from "./announce";
import { describeFresh, remember } from "./observations";
import { learnPrivilegedParameter, outputsOf } from "./outputs";
import { clientSecrets, observationOf, planWithParameters, requestFor, runSteps } from "./steps";
import { checkAll, notePlannedCreate, referenceFailures, sessionAccountFacts, tagReferenceFailures } from "./validate";
import { runCreate } from "./create";
import { dropUnlessCreatedHere, rememberCreated } from "./delete";
import { observeTags, withTags } from "./tags";
import { refreshedTags } from "../engine/tags";

/**
 * Preview shows an adoption as an adoption: a new resource with `adoptExisting: true` reads the object once at check
 * and tells the engine whether `up` will take over an existing object or create one (the engine itself can only
 * show `+ create`).
 */
async function announceAdoption(hooks: KindHooks, name: string): Promise<void> {
  const stored = Ident.parse(name).name;
  const noun = hooks.spec.describeNoun.toLowerCase();
  let exists: boolean;
  try {
    const described = await hooks.describe(Ident.stored(stored).toSql(), stored);
    remember(hooks, stored, "check", described); // the create that follows in an `up` reuses this read
    exists = described !== undefined;
  } catch {
    return; // the account cannot be read at preview: up decides, as without adoptExisting
  }
  await logToEngine(
    "info",
    exists
      ? `${hooks.spec.resource} ${Ident.stored(stored).toSql()}: adoptExisting: the existing ${noun} will be adopted and converged to the program, not created`
      : `${hooks.spec.resource} ${Ident.stored(stored).toSql()}: adoptExisting: no ${noun} of this name exists; it will be created`,
  );
}

/** The CREATE a create of `news` would send (preview placeholders for unknown values), or undefined. */
async function plannedCreateSql(hooks: KindHooks, news: Inputs): Promise<string | undefined> {
  try {
    const r = await planWithParameters(requestFor(hooks, news, undefined, undefined));
    const c = r.kind === "plan" ? r.steps.find((x) => x.op === "create") : undefined;
    return c && c.op === "create" ? c.sql : undefined;
  } catch {
    return undefined; // an announcement must never fail a preview
  }
}

/** Build the provider object for one kind. */
export function makeProvider(hooks: KindHooks) {
  const { spec } = hooks;

  async function finish(
    inputs: Inputs,
    storedName: string,
    prevSecrets: Outputs | undefined,
    fetchSecrets: boolean,
    createdId?: string,
    after: readonly Step[] = [],
  ): Promise<Outputs> {
    try {
      // Statements after a CREATE (the tags): a failure here leaves an object the engine must keep in state.
      await runSteps(after, secretFragments(inputs));
      const described = await hooks.describe(Ident.stored(storedName).toSql(), storedName);
      if (!described) throw new Error(`${spec.resource} ${storedName} vanished right after it was written`);
      let secrets: { clientId?: string; clientSecret?: string; clientSecret2?: string } | undefined;
      if (hooks.clientSecrets) {
        const idNow = described.get("OAUTH_CLIENT_ID")?.value;
        if (fetchSecrets || !prevSecrets?.clientSecret || (idNow && prevSecrets.clientId && idNow !== prevSecrets.clientId)) {
          secrets = await clientSecrets(storedName);
        } else
          secrets = { clientId: prevSecrets.clientId, clientSecret: prevSecrets.clientSecret, clientSecret2: prevSecrets.clientSecret2 };
      }
      await learnPrivilegedParameter(hooks, described, inputs, prevSecrets);
      return outputsOf(hooks, inputs, storedName, described, secrets, prevSecrets);
    } catch (e: any) {
      if (createdId === undefined) throw e;
      // The object exists: report it as created-but-unhealthy so the engine keeps it in state.
      throw {
        id: createdId,
        properties: { ...inputs, kind: hooks.discriminator, storedName },
        reasons: [String(e?.message ?? e)],
        message: String(e?.message ?? e),
      };
    }
  }

  return {
    async check(olds: Inputs, news: Inputs) {
      const previous = olds && Object.keys(olds).length ? olds : undefined;
      const failures = checkAll(hooks, previous, news);
      // Only valid input may reach the account-dependent rule (invalid input sends nothing). A connection failure
      // there skips the rule rather than failing the preview on the account (see `checkPrivilegedBlockedLists`).
      if (failures.length === 0) failures.push(...(await checkPrivilegedBlockedLists(spec, previous, news, sessionAccountFacts)));
      if (failures.length === 0) failures.push(...(await referenceFailures(hooks, previous, news)));
      if (failures.length === 0) failures.push(...(await tagReferenceFailures(hooks, previous, news)));
      if (failures.length === 0 && !isUnknown(news.name)) hooks.declare?.(Ident.parse(news.name).name, news);
      if (failures.length === 0 && !previous && news.adoptExisting === true && !isUnknown(news.name))
        await announceAdoption(hooks, news.name);
      // A new or renamed object: its name is taken in this deployment (a reference to it is not "missing").
      if (failures.length === 0 && !isUnknown(news.name) && (!previous || previous.name !== news.name)) notePlannedCreate(hooks, news.name);
      if (failures.length === 0 && !previous && news.adoptExisting !== true && !isUnknown(news.name)) {
        // A new resource: the engine calls no diff, so check announces the CREATE up will send.
        const sql = await plannedCreateSql(hooks, news);
        if (sql)
          await announce(hooks, Ident.parse(news.name).name, { statements: [sql], replaces: false, drifted: [] }, secretFragments(news));
      }
      return { inputs: { ...news, kind: hooks.discriminator }, failures: presentFailures(hooks.model, failures) };
    },

    async diff(id: string, olds: Outputs, news: Inputs) {
      const storedName = storedNameOf(olds, id);
      const described = await describeFresh(hooks, storedName, "read");
      remember(hooks, storedName, "diff", described);
      if (!described) return { changes: true, replaces: ["name"], deleteBeforeReplace: true };
      const observed = withTags(observationOf(hooks, described, news), await observeTags(hooks, storedName, news, olds));
      const r = await planWithParameters(requestFor(hooks, news, olds, observed, storedName));
      if (r.kind === "error") throw new Error(`${spec.resource} ${storedName}: ${r.message}`);
      if (r.kind !== "plan") throw new Error("unreachable");
      const changed = r.steps.flatMap((x) => (x.op === "set" || x.op === "unset" ? x.props : []));
      if (changed.length > 0 && hooks.guardChange) {
        const why = await hooks.guardChange(storedName, news, changed);
        if (why) throw new Error(`${spec.resource} ${storedName}: ${why}`);
      }
      const createSql = r.steps.some((x) => x.op === "replace") ? await plannedCreateSql(hooks, news) : undefined;
      await announce(hooks, storedName, announcementOf(hooks, storedName, r.steps, olds, news, createSql), secretFragments(news));
      const result = diffResultOf(r.steps);
      // Dropped and re-created outside this deployment (by hand, or by a create whose outcome the engine never heard)
      // with the same properties: nothing to SET, but Snowflake generated a new client id and new secrets, and the
      // outputs in state still hold the old ones. An update (no statement) reads them again (finish()).
      const idNow = hooks.clientSecrets ? described.get("OAUTH_CLIENT_ID")?.value : undefined;
      if (!result.changes && idNow && typeof olds.clientId === "string" && idNow !== olds.clientId) {
        await logToEngine(
          "info",
          `${spec.resource} ${Ident.stored(storedName).toSql()}: its client id changed in Snowflake (the integration was re-created); ` +
            "up reads the new client id and secrets, and sends no statement",
        );
        return { ...result, changes: true };
      }
      return result;
    },

    async create(inputs: Inputs) {
      const storedName = Ident.parse(inputs.name).name;
      let existing: Map<string, DescribedProperty> | undefined;
      if (inputs.adoptExisting === true) existing = await describeFresh(hooks, storedName, "check");
      if (existing) {
        const observed = withTags(observationOf(hooks, existing, inputs), await observeTags(hooks, storedName, inputs, undefined));
        const r = await planWithParameters(requestFor(hooks, inputs, undefined, observed, storedName));
        if (r.kind === "error") throw new Error(`${spec.resource} ${storedName}: ${r.message}`);
        if (r.kind !== "plan") throw new Error("unreachable");
        const rep = r.steps.find((s) => s.op === "replace");
        if (rep && rep.op === "replace") {
          throw new Error(
            `cannot adopt ${spec.resource} ${storedName}: ${rep.props.join(", ")} differ(s) from the existing object and cannot be altered; ` +
              "change the program to match it, or drop the object first",
          );
        }
        await runSteps(
          r.steps.filter((s) => s.op !== "refreshSecret"),
          secretFragments(inputs),
        );
        return { id: storedName, outs: await finish(inputs, storedName, undefined, true, storedName) };
      }
      const r = await planWithParameters(requestFor(hooks, inputs, undefined, undefined));
      if (r.kind === "error") throw new Error(`${spec.resource} ${storedName}: ${r.message}`);
      if (r.kind !== "plan") throw new Error("unreachable");
      // A lost or "already exists" outcome is judged from evidence (create.ts): this create's own object completes.
      const [first, ...after] = r.steps;
      await runCreate(hooks, inputs, storedName, [first]);
      const outs = await finish(inputs, storedName, undefined, true, storedName, after);
      rememberCreated(hooks, storedName, outs);
      return { id: storedName, outs };
    },

    async read(id: string, props?: Outputs) {
      const previous = props ?? {};
      const storedName = storedNameOf(previous, id);
      const described = await hooks.describe(Ident.stored(storedName).toSql(), storedName);
      if (!described) return {};
      remember(hooks, storedName, "read", described);
      const observed = observationOf(hooks, described, previous);
      const blocked = Object.entries(spec.table).find(([, p]) => p.privilegedParam);
      const params: Record<string, boolean | undefined> = {};
      if (blocked) {
        const seen = (observed.values[blocked[0]] as string[] | undefined) ?? [];
        if (seen.some((r) => PRIVILEGED_ROLES.includes(r))) {
          params[blocked[1].privilegedParam!] = await session.accountBooleanParameter(blocked[1].privilegedParam!);
        }
      }
      const prevInputs: Inputs = {};
      for (const k of Object.keys(previous)) if (k in spec.table || hooks.metaInputs.includes(k)) prevInputs[k] = previous[k];
      const refreshed = observedAsInputs(spec, observed, prevInputs, params);
      const inputs: Inputs = { ...prevInputs, ...refreshed };
      const tags = await observeTags(hooks, storedName, undefined, previous);
      if (tags) inputs.tags = refreshedTags(previous.tags, tags);
      for (const k of Object.keys(spec.table)) if (!(k in refreshed)) delete inputs[k];
      let secrets: Outputs | undefined;
      if (hooks.clientSecrets) {
        const idNow = described.get("OAUTH_CLIENT_ID")?.value;
        // A new client id (re-created by hand), or none known yet (an import): read the secrets.
        secrets = idNow && idNow !== previous.clientId ? await clientSecrets(storedName) : previous;
      }
      return {
        id,
        props: outputsOf(hooks, inputs, storedName, described, secrets, previous),
        inputs: { ...inputs, kind: hooks.discriminator },
      };
    },

    async update(id: string, olds: Outputs, news: Inputs) {
      const storedName = storedNameOf(olds, id);
      const described = await describeFresh(hooks, storedName, "diff");
      if (!described)
        throw new Error(`${spec.resource} ${storedName} does not exist any more; run pulumi refresh, then pulumi up to recreate it`);
      const observed = withTags(observationOf(hooks, described, news), await observeTags(hooks, storedName, news, olds));
      const r = await planWithParameters(requestFor(hooks, news, olds, observed, storedName));
      if (r.kind === "error") throw new Error(`${spec.resource} ${storedName}: ${r.message}`);
      if (r.kind !== "plan") throw new Error("unreachable");
      await runSteps(r.steps, secretFragments(news));
      const renamed = r.steps.find((s) => s.op === "rename");
      const newStored = renamed && renamed.op === "rename" ? renamed.to : storedName;
      const rotated = r.steps.some((s) => s.op === "refreshSecret");
      return { outs: await finish(news, newStored, olds, rotated) };
    },

    async delete(id: string, props: Outputs) {
      const storedName = storedNameOf(props, id);
      await dropUnlessCreatedHere(hooks, storedName, props);
    },
  };
}
