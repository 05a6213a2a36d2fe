/**
 * Turns a reviewed dry run (its per-session files, already parsed) into apply work items,
 * holding back what must not reach users' calendars unseen.
 */
import type {
  ApplySessionReport,
  PersistedCounts,
  PlanDayPreview,
  PlanSession,
} from "./schema/apply_report.ts";
import type { DayStatus } from "./schema/schedule.ts";
import { duplicateStart, type EventFields, shiftEvent } from "./event_reconcile.ts";

/** Sessions with any shift read below this OCR confidence are held back for review. */
export const DEFAULT_MIN_CONFIDENCE = 0.6;

/** A shift as `day_snapshot.shifts` stores it: what the schedule says, not how it was read. */
export interface SnapshotShift {
  start: string;
  end: string;
  ends_next_day: boolean;
  label: string | null;
  location: string | null;
  break_minutes: number | null;
}

export interface WorkDay {
  date: string;
  status: DayStatus;
  shifts: SnapshotShift[];
  events: EventFields[];
  content_hash: string;
  snapshot_hash_before: string | null;
  /**
   * Contents the day may hold at apply time without the plan being stale: what the dry run
   * saw, or what any session of the same plan writes there (sessions sharing a day are
   * each previewed against the state before the plan).
   */
  accepted_hashes: readonly string[];
  preview: PlanDayPreview;
}

export interface WorkItem {
  session_id: string;
  user_id: string;
  /** the capture's `created_at`, which decides whether it may replace a stored day */
  captured_at: string;
  days: WorkDay[];
  /**
   * false when no other session of the plan shows any of its days (as `linkPlanItems`
   * finds), so a run need not watch for them being written before it; absent means unknown
   */
  shares_days?: boolean;
}

export type PlanEntry =
  | { kind: "apply"; item: WorkItem }
  | { kind: "report"; report: ApplySessionReport };

export function zeroCounts(): PersistedCounts {
  return {
    snapshots_written: 0,
    snapshots_refreshed: 0,
    events_inserted: 0,
    events_updated: 0,
    events_deleted: 0,
    notifications_stored: 0,
  };
}

/** The preview totals a report line repeats beside what was persisted. */
export function previewTotals(session: PlanSession): ApplySessionReport["preview"] {
  const sum = (k: "insert" | "update" | "delete") =>
    session.preview.days.reduce((n, d) => n + d.events[k], 0);
  return {
    events_inserted: sum("insert"),
    events_updated: sum("update"),
    events_deleted: sum("delete"),
    notifications: session.notifications.length,
  };
}

/** A report line for a session that is not written. */
export function unappliedReport(
  session: PlanSession,
  status: ApplySessionReport["status"],
  error?: ApplySessionReport["error"],
): ApplySessionReport {
  return {
    session_id: String(session.session.id),
    status,
    ...(error ? { error } : {}),
    conflict_days: [],
    preview: previewTotals(session),
    persisted: zeroCounts(),
    days: [],
    notifications: [],
  };
}

/** One parsed per-session file -> a work item, or the report line saying why it is not one. */
export function planEntry(session: PlanSession, minConfidence: number): PlanEntry {
  const id = String(session.session.id);
  if (session.status !== "ok") {
    return { kind: "report", report: unappliedReport(session, "not_applicable") };
  }
  const doubtful: string[] = [];
  for (const d of session.days) {
    for (const s of d.shifts) {
      if (s.confidence < minConfidence) doubtful.push(`${d.date} ${s.start}`);
    }
  }
  if (doubtful.length) {
    return {
      kind: "report",
      report: unappliedReport(session, "needs_review", {
        code: "low_confidence",
        message: `Session "${id}" has shifts read below confidence ${minConfidence}: ${
          doubtful.join(", ")
        }`,
        details: { shifts: doubtful },
      }),
    };
  }
  const previews = new Map(session.preview.days.map((p) => [p.date, p]));
  const days: WorkDay[] = [];
  for (const day of session.days) {
    const preview = previews.get(day.date);
    const problem = !preview
      ? `Day "${day.date}" has no preview`
      : preview.content_hash_after === null
      ? `Day "${day.date}" has no content hash`
      : duplicateStart(day.shifts);
    if (problem || !preview || preview.content_hash_after === null) {
      return {
        kind: "report",
        report: unappliedReport(session, "failed", {
          code: "plan_invalid",
          message: `Cannot apply session "${id}": ${problem}`,
          details: { date: day.date },
        }),
      };
    }
    days.push({
      date: day.date,
      status: day.status,
      shifts: day.shifts.map((s) => ({
        start: s.start,
        end: s.end,
        ends_next_day: s.ends_next_day,
        label: s.label,
        location: s.location,
        break_minutes: s.break_minutes,
      })),
      events: day.shifts.map(shiftEvent),
      content_hash: preview.content_hash_after,
      snapshot_hash_before: preview.snapshot_hash_before,
      accepted_hashes: [preview.content_hash_after],
      preview,
    });
  }
  return {
    kind: "apply",
    item: {
      session_id: id,
      user_id: String(session.session.user_id),
      captured_at: session.session.created_at,
      days,
    },
  };
}

/**
 * Lets each day accept the content any session of the plan writes to the same user's day,
 * and orders the items by capture time so that the newest capture of a day is applied last.
 */
export function linkPlanItems(items: readonly WorkItem[]): WorkItem[] {
  // One list per user's day, shared by every day of the plan it belongs to: a plan of many
  // sessions has as many days, and a set or a copy for each was much of linking's cost.
  const written = new Map<string, { hashes: string[]; sessions: number }>();
  const lists = items.map((item) =>
    item.days.map((d) => {
      const key = `${item.user_id}:${d.date}`;
      let entry = written.get(key);
      if (!entry) written.set(key, entry = { hashes: [d.content_hash], sessions: 0 });
      else if (!entry.hashes.includes(d.content_hash)) entry.hashes.push(d.content_hash);
      entry.sessions++;
      return entry;
    })
  );
  // Sort keys are computed once: parsing them inside the comparator costs more than the sort.
  const keyed = items.map((item, i) => ({
    at: Date.parse(item.captured_at),
    id: BigInt(item.session_id),
    item: {
      ...item,
      days: item.days.map((d, j) => ({ ...d, accepted_hashes: lists[i]![j]!.hashes })),
      shares_days: lists[i]!.some((entry) => entry.sessions > 1),
    },
  }));
  return keyed.sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1)).map((k) => k.item);
}
