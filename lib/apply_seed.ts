/**
 * The pure steps of applying in the same run as the pipeline: a session's preview told again
 * against the rows stored just before its transaction, and the run's apply totals.
 */
import { type DayState, diffSession, previewTotals } from "./day_diff.ts";
import { sessionNotifications } from "./notifications.ts";
import { zeroCounts } from "./apply_plan.ts";
import {
  type ApplySessionReport,
  ApplySessionStatus,
  type ApplyTotals,
  type PersistedCounts,
} from "./schema/apply_report.ts";
import type { SessionOutput } from "./schema/session_output.ts";

/**
 * The session's preview and notifications against `state`. The run previews a session when
 * its OCR ends; an earlier session of the same user may have been applied since, and the
 * apply must compare against what that one wrote, not see it as a change made behind it.
 */
export function repreview(out: SessionOutput, state: DayState): SessionOutput {
  if (out.status !== "ok") return out;
  const previews = diffSession(out.days, state, out.session.created_at);
  return {
    ...out,
    preview: { days: previews, totals: previewTotals(previews) },
    notifications: sessionNotifications(out.session.user_id, out.days, state.snapshots, previews),
  };
}

export function addCounts(into: PersistedCounts, add: PersistedCounts): PersistedCounts {
  for (const k of Object.keys(into) as (keyof PersistedCounts)[]) into[k] += add[k];
  return into;
}

/** Sessions by apply status and the persisted counts summed over them. */
export function applyTotals(
  reports: Iterable<ApplySessionReport>,
  storeNotifications: boolean,
  minConfidence: number,
): ApplyTotals {
  const counts = Object.fromEntries(
    ApplySessionStatus.options.map((s) => [s, 0]),
  ) as Record<ApplySessionStatus, number>;
  const persisted = zeroCounts();
  for (const r of reports) {
    counts[r.status]++;
    addCounts(persisted, r.persisted);
  }
  return {
    store_notifications: storeNotifications,
    min_confidence: minConfidence,
    counts,
    persisted,
  };
}

/** A session apply had to leave unwritten: a conflict with newer rows or a database error. */
export function applyFailed(report: ApplySessionReport): boolean {
  return report.status === "conflict" || report.status === "failed";
}
