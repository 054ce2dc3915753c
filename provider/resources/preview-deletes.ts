/**
 * The deletes of a preview, as the statements `up` will send. During a preview the engine calls the provider for
 * every create, update and replacement (so those announce themselves, announce.ts) but for no delete: `DeleteStep`
 * does nothing under `DryRun` (pulumi/pulumi pkg/resource/deploy/step.go). The engine's own preview output still lists
 * each delete with the resource's last state, so this reads that output — `pulumi preview --json` or
 * `pulumi destroy --preview-only --json` (one JSON document with `steps`), or an engine event log
 * (`--event-log`, or the Automation API's `onEvent`; one event per line) — and builds each DROP with the provider's
 * own builder (`buildDrop`). Objects of the four object kinds (integrations and network policies) only, as in the
 * plan file. A resource whose state holds no stored name is named by its id.
 * @internal
 */
import { RESOURCES } from "../../model/index";
import { pluginToken, typeToken, type ResourceModel } from "../../model/resource";
import { buildDrop } from "../engine/plan";
import type { PlanEntry } from "./announce";

/** A step of the engine's preview, whichever output it came from. */
interface PreviewStep {
  op: string;
  urn: string;
  type: string;
  id?: string;
  outputs: Record<string, unknown>;
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
  if (doc && Array.isArray(doc.steps)) {
    return doc.steps
      .filter((s: any) => s?.oldState)
      .map((s: any) => ({ op: s.op, urn: s.urn, type: s.oldState.type, id: s.oldState.id, outputs: s.oldState.outputs ?? {} }));
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
    if (m?.old) steps.push({ op: m.op, urn: m.urn, type: m.old.type ?? m.type, id: m.old.id, outputs: m.old.outputs ?? {} });
  }
  return steps;
}

/** The model behind a type token: the dynamic resource's or the plugin's. */
function modelOf(type: string): ResourceModel | undefined {
  return RESOURCES.find((r) => r.object && (typeToken(r) === type || pluginToken(r) === type));
}

/**
 * One plan entry per object the preview deletes. A `delete-replaced` step is the old half of a replacement: when names
 * are account-unique the replacement's own announcement already holds its DROP (delete before replace), so only kinds
 * whose names are not unique get one here.
 */
export function deleteEntries(steps: readonly PreviewStep[]): PlanEntry[] {
  const entries: PlanEntry[] = [];
  for (const s of steps) {
    const model = modelOf(s.type);
    if (!model?.object) continue;
    if (s.op !== "delete" && !(s.op === "delete-replaced" && !model.object.namesAreUnique)) continue;
    const object = typeof s.outputs.storedName === "string" ? s.outputs.storedName : s.id;
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
  return [`${head}: deleted`, ...entry.statements.map((sql) => `${head}: up will send: ${sql}`)];
}
