/**
 * Issue 9: "A reset must never leave a stack stuck." Driven by the model (`RESOURCES` and their property tables), so a
 * property added to a table later is covered without touching this file.
 *
 * For every object kind and every sub-kind (custom client types; partner clients; External OAuth types; network
 * policy) one stack declares minimal resources with every resettable property left unset (Snowflake's default):
 * resettable = `reset` other than "replace", settable, taken by that sub-kind, and with a `describe` row (a property
 * DESCRIBE does not show cannot drift visibly; those are listed, not covered). Then, through the real engine:
 *   up → every such property drifted by hand (out-of-band ALTER ... SET as an administrator, with a value the model
 *   accepts for that sub-kind) → preview shows an update for every drifted resource → up succeeds (no resource left
 *   stuck) → DESCRIBE shows every default again → a second up is a no-op (no ALTER sent).
 * Properties whose drifts would together break a cross-field rule of the model (e.g. ALLOWED_ROLES_LIST with
 * OAUTH_USE_SECONDARY_ROLES = IMPLICIT) go to another resource of the same sub-kind, so the whole matrix is one stack.
 *
 * Also a unit check (no engine): every default lies inside its property's range (`range` and each `rangeByKind`
 * entry), is one of `values` for enums, and passes the provider's own field check for every sub-kind that takes it.
 */
import * as assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { RESOURCES } from "../../model/index";
import { PRIVILEGED_ROLES } from "../../model/oauthCommon";
import type { ResourceModel } from "../../model/resource";
import type { NormValue, ObjectSpec, PropSpec } from "../../model/types";
import { checkField, checkInputs } from "../../provider/engine/check";
import * as sdk from "../../sdk/index";
import { createTestStack, type TestStack } from "../helpers/pulumi";
import { ProviderFixture, changes } from "../helpers/provider-fixture";
import { steps } from "../helpers/steps";

// ---------------------------------------------------------------------------------------------------------------
// The matrix, derived from the model

/** The smallest valid resource of each class (its required inputs only; no resettable property). */
const BASE: Readonly<Record<string, (sub: string | undefined) => Record<string, unknown>>> = {
  OAuthIntegration: () => ({ oauthRedirectUri: "https://reset.example.com/cb" }),
  PartnerOAuthIntegration: (sub) => (sub === "LOOKER" ? { oauthRedirectUri: "https://looker.example.com/cb" } : {}),
  ExternalOAuthIntegration: (sub) => ({
    externalOAuthIssuer: `https://idp.example.com/${String(sub).toLowerCase()}`,
    externalOAuthTokenUserMappingClaim: ["sub"],
    externalOAuthSnowflakeUserMappingAttribute: "LOGIN_NAME",
    externalOAuthJwsKeysUrl: [`https://idp.example.com/${String(sub).toLowerCase()}/keys`],
  }),
  NetworkPolicy: () => ({}),
};

/** An existing network policy, for `identifierRef` drifts (created out of band before the test). */
const DRIFT_NP = "RM_DRIFT_NP";
/** A role per role-list property (by SQL name), so no role lands in two lists (allowed ∩ blocked is refused). */
const roleFor = (p: PropSpec): string => `RM_${p.sql}`;

interface Drift {
  readonly arg: string;
  readonly p: PropSpec;
  /** Non-default values the model accepts for this sub-kind, in order of preference (the first the emulator takes is used). */
  readonly candidates: readonly unknown[];
}

interface Planned {
  readonly model: ResourceModel;
  readonly spec: ObjectSpec;
  readonly sub: string | undefined;
  readonly label: string;
  readonly logical: string;
  readonly sqlName: string;
  readonly inputs: Record<string, unknown>;
  readonly drifts: Drift[];
}

interface Excluded {
  readonly where: string;
  readonly arg: string;
  readonly sql: string;
  readonly reason: string;
}

/** The argument whose values are the sub-kinds: `subKindArg`, else the required immutable enum (custom client type). */
function variantArg(spec: ObjectSpec): string | undefined {
  if (spec.subKindArg) return spec.subKindArg;
  return Object.entries(spec.table).find(([, p]) => p.required && p.kind === "enum" && p.reset === "replace")?.[0];
}

