/**
 * The rows a session's decision writes, as the write statement takes them, and the counts it
 * reports once written.
 */
import { decideSession, type SessionDecision } from "./apply_decision.ts";
import { type DayRowsByKey, sessionRows } from "./apply_state.ts";
import type { EventFields } from "./event_reconcile.ts";
import type { NotificationKind } from "./notifications.ts";
import type { PersistedCounts } from "./schema/apply_report.ts";
import { type SnapshotShift, type WorkItem, zeroCounts } from "./apply_plan.ts";

export interface SessionWrites {
  snapshots: { day: string; status: string; shifts: SnapshotShift[]; content_hash: string }[];
  inserts: (EventFields & { day: string })[];
  updates: (EventFields & { id: string })[];
  deletes: string[];
  notifications: {
    day: string;
    kind: NotificationKind;
    payload: { before: unknown; after: unknown };
    fingerprint: string;
  }[];
  /** what is persisted when the write commits, notifications counted by the server */
  counts: PersistedCounts;
}

/** The writes of a decision that writes; null when it writes nothing, so needs no transaction. */
export function sessionWrites(
  decision: Extract<SessionDecision, { kind: "write" }>,
  storeNotifications: boolean,
): SessionWrites | null {
  const writes: SessionWrites = {
    snapshots: [],
    inserts: [],
    updates: [],
    deletes: [],
    notifications: [],
    counts: zeroCounts(),
  };
  for (const d of decision.days) {
    if (d.snapshot !== "none") {
      writes.snapshots.push({
        day: d.day.date,
        status: d.day.status,
        shifts: d.day.shifts,
        content_hash: d.day.content_hash,
      });
      if (d.snapshot === "write") writes.counts.snapshots_written++;
      else writes.counts.snapshots_refreshed++;
    }
    for (const e of d.insert) writes.inserts.push({ day: d.day.date, ...e });
    writes.updates.push(...d.update);
    writes.deletes.push(...d.delete);
  }
  if (storeNotifications) {
    for (const n of decision.notifications) {
      writes.notifications.push({
        day: n.day,
        kind: n.kind,
        payload: n.payload,
        fingerprint: n.fingerprint,
      });
    }
  }
  writes.counts.events_inserted = writes.inserts.length;
  writes.counts.events_updated = writes.updates.length;
  writes.counts.events_deleted = writes.deletes.length;
  const empty = !writes.snapshots.length && !writes.inserts.length && !writes.updates.length &&
    !writes.deletes.length && !writes.notifications.length;
  return empty ? null : writes;
}

/** A session decided from its days' rows, and what that decision writes (null: nothing). */
export function decideWrites(
  item: WorkItem,
  rows: DayRowsByKey,
  storeNotifications: boolean,
): { decision: SessionDecision; writes: SessionWrites | null } {
  const { current, events } = sessionRows(item, rows);
  const decision = decideSession(item, current, events);
  const writes = decision.kind === "write" ? sessionWrites(decision, storeNotifications) : null;
  return { decision, writes };
}
