import type { DayReading, PageReading } from "./layout/page_reading.ts";
import type { Day, SessionSchedule, Shift, YearSource } from "./schema/schedule.ts";
import { type DateLabel, resolveDates } from "./swedish_dates.ts";
import { addDays, daysBetween, isoWeekday } from "./calendar_math.ts";
import { shiftInstants } from "./normalise_times.ts";

export interface AggregateContext {
  reference: string;
  timeZone: string;
  defaultYear?: number | null;
}

interface Candidate {
  image: number;
  reading: DayReading;
  date: string;
  year_source: YearSource;
}

/** A period's first bound often omits the year the second bound prints ("19 jan – 1 feb 2026"). */
function completePeriod(labels: readonly DateLabel[]): DateLabel[] {
  const out = labels.map((l) => ({ ...l }));
  for (let i = out.length - 2; i >= 0; i--) {
    const a = out[i]!;
    const b = out[i + 1]!;
    if (a.year === null && b.year !== null && a.month !== null && b.month !== null) {
      a.year = a.month <= b.month ? b.year : b.year - 1;
    }
  }
  return out;
}

/** Moves a date into its "Vecka N" section when the year was only guessed. */
function fitWeek(
  date: string,
  source: YearSource,
  monday: string | null,
): { date: string; year_source: YearSource } {
  // A printed year or weekday is firmer evidence than a section header whose own year was inferred.
  if (!monday || !["continuity", "capture_date", "default_year"].includes(source)) {
    return { date, year_source: source };
  }
  const sunday = addDays(monday, 6);
  if (date >= monday && date <= sunday) return { date, year_source: source };
  const md = date.slice(4);
  for (const year of [Number(monday.slice(0, 4)), Number(sunday.slice(0, 4))]) {
    const candidate = `${year}${md}`;
    if (candidate >= monday && candidate <= sunday) {
      return { date: candidate, year_source: "week_number" };
    }
  }
  return { date, year_source: source };
}

/** A header naming only its weekday under a "Vecka N" header: that weekday of the week. */
function byWeek(
  owner: { image: number; reading: DayReading } | null,
): { date: string; year_source: YearSource } | null {
  const { weekday, day } = owner?.reading.label ?? {};
  const monday = owner?.reading.weekMonday;
  if (!monday || !weekday || day !== null) return null;
  return { date: addDays(monday, weekday - 1), year_source: "week_number" };
}

