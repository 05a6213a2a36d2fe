import { addDays, localDateTimeToInstant, zonedTimestamp } from "./calendar_math.ts";

/**
 * A shift's start and end as zoned timestamps. The shift keeps the date it starts on; an
 * end at or before the start falls on the next day. Offsets follow the zone's DST rules.
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