function takes(p: PropSpec, spec: ObjectSpec, sub: string | undefined): boolean {
  if (!p.kinds) return true;
  return spec.subKindArg !== undefined && sub !== undefined && p.kinds.includes(sub);
}

let ipCounter = 0;
/** Non-default values of `p` for sub-kind `sub`, before the model check. */
function rawCandidates(p: PropSpec, sub: string | undefined): unknown[] {
  const d = p.default?.value;
  switch (p.kind) {
    case "bool":
      return [!(d ?? false)];
    case "int": {
      const r = (sub !== undefined ? p.rangeByKind?.[sub] : undefined) ?? p.range;
      if (!r) return [typeof d === "number" ? d + 1 : 1];
      return [...new Set([r.min, r.max, Math.floor((r.min + r.max) / 2), r.min + 1])].filter((v) => v !== d);
    }
    case "enum":
      return (p.values ?? []).filter((v) => v !== d);
    case "string":
      return ["drifted by hand", ";", "x"].filter((v) => v !== d);
    case "identifierRef":
      return [DRIFT_NP];
    case "roleList":
      return [[roleFor(p)]];
    case "stringList":
      return [["https://drifted.example.com/value"]];
    case "ipList":
      ipCounter++;
      return [[`10.${ipCounter}.0.0/16`]];
    case "qualifiedList":
      return [[`RM_DB.RM_SCHEMA.RM_RULE_${p.sql}`]];
  }
}

function buildMatrix(): { planned: Planned[]; excluded: Excluded[]; replaceOnly: number; missingBase: string[] } {
  const planned: Planned[] = [];
  const excluded: Excluded[] = [];
  const missingBase: string[] = [];
  let replaceOnly = 0;
  for (const model of RESOURCES) {
    const spec = model.object;
    if (!spec) continue;
    const base = BASE[model.className];
    if (!base) {
      missingBase.push(model.className);
      continue;
    }
    const vArg = variantArg(spec);
    const subs: (string | undefined)[] = vArg ? [...(spec.table[vArg].values ?? [])] : [undefined];
    for (const variant of subs) {
      const sub = spec.subKindArg ? variant : undefined;
      const label = `${model.className}${variant ? `/${variant}` : ""}`;
      const inputs0: Record<string, unknown> = { ...(vArg ? { [vArg]: variant } : {}), ...base(variant) };
      const groups: Drift[][] = [];
      for (const [arg, p] of Object.entries(spec.table)) {
        if (!takes(p, spec, sub)) continue;
        if (p.reset === "replace") {
          replaceOnly++;
          continue;
        }
        if (!p.describe) {
          excluded.push({ where: label, arg, sql: p.sql, reason: "no DESCRIBE row in the model: drift is not detectable" });
          continue;
        }
        if (!p.set) {
          excluded.push({ where: label, arg, sql: p.sql, reason: `reset "${p.reset}" but set: false (cannot be altered)` });
          continue;
        }
        const valid = rawCandidates(p, sub).filter((v) => checkInputs(spec, { ...inputs0, [arg]: v }).length === 0);
        if (valid.length === 0) {
          excluded.push({ where: label, arg, sql: p.sql, reason: "no non-default value passes the model's check for this sub-kind" });
          continue;
        }
        const d: Drift = { arg, p, candidates: valid };
        const merged = (g: Drift[]) => Object.fromEntries([...g, d].map((x) => [x.arg, x.candidates[0]]));
        const home = groups.find((g) => checkInputs(spec, { ...inputs0, ...merged(g) }).length === 0);
        if (home) home.push(d);
        else groups.push([d]);
      }
      groups.forEach((drifts, i) => {
        const sqlName = `RM_${model.kind}_${variant ?? "X"}_${i + 1}`.toUpperCase().replace(/[^A-Z0-9_]/g, "_");
        planned.push({ model, spec, sub, label, logical: sqlName.toLowerCase(), sqlName, inputs: { name: sqlName, ...inputs0 }, drifts });
      });
      if (groups.length === 0) {
        // A sub-kind with nothing resettable still gets a resource, so it is at least created and left alone.
        const sqlName = `RM_${model.kind}_${variant ?? "X"}_0`.toUpperCase().replace(/[^A-Z0-9_]/g, "_");
        planned.push({
          model,
          spec,
          sub,
          label,
          logical: sqlName.toLowerCase(),
          sqlName,
          inputs: { name: sqlName, ...inputs0 },
          drifts: [],
        });
      }
    }
  }
  return { planned, excluded, replaceOnly, missingBase };
}

