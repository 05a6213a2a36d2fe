import { addDays, localDateTimeToInstant, zonedTimestamp } from "./calendar_math.ts";

/**
 * A shift's start and end as zoned timestamps. The shift keeps the date it starts on; an
 * end at or before the start falls on the next day. Offsets follow the zone's DST rules, so a
 * night across a change lasts an hour less or more than its clock times say. A screen prints
 * wall-clock times only, so two readings stay open, and each is settled one way:
 * - a time in the hour the clocks skip (02:00-03:00 on 2026-03-29 in Stockholm) is read with the
 *   offset before the change: "02:30" is 01:30Z, shown as 03:30+02:00;
 * - a time in the hour that happens twice (02:00-03:00 on 2026-10-25) is the first, still in
 *   summer time: "02:30" is 02:30+02:00.
 */
export function shiftInstants(
  date: string,
  shift: { start: string; end: string; ends_next_day: boolean },
  timeZone: string,
): { starts_at: string; ends_at: string } {
  const endDate = shift.ends_next_day ? addDays(date, 1) : date;
  return {
    starts_at: zonedTimestamp(localDateTimeToInstant(date, shift.start, timeZone), timeZone),
    ends_at: zonedTimestamp(localDateTimeToInstant(endDate, shift.end, timeZone), timeZone),
  };
}
