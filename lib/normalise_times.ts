import { addDays, localDateTimeToInstant } from "./calendar_math.ts";

/** The wall-clock reading and UTC offset of an instant in a zone, e.g. "2026-03-29T07:00:00+02:00". */
export function zonedTimestamp(instantIso: string, timeZone: string): string {
  const instant = new Date(instantIso);
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    }).formatToParts(instant).map((p) => [p.type, p.value]),
  );
  const wall = Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
    Number(parts.second),
  );
  const offsetMinutes = Math.round((wall - instant.getTime()) / 60000);
  const sign = offsetMinutes < 0 ? "-" : "+";
  const abs = Math.abs(offsetMinutes);
  const offset = `${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${
    String(abs % 60).padStart(2, "0")
  }`;
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}${offset}`;
}

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
