/**
 * Implementation of `RotatingKeyPair` (`pulumi-nodejs:dynamic/snowflake:RotatingKeyPair`). Model:
 * `model/rotatingKeyPair.ts`; the schedule and the statements of each step: `schedule.ts`.
 *
 * Every diff and update reads Snowflake's clock (`SELECT CURRENT_TIMESTAMP()`) and the target's live keys, so a step
 * falls due without a program edit, and a run killed between a statement and the state write converges on the next
 * `up`: a registered key whose private half was never stored is never handed out; the key clients hold stays
 * registered until a new one is (the step is simply taken again with a fresh key).
 * @internal
 */
import type * as pulumi from "@pulumi/pulumi";
import { durationMs, keyPairNameProblem, ROTATING_KEY_PAIR } from "../../model/rotatingKeyPair";
import { isUnknown } from "../../model/unknown";
import type { Failure } from "../../model/types";
import { generateRsaKeyPair, loadPrivateKey, toPublicKeyPem } from "../../sdk/keys";
import { checkMetaInputs, presentFailures } from "../engine/meta-check";
import { Ident, identifierProblem } from "../sql/quote";
import { readKeyPairs } from "./user-key-pair-provider";
import { readSlots } from "./user-rsa-keys-provider";
import { sessionRunner, type SqlRunner } from "../connection/runner";
import { serverNow } from "./server-clock";
import { USER_KEY_SLOTS } from "../../model/userRsaKeys";
import { OAUTH_CUSTOM_KEY_SLOTS } from "../../model/oauthCustom";
import { EXTERNAL_OAUTH_KEY_SLOTS } from "../../model/externalOAuth";
import { convertIntegrationRows, fingerprintOfBody } from "../engine/describe";
import { isNotFound } from "../sql/errors";
import { willSend } from "../resources/announce";
import {
  Cadence,
  dueStep,
  Live,
  nextStep,
  registerStatements,
  removeStatements,
  retireStatements,
  SchedulePlanError,
  ScheduleState,
  StepName,
  Target,
} from "./schedule";

export interface RotatingKeyPairInputs {
  user?: string;
  integration?: string;
  keyPairName?: string;
  rotateEvery: string;
  overlap: string;
  bits?: 2048 | 4096;
  passphrase?: string;
}

export interface RotatingKeyPairOutputs extends RotatingKeyPairInputs {
  currentPrivateKey: string;
  currentPublicKey: string;
  currentFingerprint: string;
  previousFingerprint: string;
  previousPublicKey: string;
  publicKeys: string[];
  phase: "steady" | "overlap";
  rotatedAt: string;
  nextStep: "rotate" | "retire";
  nextStepAt: string;
  rotations: number;
  userName: string;
}

export async function check(
  _olds: Partial<RotatingKeyPairInputs> | undefined,
  news: RotatingKeyPairInputs,
): Promise<pulumi.dynamic.CheckResult> {
  const failures: Failure[] = checkMetaInputs(ROTATING_KEY_PAIR, news as unknown as Record<string, unknown>);
  const given = (v: unknown) => v !== undefined && v !== null;
  if (!isUnknown(news.user) && !isUnknown(news.integration) && given(news.user) === given(news.integration))
    failures.push({ property: given(news.user) ? "integration" : "user", reason: "give exactly one of user and integration." });
  if (given(news.keyPairName) && given(news.integration))
    failures.push({ property: "keyPairName", reason: "keyPairName names a user's key pair; an integration has key slots only." });
  for (const f of ["user", "integration", "keyPairName"] as const) {
    const v = news[f];
    if (typeof v !== "string" || isUnknown(v)) continue;
    const why = identifierProblem(v) ?? (f === "keyPairName" ? keyPairNameProblem(Ident.parse(v).name) : undefined);
    if (why) failures.push({ property: f, reason: why.startsWith(Ident.parse(v).name) ? why : `${f} ${why}.` });
  }
  const every = durationMs(news.rotateEvery);
  const overlap = durationMs(news.overlap);
  if (every !== undefined && overlap !== undefined && overlap >= every)
    failures.push({ property: "overlap", reason: `overlap (${news.overlap}) must be shorter than rotateEvery (${news.rotateEvery}).` });
  const inputs = { ...news, kind: ROTATING_KEY_PAIR.kind };
  return failures.length ? { inputs, failures: presentFailures(ROTATING_KEY_PAIR, failures) } : { inputs };
}