const MATRIX = buildMatrix();
const ROLES = [...new Set(MATRIX.planned.flatMap((r) => r.drifts.filter((d) => d.p.kind === "roleList").map((d) => roleFor(d.p))))].sort();

// ---------------------------------------------------------------------------------------------------------------
// SQL as an administrator types it, and DESCRIBE read independently of the provider's parsers

const q = (s: string): string => `'${s.replace(/'/g, "''")}'`;

function literal(p: PropSpec, v: unknown): string {
  switch (p.kind) {
    case "bool":
      return v ? "TRUE" : "FALSE";
    case "int":
      return String(v);
    case "enum":
      return p.literal === "quoted" ? q(String(v)) : String(v);
    case "string":
    case "identifierRef":
      return q(String(v));
    case "roleList":
    case "qualifiedList":
      return `(${(v as string[]).join(", ")})`;
    case "stringList":
    case "ipList":
      return `(${(v as string[]).map(q).join(", ")})`;
  }
}

/** The normal form both sides are compared in: sorted lists, upper-case enums. */
function norm(p: PropSpec, v: unknown): NormValue {
  if (Array.isArray(v)) return [...new Set(v.map(String))].sort();
  if (p.kind === "enum") return String(v).toUpperCase();
  return v as NormValue;
}

function parseCell(p: PropSpec, cell: string | undefined): NormValue {
  const text = (cell ?? "").trim();
  switch (p.describe!.parse) {
    case "bool":
      return text.toLowerCase() === "true";
    case "int":
      return Number(text);
    case "string":
      return p.kind === "enum" ? text.toUpperCase() : (cell ?? "");
    case "commaList":
    case "bracketList": {
      const inner = text.startsWith("[") && text.endsWith("]") ? text.slice(1, -1) : text;
      return [
        ...new Set(
          inner
            .split(",")
            .map((x) => x.trim().replace(/^['"]|['"]$/g, ""))
            .filter((x) => x !== ""),
        ),
      ].sort();
    }
    case "ruleJson":
      return text === "" ? [] : (JSON.parse(text) as { fullyQualifiedRuleName: string }[]).map((x) => x.fullyQualifiedRuleName).sort();
  }
}

const { fx, measured } = ProviderFixture.forFile(
  "ResetMatrix",
  ...ROLES.map((r) => `CREATE ROLE ${r}`),
  `CREATE NETWORK POLICY ${DRIFT_NP} ALLOWED_IP_LIST = ('10.0.0.0/8')`,
  // The rules the rule-list drifts name (a policy may only name rules that exist).
  "CREATE DATABASE RM_DB",
  "CREATE SCHEMA RM_DB.RM_SCHEMA",
  ...["ALLOWED", "BLOCKED"].map(
    (l) => `CREATE NETWORK RULE RM_DB.RM_SCHEMA.RM_RULE_${l}_NETWORK_RULE_LIST TYPE = IPV4 VALUE_LIST = ('10.9.9.9')`,
  ),
);

/** DESCRIBE rows as `{row: value}` (network policies: plus COMMENT from SHOW NETWORK POLICIES, as the model documents). */
async function describeRows(r: Planned): Promise<Record<string, string>> {
  const res = await fx.emu.execAsAdmin(`DESCRIBE ${r.spec.describeNoun} ${r.sqlName}`);
  const names = res.columns.map((c) => c.name.toLowerCase());
  const key = names.includes("property") ? names.indexOf("property") : names.indexOf("name");
  const val = names.includes("property_value") ? names.indexOf("property_value") : names.indexOf("value");
  const out: Record<string, string> = Object.fromEntries(res.rows.map((row) => [String(row[key]), row[val] ?? ""]));
  if (r.spec.describeNoun === "NETWORK POLICY") {
    const show = await fx.emu.execAsAdmin(`SHOW NETWORK POLICIES LIKE '${r.sqlName}'`);
    const c = show.columns.findIndex((x) => x.name.toLowerCase() === "comment");
    if (show.rows[0] && c >= 0) out.COMMENT = show.rows[0][c] ?? "";
  }
  return out;
}

/** What DESCRIBE shows for `d`, normalised; blocked lists without the privileged roles Snowflake adds itself. */
function observed(d: Drift, rows: Record<string, string>): NormValue {
  const v = parseCell(d.p, rows[d.p.describe!.row]);
  return d.p.privilegedParam && Array.isArray(v) ? v.filter((x) => !PRIVILEGED_ROLES.includes(x)) : v;
}

const expectedDefault = (p: PropSpec): NormValue => norm(p, p.default?.value ?? (p.kind.endsWith("List") ? [] : ""));

// ---------------------------------------------------------------------------------------------------------------

describe("model: every default lies inside its kind's range and is accepted by check() (no engine)", () => {
  it("defaults vs range, rangeByKind, values, maxItems and the field check of every sub-kind", () => {
    const problems: string[] = [];
    let checked = 0;
    for (const model of RESOURCES) {
      const spec = model.object;
      if (!spec) continue;
      const vArg = spec.subKindArg;
      const subs: (string | undefined)[] = vArg ? [...(spec.table[vArg].values ?? [])] : [undefined];
      for (const [arg, p] of Object.entries(spec.table)) {
        const where = `${model.className}.${arg} (${p.sql})`;
        if ((p.reset === "setDefault" || p.alwaysAtCreate) && !p.default)
          problems.push(`${where}: reset "${p.reset}" writes the default, but it has none`);
        if (!p.default) continue;
        checked++;
        const d = p.default.value;
        if (p.kind === "int") {
          if (typeof d !== "number" || !Number.isInteger(d)) problems.push(`${where}: default ${String(d)} is not an integer`);
          else {
            if (p.range && (d < p.range.min || d > p.range.max))
              problems.push(`${where}: default ${d} outside range ${p.range.min}–${p.range.max}`);
            for (const [k, r] of Object.entries(p.rangeByKind ?? {})) {
              if (d < r.min || d > r.max) problems.push(`${where}: default ${d} outside the ${k} range ${r.min}–${r.max}`);
            }
          }
        }
        if (p.kind === "enum" && !(p.values ?? []).includes(String(d).toUpperCase()))
          problems.push(`${where}: default '${String(d)}' not one of ${(p.values ?? []).join(", ")}`);
        if (Array.isArray(d)) {
          const maxes = [p.maxItems, ...Object.values(p.maxItemsByKind ?? {})].filter((x): x is number => x !== undefined);
          for (const m of maxes) if (d.length > m) problems.push(`${where}: default has ${d.length} items, more than ${m}`);
        }
        for (const sub of subs) {
          if (!takes(p, spec, sub)) continue;
          for (const f of checkField(arg, p, d, sub))
            problems.push(`${where}${sub ? ` for ${sub}` : ""}: check() refuses the default: ${f.reason}`);
        }
      }
    }
    console.log(`RESET MATRIX unit: ${checked} defaults checked`);
    assert.deepEqual(problems, []);
  });
});

describe("reset matrix: drift every resettable property of every kind, then up (never stuck)", { timeout: 600_000 }, () => {
  const { planned, excluded } = MATRIX;
  const program = async () => {
    for (const r of planned) {
      const Ctor = (sdk as unknown as Record<string, new (name: string, args: Record<string, unknown>) => unknown>)[r.model.className];
      new Ctor(r.logical, r.inputs);
    }
    return {};
  };
  let s: TestStack;
  /** Drifts the emulator accepted, per resource. */
  const applied = new Map<Planned, { d: Drift; value: unknown }[]>();
  /** Valid values the emulator refused (a fallback candidate may have been used instead). */
  const refused: string[] = [];
  const notDrifted: string[] = [];
  const t0 = Date.now();

  before(async () => {
    s = await createTestStack({ name: "reset-matrix", target: fx.target(), program });
  });
  after(async () => {
    await s?.dispose();
    const covered = [...applied.values()].reduce((n, a) => n + a.length, 0);
    const planned_ = planned.reduce((n, r) => n + r.drifts.length, 0);
    const variants = new Set(planned.map((r) => r.label));
    const props = new Set([...applied.entries()].flatMap(([r, a]) => a.map((x) => `${r.model.className}.${x.d.arg}`)));
    console.log(
      `RESET MATRIX: ${covered} (property × sub-kind) drifts applied of ${planned_} planned; ${props.size} distinct properties ` +
        `× ${variants.size} sub-kinds (${[...variants].join(", ")}); ${planned.length} resources in one stack; ` +
        `${MATRIX.replaceOnly} (property × sub-kind) pairs reset by replacement, not covered; ${Math.round((Date.now() - t0) / 1000)} s`,
    );
    for (const e of excluded) console.log(`RESET MATRIX excluded: ${e.where} ${e.arg} (${e.sql}): ${e.reason}`);
    for (const x of refused) console.log(`RESET MATRIX emulator refused a valid drift value: ${x}`);
    for (const x of notDrifted) console.log(`RESET MATRIX not drifted: ${x}`);
    assert.deepEqual(notDrifted, [], "every planned drift was applied");
  });
  const step = steps();

  step("every model class has a minimal resource, which declares no resettable property and passes check()", async () => {
    assert.deepEqual(MATRIX.missingBase, [], "add a minimal valid resource to BASE for each new resource class");
    for (const r of planned) {
      assert.deepEqual(checkInputs(r.spec, r.inputs), [], `${r.label}: the minimal resource is valid`);
      for (const k of Object.keys(r.inputs)) {
        const p = r.spec.table[k];
        assert.ok(!p || p.reset === "replace", `${r.label}: ${k} is resettable, so it must be left unset`);
      }
    }
    assert.ok(planned.some((r) => r.drifts.length > 0));
    await Promise.resolve();
  });

  step("up creates every resource; DESCRIBE shows the model's default for every property left unset", async () => {
    const c = await fx.measure(() => s.up(program));
    measured.record(`create (${planned.length} resources)`, c.t);
    assert.deepEqual(changes(c.r.summary), { create: planned.length + 1 });
    const wrong: string[] = [];
    for (const r of planned) {
      const rows = await describeRows(r);
      for (const d of r.drifts) {
        const got = observed(d, rows);
        if (JSON.stringify(got) !== JSON.stringify(expectedDefault(d.p)))
          wrong.push(`${r.label} ${d.p.sql}: DESCRIBE ${JSON.stringify(got)}, model default ${JSON.stringify(expectedDefault(d.p))}`);
      }
    }
    assert.deepEqual(wrong, []);
  });

  step("every resettable property is drifted by hand (ALTER ... SET as an administrator) and DESCRIBE shows it", async () => {
    for (const r of planned) {
      const done: { d: Drift; value: unknown }[] = [];
      for (const d of r.drifts) {
        let taken: unknown;
        let found = false;
        for (const v of d.candidates) {
          const sql = `ALTER ${r.spec.alterNoun} ${r.sqlName} SET ${d.p.sql} = ${literal(d.p, v)}`;
          try {
            await fx.admin(sql);
            taken = v;
            found = true;
            break;
          } catch (e) {
            const err = e as { code?: string; message?: string };
            refused.push(`${r.label} ${d.p.sql} = ${literal(d.p, v)}: ${err.code ?? ""} ${String(err.message ?? e).replace(/\n/g, " ")}`);
          }
        }
        if (!found) {
          notDrifted.push(
            `${r.label} ${d.p.sql}: the emulator refused every valid value (${d.candidates.map((v) => literal(d.p, v)).join(" | ")})`,
          );
          continue;
        }
        done.push({ d, value: taken });
      }
      const rows = await describeRows(r);
      const visible = done.filter(({ d, value }) => {
        const ok = JSON.stringify(observed(d, rows)) === JSON.stringify(norm(d.p, value));
        if (!ok)
          notDrifted.push(
            `${r.label} ${d.p.sql}: set to ${literal(d.p, value)} but DESCRIBE row ${d.p.describe!.row} shows ${JSON.stringify(rows[d.p.describe!.row])}`,
          );
        return ok;
      });
      if (visible.length) applied.set(r, visible);
    }
    assert.ok(applied.size > 0, "something was drifted");
  });

  step("preview shows an update for every drifted resource, and only for them", async () => {
    const pv = await fx.measure(() => s.preview(program));
    measured.record("preview (all drifted)", pv.t);
    assert.equal(pv.r.changeSummary.update ?? 0, applied.size, pv.r.stdout);
    assert.equal(pv.r.changeSummary.same ?? 0, planned.length + 1 - applied.size);
    const unmarked: string[] = [];
    let markedCount = 0;
    for (const [r, ds] of applied) {
      const block = new RegExp(
        `~ [^\\n]*:${r.model.typeName}: \\(update\\)\\n\\s+\\[id=${r.sqlName}\\]\\n\\s+\\[urn=[^\\]]*::${r.logical}\\]\\n((?:\\s{6,}[^\\n]*\\n?)*)`,
      ).exec(pv.r.stdout);
      assert.ok(block, `${r.label} ${r.logical} shows as an update`);
      // preview --diff should mark each drifted input (issue 9, "detailedDiff marks exactly the properties that drifted").
      const marked = ds.filter(({ d }) => new RegExp(`[~+-] ${d.arg}\\s*:`).test(block[1]));
      markedCount += marked.length;
      if (marked.length < ds.length)
        unmarked.push(
          `${r.sqlName}: ${ds
            .filter((x) => !marked.includes(x))
            .map((x) => x.d.arg)
            .join(", ")}`,
        );
    }
    const total = [...applied.values()].reduce((n, a) => n + a.length, 0);
    const detail =
      markedCount === 0 ? " (no field is marked in any resource)" : unmarked.length ? `; unmarked: ${unmarked.join("; ")}` : "";
    console.log(`RESET MATRIX preview --diff marks ${markedCount} of ${total} drifted inputs${detail}`);
    assert.equal(pv.t.statements.filter((x) => /^(ALTER|CREATE|DROP)\b/.test(x)).length, 0, "preview writes nothing");
  });

  step("up repairs every drift (no resource left stuck) and DESCRIBE shows the defaults again", async () => {
    const m = fx.mark();
    let error: string | undefined;
    try {
      const u = await s.stack.up({ program, color: "never", continueOnError: true });
      assert.deepEqual(changes(u.summary), { same: planned.length + 1 - applied.size, update: applied.size });
    } catch (e) {
      error = String((e as Error).message ?? e);
    }
    const t = fx.since(m);
    measured.record("repair up", t);
    const stuck: string[] = [];
    if (error !== undefined) {
      for (const r of planned) {
        // Engine lines name the resource (`... rm_x **updating failed** error: <text>`); keep each distinct error text once.
        const texts = error
          .split("\n")
          .filter(
            (l) =>
              (l.includes(r.logical) || l.includes(r.sqlName)) && /\berror: /.test(l) && !/Unhandled exception|failed to register/.test(l),
          )
          .map((l) => l.slice(l.indexOf("error: ") + 7).trim());
        if (texts.length) stuck.push(`${r.label} ${r.sqlName}: ${[...new Set(texts)].join(" / ")}`);
      }
      if (stuck.length === 0) stuck.push(`up failed: ${error}`);
      for (const f of t.failed) stuck.push(`failed statement: ${f}`);
    }
    const notReset: string[] = [];
    for (const [r, ds] of applied) {
      const rows = await describeRows(r);
      for (const { d } of ds) {
        const got = observed(d, rows);
        if (JSON.stringify(got) !== JSON.stringify(expectedDefault(d.p)))
          notReset.push(`${r.label} ${d.p.sql}: DESCRIBE ${JSON.stringify(got)}, default ${JSON.stringify(expectedDefault(d.p))}`);
      }
    }
    for (const x of stuck) console.log(`RESET MATRIX stuck: ${x}`);
    for (const x of notReset) console.log(`RESET MATRIX not reset: ${x}`);
    assert.deepEqual(stuck, [], "no resource is stuck");
    assert.deepEqual(notReset, [], "DESCRIBE shows every default again");
  });

  step("a second up is a no-op: no ALTER sent", async () => {
    const n = await fx.measure(() => s.up(program));
    measured.record("no-op up", n.t);
    assert.deepEqual(changes(n.r.summary), { same: planned.length + 1 });
    assert.deepEqual(
      n.t.statements.filter((x) => !/^(DESCRIBE|SHOW)\b/.test(x)),
      [],
      "only reads",
    );
  });
});
