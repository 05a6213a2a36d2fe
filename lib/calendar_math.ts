/** Plain calendar-date arithmetic on "YYYY-MM-DD" strings, and wall-clock <-> instant in a zone. */

const DAY_MS = 86_400_000;

function utcOf(date: string): number {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d);
}

export function isoDate(year: number, month: number, day: number): string {
  const yyyy = String(year).padStart(4, "0");
  return `${yyyy}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

export function addDays(date: string, n: number): string {
  return new Date(utcOf(date) + n * DAY_MS).toISOString().slice(0, 10);
}

/** Days from a to b (b - a). */
export function daysBetween(a: string, b: string): number {
  return Math.round((utcOf(b) - utcOf(a)) / DAY_MS);
}

/** 1 = Monday .. 7 = Sunday */
export function isoWeekday(date: string): number {
  const w = new Date(utcOf(date)).getUTCDay();
  return w === 0 ? 7 : w;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function isRealDate(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** Monday of ISO week 1: the week that holds 4 January. */
function isoWeekOneMonday(year: number): string {
  const jan4 = isoDate(year, 1, 4);
  return addDays(jan4, 1 - isoWeekday(jan4));
}

export function isoWeeksInYear(year: number): number {
  return daysBetween(isoWeekOneMonday(year), isoWeekOneMonday(year + 1)) / 7;
}

export function isoWeekMonday(year: number, week: number): string | null {
  if (week < 1 || week > isoWeeksInYear(year)) return null;
  return addDays(isoWeekOneMonday(year), (week - 1) * 7);
}

/** Milliseconds the zone's wall clock is ahead of UTC at an instant. */
export function zoneOffsetMs(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(
    get("year"),
    get("month") - 1,
    get("day"),
    get("hour"),
    get("minute"),
    get("second"),
  );
  return wall - instant;
}

/** The calendar date an instant falls on in a time zone. */
export function localDateOf(instantIso: string, timeZone: string): string {
  const instant = Date.parse(instantIso);
  return new Date(instant + zoneOffsetMs(instant, timeZone)).toISOString().slice(0, 10);
}

/**
 * The instant of a wall-clock time on a date in a zone. On the spring-forward gap the time is
 * read with the offset in force before the change (02:30 on 2026-03-29 in Stockholm is 01:30Z);
 * on the autumn overlap the earlier of the two instants is taken.
 */
export function localDateTimeToInstant(date: string, time: string, timeZone: string): string {
  const [hh, mm] = time.split(":").map(Number) as [number, number];
  const wall = utcOf(date) + (hh * 60 + mm) * 60_000;
  const before = zoneOffsetMs(wall - DAY_MS / 2, timeZone);
  const after = zoneOffsetMs(wall + DAY_MS / 2, timeZone);
  const candidates = [wall - before, wall - after].filter((t) =>
    t + zoneOffsetMs(t, timeZone) === wall
  );
  const instant = candidates.length > 0 ? Math.min(...candidates) : wall - before;
  return new Date(instant).toISOString();
}

/** The wall-clock reading and UTC offset of an instant in a zone, e.g. "2026-03-29T07:00:00+02:00". */
export function zonedTimestamp(instantIso: string, timeZone: string): string {
  const instant = Date.parse(instantIso);
  const offsetMinutes = Math.round(zoneOffsetMs(instant, timeZone) / 60_000);
  const wall = new Date(instant + offsetMinutes * 60_000).toISOString().slice(0, 19);
  const abs = Math.abs(offsetMinutes);
  const hh = String(Math.floor(abs / 60)).padStart(2, "0");
  const mm = String(abs % 60).padStart(2, "0");
  return `${wall}${offsetMinutes < 0 ? "-" : "+"}${hh}:${mm}`;
}