function targetOf(i: { user?: string; integration?: string; keyPairName?: string }): Target {
  if (i.integration) return { kind: "integration", name: Ident.parse(i.integration) };
  const user = Ident.parse(i.user ?? "");
  return i.keyPairName ? { kind: "named", user, name: Ident.parse(i.keyPairName) } : { kind: "legacy", user };
}

function cadenceOf(i: RotatingKeyPairInputs): Cadence {
  return { rotateEveryMs: durationMs(i.rotateEvery)!, overlapMs: durationMs(i.overlap)! };
}

async function readLive(runner: SqlRunner, t: Target): Promise<Live> {
  if (t.kind === "named") {
    const rows = await readKeyPairs(runner, t.user);
    if (!rows) throw missingUser(t.user);
    return { kind: "named", rows };
  }
  if (t.kind === "integration") return readIntegration(runner, t.name);
  const slots = await readSlots(runner, t.user);
  if (!slots) throw missingUser(t.user);
  return { kind: "slots", slots, alter: `USER ${t.user.toSql()}`, spec: USER_KEY_SLOTS };
}

/** An integration's two slots from DESCRIBE: custom clients show fingerprints, External OAuth the raw keys. */
async function readIntegration(runner: SqlRunner, name: Ident): Promise<Live> {
  let rows: Record<string, unknown>[];
  try {
    rows = await runner.run(`DESCRIBE INTEGRATION ${name.toSql()}`, true);
  } catch (e) {
    if (isNotFound(e)) return { kind: "absent" };
    throw e;
  }
  const d = convertIntegrationRows(rows);
  const spec = d.has(OAUTH_CUSTOM_KEY_SLOTS.slot1.describeRow)
    ? OAUTH_CUSTOM_KEY_SLOTS
    : d.has(EXTERNAL_OAUTH_KEY_SLOTS.slot1.describeRow)
      ? EXTERNAL_OAUTH_KEY_SLOTS
      : undefined;
  if (!spec)
    throw new Error(
      `RotatingKeyPair: integration ${name.name} has no RSA key slots (only custom-client OAuth and External OAuth integrations do).`,
    );
  const fp = (row: { describeRow: string; shows: "fingerprint" | "raw" }) => {
    const v = d.get(row.describeRow)?.value ?? "";
    const f = row.shows === "raw" ? fingerprintOfBody(v) : v;
    return f === "" || f === "null" ? undefined : f;
  };
  return { kind: "slots", slots: { slot1: fp(spec.slot1), slot2: fp(spec.slot2) }, alter: `SECURITY INTEGRATION ${name.toSql()}`, spec };
}

function missingUser(user: Ident): Error {
  return new Error(
    `User '${user.name}' does not exist or is not visible to the provider's role; RotatingKeyPair rotates the key of an existing user.`,
  );
}

function stateOf(o: RotatingKeyPairOutputs): ScheduleState {
  return {
    phase: o.phase,
    rotatedAt: o.rotatedAt,
    currentFingerprint: o.currentFingerprint,
    currentBody: o.currentPublicKey.replace(/-----[^-]+-----/g, "").replace(/\s+/g, ""),
    previousFingerprint: o.previousFingerprint,
  };
}

function label(t: Target): string {
  if (t.kind === "integration") return `integration ${t.name.toSql()}`;
  return t.kind === "named" ? `${t.user.toSql()}.${t.name.toSql()}` : `${t.user.toSql()} (legacy slots)`;
}

