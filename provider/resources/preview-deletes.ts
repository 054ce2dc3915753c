/**
 * The deletes of a preview, as the statements `up` will send. During a preview the engine calls the provider for
 * every create, update and replacement (so those announce themselves, announce.ts) but for no delete: `DeleteStep`
 * does nothing under `DryRun` (pulumi/pulumi pkg/resource/deploy/step.go). The engine's own preview output still lists
 * each delete with the resource's last state, so this reads that output — `pulumi preview --json` or
 * `pulumi destroy --preview-only --json` (one JSON document with `steps`), or an engine event log
 * (`--event-log`, with `PULUMI_DEBUG_COMMANDS=true`, which the Automation API's `onEvent` reads; one event per line)
 * — and builds each DROP with the provider's own builder (`buildDrop`). Objects of the four object kinds (integrations and network policies) only, as in the
 * plan file. A resource whose state holds no stored name is named by its id. Not for `preview --refresh` output: the
 * engine reports an object that a refresh found gone as a delete, for which `up` sends nothing.
 * @internal
 */
import { RESOURCES } from "../../model/index";
import { pluginToken, typeToken, type ResourceModel } from "../../model/resource";
import { buildDrop } from "../engine/plan";
import { willSend, type PlanEntry } from "./announce";

/** A step of the engine's preview, whichever output it came from. */
interface PreviewStep {
  op: string;
  urn: string;
  type: string;
  id?: string;
  outputs: Record<string, unknown>;
  /** `retainOnDelete`: the engine forgets the object and sends nothing. */
  retained: boolean;
}

/** Steps from `pulumi preview --json` (`{steps: [{op, urn, oldState}]}`) or from engine events, one per line. */
export function previewSteps(text: string): PreviewStep[] {
  const trimmed = text.trim();
  if (!trimmed) return [];
  let doc: any;
  try {
    doc = JSON.parse(trimmed);
  } catch {
    doc = undefined; // not one document: an event log
  }
  // One document that is not an engine event (events carry `sequence`); `steps` is left out when there are none.
  if (doc && typeof doc === "object" && !Array.isArray(doc) && !("sequence" in doc)) {
    return (Array.isArray(doc.steps) ? doc.steps : []).filter((s: any) => s?.oldState).map((s: any) => stepOf(s.op, s.urn, s.oldState));
  }
  const steps: PreviewStep[] = [];
  for (const line of trimmed.split("\n")) {
    if (!line.trim()) continue;
    let ev: any;
    try {
      ev = JSON.parse(line);
    } catch {
      throw new Error("the input is neither `pulumi preview --json` output nor an engine event log (one JSON event per line)");
    }
    const m = ev?.resourcePreEvent?.metadata;
    if (m?.old) steps.push(stepOf(m.op, m.urn, { type: m.type, ...m.old }));
  }
  return steps;
}

function stepOf(op: string, urn: string, old: any): PreviewStep {
  return { op, urn, type: old.type, id: old.id, outputs: old.outputs ?? {}, retained: old.retainOnDelete === true };
}

/** The model behind a type token: the dynamic resource's or the plugin's. */
function modelOf(type: string): ResourceModel | undefined {
  return RESOURCES.find((r) => r.object && (typeToken(r) === type || pluginToken(r) === type));
}

/**
 * One plan entry per object the preview deletes. A `delete-replaced` step is the old half of a replacement, whose own
 * announcement already holds its DROP (announce.ts). A retained resource (`retainOnDelete`) is only forgotten.
 */
export function deleteEntries(steps: readonly PreviewStep[]): PlanEntry[] {
  const entries: PlanEntry[] = [];
  for (const s of steps) {
    const model = modelOf(s.type);
    if (!model?.object) continue;
    if (s.op !== "delete" || s.retained) continue;
    // A secret output shows as "[secret]" in the engine's output; the id is the stored name too.
    const stored = s.outputs.storedName;
    const object = typeof stored === "string" && stored !== "[secret]" ? stored : s.id;
    if (!object) continue;
    entries.push({
      urn: s.urn,
      type: s.type,
      kind: model.kind,
      object,
      statements: [buildDrop(model.object, object)],
      replaces: false,
      drifted: [],
      deletes: true,
    });
  }
  return entries;
}

/** The lines preview prints for its other announcements (announce.ts `planLines`), for a delete. */
export function deleteLines(entry: PlanEntry): string[] {
  const model = modelOf(entry.type);
  const head = `${model?.object?.resource ?? entry.type} ${entry.object}`;
  return [`${head}: deleted`, ...entry.statements.map((sql) => willSend(head, sql))];
}
