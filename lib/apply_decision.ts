/**
 * Decides, from the rows a session's days hold right now, what applying the session writes:
 * nothing at all when the plan is stale, otherwise per day a replacement or a skip.
 */
import type { WorkDay, WorkItem } from "./apply_plan.ts";
import type { HashableShift } from "./content_hash.ts";
import { type EventFields, reconcileEvents, type StoredEvent } from "./event_reconcile.ts";
import { changeNotifications, type Notification } from "./notifications.ts";

/** The stored snapshot of a day, as read under lock. */
export interface CurrentSnapshot {
  day: string;
  content_hash: string | null;
  status: string;
  shifts: HashableShift[];
  source_session_id: string | null;
  /** ISO instant, null for a snapshot of unknown origin */
  source_captured_at: string | null;
}

export type AppliedAction = "insert" | "update" | "unchanged" | "skipped_older";

export interface DayWrite {
  day: WorkDay;
  action: AppliedAction;
  /** write the snapshot row (new or changed content, or a newer capture confirming it) */
  snapshot: "write" | "refresh" | "none";
  insert: EventFields[];
  update: (EventFields & { id: string })[];
  delete: string[];
}

export type SessionDecision =
  | { kind: "conflict"; days: string[] }
  | { kind: "write"; days: DayWrite[]; notifications: Notification[] };

/**
 * A day is stale when its stored content is neither what the dry run compared against nor
 * what a session of the plan writes (this one, already applied, must stay idempotent rather
 * than conflict).
 */
export function staleDays(item: WorkItem, current: ReadonlyMap<string, CurrentSnapshot>): string[] {
  return item.days.filter((d) => {
    const hash = current.get(d.date)?.content_hash ?? null;
    return hash !== d.snapshot_hash_before && (hash === null || !d.accepted_hashes.includes(hash));
  }).map((d) => d.date);
}

export function decideSession(
  item: WorkItem,
  current: ReadonlyMap<string, CurrentSnapshot>,
  events: ReadonlyMap<string, readonly StoredEvent[]>,
): SessionDecision {
  const stale = staleDays(item, current);
  if (stale.length) return { kind: "conflict", days: stale };
  const captured = Date.parse(item.captured_at);
  const notifications: Notification[] = [];
  const days: DayWrite[] = item.days.map((day) => {
    const snap = current.get(day.date);
    const none = { insert: [], update: [], delete: [] };
    if (snap?.source_captured_at && Date.parse(snap.source_captured_at) > captured) {
      return { day, action: "skipped_older", snapshot: "none", ...none };
    }
    const plan = reconcileEvents(events.get(day.date) ?? [], day.events);
    const changed = !snap || snap.content_hash !== day.content_hash;
    // Told against the row held now, not the one the dry run saw: an earlier session of the
    // same plan may have replaced the day since, and the user has been told about that one.
    notifications.push(...changeNotifications(item.user_id, day.date, snap ?? null, day));
    const sameSource = snap?.source_session_id === item.session_id;
    const eventWrites = plan.insert.length + plan.update.length + plan.delete.length;
    return {
      day,
      action: !snap ? "insert" : changed || eventWrites ? "update" : "unchanged",
      snapshot: changed ? "write" : sameSource ? "none" : "refresh",
      insert: plan.insert,
      update: plan.update,
      delete: plan.delete,
    };
  });
  return { kind: "write", days, notifications };
}