/** What preview shows for the key `up` will generate. */
const NEW_KEY = { fingerprint: "SHA256:<new key>", body: "<new key>" };

/** The rows/slots diff read, used once by the update the engine runs right after it (one read per up). */
const seen = new Map<string, { at: number; now: Date; live: Live }>();
const SEEN_TTL_MS = 60_000;

export async function diff(
  _id: string,
  olds: RotatingKeyPairOutputs,
  news: RotatingKeyPairInputs,
  runner: SqlRunner = sessionRunner(),
): Promise<pulumi.dynamic.DiffResult> {
  const stored = (v: string | undefined) => (v === undefined ? "" : Ident.parse(v).name);
  const replaces = (["user", "integration", "keyPairName"] as const).filter(
    (f) => isUnknown(news[f]) || stored(news[f]) !== stored(olds[f]),
  );
  if (replaces.length) return { changes: true, replaces: [...replaces], deleteBeforeReplace: false };
  const t = targetOf(news);
  const now = await serverNow(runner);
  const live = await readLive(runner, t);
  seen.set(label(t), { at: Date.now(), now, live });
  const state = stateOf(olds);
  const cadence = cadenceOf(news);
  const step = dueStep(t, live, state, cadence, now);
  // A step Snowflake would refuse (the 10-key limit, a grace beyond the key's life) fails the preview.
  try {
    if (step === "rotate")
      registerStatements(t, live, NEW_KEY, { fingerprint: state.currentFingerprint, body: state.currentBody }, cadence, now);
  } catch (e) {
    if (e instanceof SchedulePlanError) throw new Error(`RotatingKeyPair ${label(t)}: ${e.message}`);
    throw e;
  }
  await announce(t, step, state, cadence, now, live);
  const inputsChanged = (["rotateEvery", "overlap", "bits", "passphrase"] as const).some((f) => (olds[f] ?? "") !== (news[f] ?? ""));
  return { changes: step !== "none" || inputsChanged };
}

async function announce(t: Target, step: StepName, s: ScheduleState, c: Cadence, now: Date, live: Live): Promise<void> {
  const { logToEngine } = require("../connection/engine-log") as typeof import("../connection/engine-log");
  const head = `RotatingKeyPair ${label(t)}`;
  let lines: string[];
  try {
    if (step === "rotate" || step === "retire") {
      const why =
        step === "rotate" && !s.currentFingerprint
          ? ""
          : step === "rotate"
            ? " (the current key is due, or no longer registered)"
            : " (the overlap has passed)";
      const sql =
        step === "rotate"
          ? registerStatements(t, live, NEW_KEY, { fingerprint: s.currentFingerprint, body: s.currentBody }, c, now).statements
          : retireStatements(t, live, { fingerprint: s.currentFingerprint, body: s.currentBody });
      lines = [`${head}: ${step} now${why}`, ...sql.map((x) => willSend(head, x))];
      if (sql.length === 0) lines.push(`${head}: nothing to send (Snowflake expired the rotated-out key)`);
    } else {
      const n = nextStep(s, c);
      const days = ((n.at.getTime() - now.getTime()) / 86_400_000).toFixed(1);
      lines = [`${head}: next step: ${n.step} at ${n.at.toISOString()} (in ${days} days); this up sends nothing`];
    }
  } catch (e) {
    lines = [`${head}: ${(e as Error).message}`];
  }
  await logToEngine("info", lines.join("\n"));
}

async function newKey(i: RotatingKeyPairInputs): Promise<{ pem: string; publicPem: string; fingerprint: string; body: string }> {
  const k = await generateRsaKeyPair({ bits: i.bits ?? 2048, passphrase: i.passphrase });
  return { pem: k.privateKeyPem, publicPem: k.publicKeyPem, fingerprint: k.fingerprint, body: k.publicKeyBody };
}

