/**
 * The notifications applying a session would create: what changed on a day the user already
 * had, shift by shift. A day seen for the first time, unchanged or owned by a newer capture
 * notifies nobody.
 */
import { createHash } from "node:crypto";
import { type HashableShift, snapshotShift } from "./content_hash.ts";
import type { DayPreview, NewDay, StoredSnapshot } from "./day_diff.ts";

export type NotificationKind =
  | "shift_added"
  | "shift_removed"
  | "shift_changed"
  | "day_status_changed";

export interface Notification {
  user_id: string;
  day: string;
  kind: NotificationKind;
  payload: { before: unknown; after: unknown };
  fingerprint: string;
}

function sameShift(a: HashableShift, b: HashableShift): boolean {
  return a.end === b.end && a.ends_next_day === b.ends_next_day && a.label === b.label &&
    a.location === b.location && a.break_minutes === b.break_minutes;
}

/** sha256 of what the notification says, so apply stores each one once. */
export function notificationFingerprint(
  day: string,
  kind: NotificationKind,
  payload: { before: unknown; after: unknown },
): string {
  return createHash("sha256").update(JSON.stringify([day, kind, payload.before, payload.after]))
    .digest("hex");
}

function make(
  userId: string,
  day: string,
  kind: NotificationKind,
  before: unknown,
  after: unknown,
): Notification {
  const payload = { before, after };
  return {
    user_id: userId,
    day,
    kind,
    payload,
    fingerprint: notificationFingerprint(day, kind, payload),
  };
}

/** A day's content as a snapshot holds it, with its content hash. */
export interface DayContent {
  status: string;
  shifts: readonly HashableShift[];
  content_hash: string | null;
}

/**
 * What changed from `before` to `after` on one day. Nobody is told about a day seen for the
 * first time (`before` null) or whose content is unchanged (same hash). The dry run asks it
 * of the stored snapshot it previewed against, apply of the row it holds under lock, so a
 * day two sessions replace in turn is told against what the earlier one wrote.
 */
export function changeNotifications(
  userId: string,
  day: string,
  before: DayContent | null,
  after: DayContent,
): Notification[] {
  if (!before || before.content_hash === after.content_hash) return [];
  const afterShifts = after.shifts.map(snapshotShift);
  const beforeShifts = before.shifts.map(snapshotShift);
  if (before.status !== after.status) {
    // One message says it all: "Monday is now a day off" rather than one per lost shift.
    return [make(userId, day, "day_status_changed", {
      status: before.status,
      shifts: beforeShifts,
    }, { status: after.status, shifts: afterShifts })];
  }
  const out: Notification[] = [];
  const remaining = [...beforeShifts];
  for (const shift of afterShifts) {
    const i = remaining.findIndex((s) => s.start === shift.start);
    if (i < 0) {
      out.push(make(userId, day, "shift_added", null, shift));
      continue;
    }
    const [old] = remaining.splice(i, 1);
    if (!sameShift(old!, shift)) out.push(make(userId, day, "shift_changed", old, shift));
  }
  for (const old of remaining) out.push(make(userId, day, "shift_removed", old, null));
  return out;
}

/** Notifications for one day; `stored` is the snapshot the preview compared against. */
export function dayNotifications(
  userId: string,
  day: NewDay,
  stored: StoredSnapshot | null,
  preview: DayPreview,
): Notification[] {
  // A day owned by a newer capture is not replaced, so nothing about it changes.
  if (preview.action === "skipped_older") return [];
  return changeNotifications(userId, day.date, stored, {
    status: day.status,
    shifts: day.shifts,
    content_hash: preview.content_hash_after,
  });
}

/** Notifications for all of a session's days, in date order. */
export function sessionNotifications(
  userId: string,
  days: readonly NewDay[],
  snapshots: ReadonlyMap<string, StoredSnapshot>,
  previews: readonly DayPreview[],
): Notification[] {
  const byDate = new Map(previews.map((p) => [p.date, p]));
  return [...days].sort((a, b) => (a.date < b.date ? -1 : 1)).flatMap((d) => {
    const preview = byDate.get(d.date);
    return preview ? dayNotifications(userId, d, snapshots.get(d.date) ?? null, preview) : [];
  });
}
