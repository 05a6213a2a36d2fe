/**
 * The content hash of a day as `day_snapshot.content_hash` stores it. The dry run previews
 * with it and apply compares and writes it, so both must use this one function.
 */
import { createHash } from "node:crypto";
import type { DayStatus } from "./schema/schedule.ts";

/** What a day's content is made of: its status and its shifts as the schedule states them. */
export interface HashableShift {
  start: string;
  end: string;
  ends_next_day: boolean;
  label: string | null;
  location: string | null;
  break_minutes: number | null;
}

export interface HashableDay {
  status: DayStatus | string;
  shifts: readonly HashableShift[];
}

function shiftOrder(a: HashableShift, b: HashableShift): number {
  const ka = [a.start, a.end, a.label ?? "", a.location ?? ""].join("\u0000");
  const kb = [b.start, b.end, b.label ?? "", b.location ?? ""].join("\u0000");
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/**
 * Canonical JSON of a day: fixed key order, shifts as fixed-order tuples sorted by start, so
 * the same schedule read from different screenshots hashes the same. Confidence, boxes and
 * header text are how it was read, not what it says, and stay out.
 */
export function canonicalDayJson(day: HashableDay): string {
  return JSON.stringify({
    status: day.status,
    shifts: [...day.shifts].sort(shiftOrder).map((s) => [
      s.start,
      s.end,
      s.ends_next_day,
      s.label,
      s.location,
      s.break_minutes,
    ]),
  });
}

/** sha256 of the canonical JSON, lower-case hex. */
export function dayContentHash(day: HashableDay): string {
  return createHash("sha256").update(canonicalDayJson(day)).digest("hex");
}

/** A shift reduced to the fields `day_snapshot.shifts` stores. */
export function snapshotShift(s: HashableShift): HashableShift {
  return {
    start: s.start,
    end: s.end,
    ends_next_day: s.ends_next_day,
    label: s.label,
    location: s.location,
    break_minutes: s.break_minutes,
  };
}