function outputs(
  i: RotatingKeyPairInputs,
  key: { pem: string; publicPem: string; fingerprint: string },
  s: Omit<ScheduleState, "currentBody" | "currentFingerprint"> & { previousPublicKey: string },
  rotations: number,
): RotatingKeyPairOutputs {
  const n = nextStep({ ...s, currentFingerprint: key.fingerprint, currentBody: "" }, cadenceOf(i));
  const t = targetOf(i);
  return {
    ...(i.user !== undefined ? { user: i.user } : {}),
    ...(i.integration !== undefined ? { integration: i.integration } : {}),
    ...(i.keyPairName !== undefined ? { keyPairName: i.keyPairName } : {}),
    rotateEvery: i.rotateEvery,
    overlap: i.overlap,
    bits: i.bits ?? 2048,
    ...(i.passphrase !== undefined ? { passphrase: i.passphrase } : {}),
    currentPrivateKey: key.pem,
    currentPublicKey: key.publicPem,
    currentFingerprint: key.fingerprint,
    previousFingerprint: s.previousFingerprint,
    previousPublicKey: s.previousPublicKey,
    publicKeys: s.phase === "overlap" && s.previousPublicKey ? [s.previousPublicKey, key.publicPem] : [key.publicPem],
    phase: s.phase,
    rotatedAt: s.rotatedAt,
    nextStep: n.step,
    nextStepAt: n.at.toISOString(),
    rotations,
    userName: t.kind === "integration" ? "" : t.user.name,
  };
}

async function fresh(runner: SqlRunner, t: Target): Promise<{ now: Date; live: Live }> {
  const s = seen.get(label(t));
  seen.delete(label(t));
  if (s && Date.now() - s.at < SEEN_TTL_MS) return { now: s.now, live: s.live };
  return { now: await serverNow(runner), live: await readLive(runner, t) };
}

async function run(runner: SqlRunner, statements: string[]): Promise<void> {
  // In order: the new key must be registered before anything else changes.
  for (const sql of statements) await runner.run(sql, true);
}

export async function create(inputs: RotatingKeyPairInputs, runner: SqlRunner = sessionRunner()): Promise<pulumi.dynamic.CreateResult> {
  const t = targetOf(inputs);
  const { now, live } = await fresh(runner, t);
  if (t.kind === "integration" && live.kind === "slots" && (live.slots.slot1 || live.slots.slot2))
    throw new Error(
      `RotatingKeyPair ${label(t)}: the integration already holds keys this resource did not register. Declare the ` +
        "RotatingKeyPair before the integration registers keys (its rsaPublicKeys from this resource's publicKeys), or clear them first.",
    );
  if (t.kind === "legacy" && live.kind === "slots" && live.slots.slot1 && live.slots.slot2)
    throw new Error(
      `RotatingKeyPair ${label(t)}: both legacy slots already hold keys; it needs a free slot to register its first key beside them. ` +
        "Unset one, or rotate a named key pair instead (keyPairName).",
    );
  const key = await newKey(inputs);
  let r: { statements: string[]; previousFingerprint: string };
  try {
    r = registerStatements(t, live, key, undefined, cadenceOf(inputs), now);
  } catch (e) {
    throw e instanceof SchedulePlanError ? new Error(`RotatingKeyPair ${label(t)}: ${e.message}`) : e;
  }
  await run(runner, r.statements);
  // A key found beside the first one (adopted pair, other legacy slot) is kept through one overlap, then retired.
  const phase = r.previousFingerprint ? "overlap" : "steady";
  const outs = outputs(
    inputs,
    key,
    { phase, rotatedAt: now.toISOString(), previousFingerprint: r.previousFingerprint, previousPublicKey: "" },
    1,
  );
  const id = t.kind === "integration" ? `integration/${t.name.name}` : t.kind === "named" ? `${t.user.name}/${t.name.name}` : t.user.name;
  return { id, outs };
}

