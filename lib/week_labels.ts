/** Week headers: "Vecka 3", "v. 3", "v3 2026", "V.3" (ISO weeks, Monday first). */
import { daysBetween, isoWeekMonday } from "./calendar_math.ts";

export interface WeekLabel {
  year: number;
  week: number;
  /** YYYY-MM-DD of the week's Monday */
  monday: string;
}

// "v12 2026", "Vecka 3, 2026", "v12/2026", "Vecka 3 · 2026"; the week's dates may follow in
// brackets or after a separator ("Vecka 12 (16–22 mars)", "v. 12 · 16/3 – 22/3").
const WEEK = new RegExp(
  String.raw`^(?:vecka|v\.?)\s*(?<week>\d{1,2})(?:\s*[,/·|–-]?\s*(?<year>\d{4}))?` +
    String.raw`(?:\s*(?:\(.*\d.*\)|[·|–-]\s.*\d.*))?$`,
  "i",
);

// Weeks 1-52 of consecutive years lie 364 or 371 days apart, so one is always within half a
// year; a week 53 is only read within the three quarters of a year a schedule looks ahead or back.
const HORIZON_DAYS = 39 * 7;

export function parseWeekLabel(text: string, opts: { reference: string }): WeekLabel | null {
  const g = WEEK.exec(text.trim().replace(/[:.]$/, ""))?.groups;
  if (!g) return null;
  const week = Number(g.week);
  if (g.year) {
    const year = Number(g.year);
    const monday = isoWeekMonday(year, week);
    return monday ? { year, week, monday } : null;
  }
  // Without a year, the week of that number nearest the capture date: "Vecka 53" seen where no
  // year near it has a week 53 is no week at all.
  const refYear = Number(opts.reference.slice(0, 4));
  let best: WeekLabel | null = null;
  for (const year of [refYear - 1, refYear, refYear + 1]) {
    const monday = isoWeekMonday(year, week);
    if (!monday) continue;
    const distance = Math.abs(daysBetween(opts.reference, monday));
    if (!best || distance < Math.abs(daysBetween(opts.reference, best.monday))) {
      best = { year, week, monday };
    }
  }
  return best && Math.abs(daysBetween(opts.reference, best.monday)) <= HORIZON_DAYS ? best : null;
}
