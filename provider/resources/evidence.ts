/**
 * The evidence window shared by every create that meets "already exists": an identical object created within it
 * counts as this create's lost result (provider/resources/create.ts explains the rule).
 * @internal
 */

/** How old (by `created_on`) an identical object may be and still count as this create's lost result. Unsourced choice. */
export const RECOVERY_WINDOW_MS = 3600_000;

/** A driver timestamp cell as ms since the epoch. */
export function timeOf(v: unknown): number | undefined {
  if (v === null || v === undefined) return undefined;
  if (v instanceof Date) return v.getTime();
  const o = v as { getEpochSeconds?: () => number };
  if (typeof o.getEpochSeconds === "function") return o.getEpochSeconds() * 1000;
  const n = Date.parse(String(v));
  return Number.isNaN(n) ? undefined : n;
}
