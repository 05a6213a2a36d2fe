/** What an apply run did, summed over its sessions, for both plan and seed runs. */
import { zeroCounts } from "./apply_plan.ts";
import {
  type ApplySessionReport,
  ApplySessionStatus,
  type ApplyTotals,
  type PersistedCounts,
} from "./schema/apply_report.ts";

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
