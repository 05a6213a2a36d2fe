/** Small builders of days, stored snapshots and events for the preview tests. */
import type { Shift } from "../../lib/schema/schedule.ts";
import { dayContentHash, snapshotShift } from "../../lib/content_hash.ts";
import type { NewDay, StoredSnapshot } from "../../lib/day_diff.ts";
import type { StoredEvent } from "../../lib/event_reconcile.ts";

export function shift(
  date: string,
  start: string,
  end: string,
  label: string | null = null,
): Shift {
  return {
    start,
    end,
    ends_next_day: end <= start,
    starts_at: `${date}T${start}:00+01:00`,
    ends_at: `${date}T${end}:00+01:00`,
    label,
    location: null,
    break_minutes: null,
    confidence: 0.9,
    regions: [],
  };
}

export function stored(day: NewDay, capturedAt: string, session = "1"): StoredSnapshot {
  return {
    day: day.date,
    status: day.status,
    shifts: day.shifts.map(snapshotShift),
    content_hash: dayContentHash(day),
    source_session_id: session,
    source_captured_at: capturedAt,
  };
}

export function events(day: NewDay): StoredEvent[] {
  return day.shifts.map((s, i) => ({
    id: String(100 + i),
    starts_at: s.starts_at,
    ends_at: s.ends_at,
    label: s.label,
    location: s.location,
    break_minutes: s.break_minutes,
  }));
}
