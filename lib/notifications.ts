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

/** Notifications for one day; `stored` is the snapshot the preview compared against. */
export function dayNotifications(
  userId: string,
  day: NewDay,
  stored: StoredSnapshot | null,
  preview: DayPreview,
): Notification[] {
  if (!stored || preview.action === "skipped_older" || preview.action === "unchanged") return [];
  if (stored.content_hash === preview.content_hash_after) return [];
  const after = day.shifts.map(snapshotShift);
  const before = stored.shifts.map(snapshotShift);
  if (stored.status !== day.status) {
    // One message says it all: "Monday is now a day off" rather than one per lost shift.
    return [make(userId, day.date, "day_status_changed", {
      status: stored.status,
      shifts: before,
    }, { status: day.status, shifts: after })];
  }
  const out: Notification[] = [];
  const remaining = [...before];
  for (const shift of after) {
    const i = remaining.findIndex((s) => s.start === shift.start);
    if (i < 0) {
      out.push(make(userId, day.date, "shift_added", null, shift));
      continue;
    }
    const [old] = remaining.splice(i, 1);
    if (!sameShift(old!, shift)) out.push(make(userId, day.date, "shift_changed", old, shift));
  }
  for (const old of remaining) out.push(make(userId, day.date, "shift_removed", old, null));
  return out;
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