export async function update(
  _id: string,
  olds: RotatingKeyPairOutputs,
  news: RotatingKeyPairInputs,
  runner: SqlRunner = sessionRunner(),
): Promise<pulumi.dynamic.UpdateResult> {
  const t = targetOf(news);
  const { now, live } = await fresh(runner, t);
  const state = stateOf(olds);
  // A new passphrase re-encrypts the current key (same key, same fingerprint), whatever step this up takes.
  let pem = olds.currentPrivateKey;
  if ((olds.passphrase ?? "") !== (news.passphrase ?? "")) pem = reEncrypt(olds.currentPrivateKey, olds.passphrase, news.passphrase);
  const current = { pem, publicPem: olds.currentPublicKey, fingerprint: olds.currentFingerprint };
  const step = dueStep(t, live, state, cadenceOf(news), now);
  try {
    if (step === "rotate") {
      const key = await newKey(news);
      const r = registerStatements(t, live, key, { fingerprint: state.currentFingerprint, body: state.currentBody }, cadenceOf(news), now);
      await run(runner, r.statements);
      return {
        outs: outputs(
          news,
          key,
          {
            phase: "overlap",
            rotatedAt: now.toISOString(),
            previousFingerprint: r.previousFingerprint,
            // The old key's PEM is known when it is the key clients held (not for a stray key of a lost response).
            previousPublicKey: r.previousFingerprint === state.currentFingerprint ? olds.currentPublicKey : "",
          },
          olds.rotations + 1,
        ),
      };
    }
    if (step === "retire") {
      await run(runner, retireStatements(t, live, { fingerprint: state.currentFingerprint, body: state.currentBody }));
      return {
        outs: outputs(
          news,
          current,
          { phase: "steady", rotatedAt: olds.rotatedAt, previousFingerprint: "", previousPublicKey: "" },
          olds.rotations,
        ),
      };
    }
  } catch (e) {
    throw e instanceof SchedulePlanError ? new Error(`RotatingKeyPair ${label(t)}: ${e.message}`) : e;
  }
  return {
    outs: outputs(
      news,
      current,
      {
        phase: state.phase,
        rotatedAt: olds.rotatedAt,
        previousFingerprint: olds.previousFingerprint,
        previousPublicKey: olds.previousPublicKey ?? "",
      },
      olds.rotations,
    ),
  };
}

function reEncrypt(pem: string, from: string | undefined, to: string | undefined): string {
  const { encodeKeyPair } = require("../../sdk/keys/generate") as typeof import("../../sdk/keys/generate");
  const forge = require("node-forge") as typeof import("node-forge");
  const key = loadPrivateKey(pem, from);
  return encodeKeyPair(forge.pki.privateKeyFromPem(key.toPkcs8Pem()), to).privateKeyPem;
}

export async function read(
  id: string,
  props: RotatingKeyPairOutputs,
  runner: SqlRunner = sessionRunner(),
): Promise<pulumi.dynamic.ReadResult> {
  // Refresh keeps the schedule (state is its only record); it drops the resource when the user is gone.
  try {
    await readLive(runner, targetOf(props));
  } catch (e) {
    if (/does not exist or is not visible/.test((e as Error).message)) return {};
    throw e;
  }
  return { id, props };
}

export async function remove(_id: string, props: RotatingKeyPairOutputs, runner: SqlRunner = sessionRunner()): Promise<void> {
  const t = targetOf(props);
  let live: Live;
  try {
    live = await readLive(runner, t);
  } catch (e) {
    if (/does not exist or is not visible/.test((e as Error).message)) return;
    throw e;
  }
  await run(
    runner,
    removeStatements(
      t,
      live,
      [props.currentFingerprint, props.previousFingerprint].filter((f) => !!f),
    ),
  );
}

/** @internal for tests: the PEM of a public body. */
export const publicPemOf = toPublicKeyPem;