/** A header whose date was unreadable but whose weekday was: the next such day in the list. */
function byWeekday(
  owner: { image: number; reading: DayReading } | null,
  previous: Candidate | undefined,
): { date: string; year_source: YearSource } | null {
  const weekday = owner?.reading.label.weekday;
  if (
    !owner || !previous || previous.image !== owner.image || !weekday ||
    owner.reading.label.day !== null
  ) {
    return null;
  }
  for (let n = 1; n <= 7; n++) {
    const date = addDays(previous.date, n);
    const [y, m, d] = date.split("-").map(Number) as [number, number, number];
    if (((new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7) + 1 === weekday) {
      return { date, year_source: "continuity" };
    }
  }
  return null;
}

function resolveSession(pages: readonly PageReading[], ctx: AggregateContext): Candidate[] {
  const labels: DateLabel[] = [];
  const owners: ({ image: number; reading: DayReading } | null)[] = [];
  pages.forEach((page, image) => {
    for (const label of completePeriod(page.periods)) {
      labels.push(label);
      owners.push(null);
    }
    for (const reading of page.days) {
      labels.push(reading.label);
      owners.push({ image, reading });
    }
  });
  const resolved = resolveDates(labels, {
    reference: ctx.reference,
    defaultYear: ctx.defaultYear ?? null,
  });
  const out: Candidate[] = [];
  owners.forEach((owner, i) => {
    const r = resolved[i] ?? byWeek(owner) ?? byWeekday(owner, out[out.length - 1]);
    if (!owner || !r) return;
    const fitted = fitWeek(r.date, r.year_source as YearSource, owner.reading.weekMonday);
    out.push({ ...owner, ...fitted });
  });
  return mendMisreadDays(out);
}

/**
 * A list runs in date order. A header whose date falls outside the days its neighbours on the
 * same screenshot frame, while its printed weekday names exactly one day between them, had its
 * day number misread ("MÅNDAG 21 JUNI" between Sunday 31 May and Tuesday 2 June): it is that day.
 */
function mendMisreadDays(candidates: Candidate[]): Candidate[] {
  return candidates.map((c, i) => {
    const prev = candidates[i - 1];
    const next = candidates[i + 1];
    const weekday = c.reading.label.weekday;
    if (!prev || !next || weekday === null || prev.image !== c.image || next.image !== c.image) {
      return c;
    }
    const span = daysBetween(prev.date, next.date);
    const at = daysBetween(prev.date, c.date);
    if (span < 2 || span > 7 || (at > 0 && at < span)) return c;
    const fits: string[] = [];
    for (let n = 1; n < span; n++) {
      const date = addDays(prev.date, n);
      if (isoWeekday(date) === weekday) fits.push(date);
    }
    return fits.length === 1 ? { ...c, date: fits[0]!, year_source: "continuity" } : c;
  });
}

/** A table lists a day with two shifts as two rows with the same date: one day per image. */
function mergeWithinImage(candidates: readonly Candidate[]): Candidate[] {
  const out: Candidate[] = [];
  for (const c of candidates) {
    const same = out.find((o) => o.image === c.image && o.date === c.date);
    if (!same) {
      out.push({ ...c, reading: { ...c.reading, shifts: [...c.reading.shifts] } });
      continue;
    }
    const a = same.reading;
    const b = c.reading;
    same.reading = {
      ...a,
      status: a.shifts.length || b.shifts.length ? "work" : a.status ?? b.status,
      shifts: [...a.shifts, ...b.shifts],
      complete: a.complete && b.complete,
      box: {
        left: Math.min(a.box.left, b.box.left),
        top: Math.min(a.box.top, b.box.top),
        right: Math.max(a.box.right, b.box.right),
        bottom: Math.max(a.box.bottom, b.box.bottom),
      },
    };
  }
  return out;
}

function richness(c: Candidate): number {
  const fields = c.reading.shifts.reduce(
    (n, s) =>
      n + 1 + Number(s.label !== null) + Number(s.location !== null) +
      Number(s.break_minutes !== null),
    0,
  );
  return c.reading.shifts.length * 100 + fields;
}

/**
 * The lowest confidence among the words that say something. Icons and dashes ("&" for a map
 * pin, "-" between times) come back from OCR with low confidence whatever the quality of the
 * read, so they would hold every shift back for review.
 */
function contentConfidence(words: readonly { text: string; confidence: number }[]): number {
  const telling = words.filter((w) => /[\p{L}\d]/u.test(w.text));
  return telling.length ? Math.min(...telling.map((w) => w.confidence)) : 1;
}

function minConfidence(c: Candidate): number {
  return contentConfidence(c.reading.shifts.flatMap((s) => s.words));
}

function shiftKey(c: Candidate): string {
  return c.reading.status + "|" + c.reading.shifts.map((s) => `${s.start}-${s.end}`).join(",");
}

function toDay(c: Candidate, timeZone: string): Day {
  const shifts: Shift[] = c.reading.shifts.map((s) => {
    const box = {
      left: Math.min(...s.words.map((w) => w.box.left)),
      top: Math.min(...s.words.map((w) => w.box.top)),
      right: Math.max(...s.words.map((w) => w.box.right)),
      bottom: Math.max(...s.words.map((w) => w.box.bottom)),
    };
    return {
      start: s.start,
      end: s.end,
      ends_next_day: s.ends_next_day,
      ...shiftInstants(c.date, s, timeZone),
      label: s.label,
      location: s.location,
      break_minutes: s.break_minutes,
      confidence: contentConfidence(s.words),
      regions: [{ image: c.image, box }],
    };
  });
  return {
    date: c.date,
    status: c.reading.status ?? "off",
    shifts,
    header_text: c.reading.header_text,
    year_source: c.year_source,
    regions: [{ image: c.image, box: c.reading.box }],
  };
}

/**
 * Merges the days read from each image of a session (in sequence order) into one schedule:
 * overlapping screenshots collapse to one reading per date, a day cut at an edge is taken
 * from an image where it is complete, and a day complete nowhere is left out.
 */
export function aggregateSession(
  pages: readonly PageReading[],
  ctx: AggregateContext,
): SessionSchedule {
  const byDate = new Map<string, Candidate[]>();
  for (const c of mergeWithinImage(resolveSession(pages, ctx))) {
    const list = byDate.get(c.date) ?? [];
    list.push(c);
    byDate.set(c.date, list);
  }
  const days: Day[] = [];
  const warnings: string[] = [];
  for (const [date, list] of [...byDate].sort(([a], [b]) => a.localeCompare(b))) {
    const complete = list.filter((c) => c.reading.complete && c.reading.status !== null);
    if (!complete.length) {
      if (list.some((c) => c.reading.status !== null || c.reading.shifts.length)) {
        warnings.push(`Left out ${date}: cut at an image edge in every image`);
      }
      continue;
    }
    complete.sort((a, b) =>
      richness(b) - richness(a) || minConfidence(b) - minConfidence(a) || a.image - b.image
    );
    const best = complete[0]!;
    const disagreeing = complete.filter((c) => shiftKey(c) !== shiftKey(best));
    if (disagreeing.length) {
      warnings.push(
        `Conflicting readings of ${date}: kept image ${best.image} "${shiftKey(best)}" over ${
          disagreeing.map((c) => `image ${c.image} "${shiftKey(c)}"`).join(", ")
        }`,
      );
    }
    days.push(toDay(best, ctx.timeZone));
  }
  const first = days[0];
  const last = days[days.length - 1];
  return {
    status: days.length ? "ok" : "no_schedule",
    reference_date: ctx.reference,
    date_range: first && last ? { first: first.date, last: last.date } : null,
    days,
    warnings,
  };
}
