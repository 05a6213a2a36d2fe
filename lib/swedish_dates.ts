/**
 * Swedish day labels as schedule screens print them ("Måndag 12 januari", "mån 12/1",
 * "2026-01-12", "17.02.2026 tis", "Idag") and the rules that give them a year.
 */
import type { YearSource } from "./schema/schedule.ts";
import { addDays, daysBetween, isoDate, isoWeekday, isRealDate } from "./calendar_math.ts";

export interface DateLabel {
  text: string;
  day: number | null;
  month: number | null;
  year: number | null;
  /** 1 = Monday .. 7 = Sunday */
  weekday: number | null;
  relative: -1 | 0 | 1 | null;
}

export interface ResolvedDate {
  date: string;
  year_source: YearSource;
}

// OCR drops the diacritics of å/ä/ö now and then: accept the bare vowel in their place.
const fold = (word: string) => word.replace(/å|ä/g, "[åäa]").replace(/ö/g, "[öo]");

const WEEKDAYS: ReadonlyArray<readonly [number, string[], string[]]> = [
  [1, ["måndag", "månd", "mån"], ["må"]],
  [2, ["tisdag", "tisd", "tis"], ["ti"]],
  [3, ["onsdag", "onsd", "ons"], ["on"]],
  [4, ["torsdag", "torsd", "tors", "tor"], ["to"]],
  [5, ["fredag", "fred", "fre"], ["fr"]],
  [6, ["lördag", "lörd", "lör"], ["lö"]],
  [7, ["söndag", "sönd", "sön"], ["sö"]],
];
const MONTHS: ReadonlyArray<readonly [number, string[]]> = [
  [1, ["januari", "jan"]],
  [2, ["februari", "feb"]],
  [3, ["mars", "mar"]],
  [4, ["april", "apr"]],
  [5, ["maj"]],
  [6, ["juni", "jun"]],
  [7, ["juli", "jul"]],
  [8, ["augusti", "aug"]],
  [9, ["september", "sept", "sep"]],
  [10, ["oktober", "okt"]],
  [11, ["november", "nov"]],
  [12, ["december", "dec"]],
];

const alternation = (words: string[]) =>
  [...words].sort((a, b) => b.length - a.length).map(fold).join("|");
const LONG_WEEKDAY = alternation(WEEKDAYS.flatMap(([, long]) => long));
const ANY_WEEKDAY = alternation(WEEKDAYS.flatMap(([, long, short]) => [...long, ...short]));
const MONTH = alternation(MONTHS.flatMap(([, names]) => names));

function lookup(
  word: string,
  table: ReadonlyArray<readonly [number, ...string[][]]>,
): number | null {
  const w = word.toLowerCase().replace(/\.$/, "");
  for (const [n, ...lists] of table) {
    for (const name of lists.flat()) {
      if (new RegExp(`^(?:${fold(name)})$`).test(w)) return n;
    }
  }
  return null;
}
const weekdayOf = (w: string) => lookup(w, WEEKDAYS);
const monthOf = (w: string) => lookup(w, MONTHS);

// A digit OCR mistook for a letter, only ever inside a group that also holds real digits.
const D = "[0-9OoIl]";
const digits = (s: string) => Number(s.replace(/[Oo]/g, "0").replace(/[Il]/g, "1"));

const WD = (set: string) => `(?<wd>${set})\\.?,?`;
// "12 jan -26", "12/1-26": a two-digit year after a dash, not the start of a date range.
const SHORT_YEAR = (name: string) => `\\s?-(?<${name}>\\d{2})(?![\\d/:]|\\.\\d|\\s*(?:${MONTH}))`;
const DATE_BODY = [
  // "2026-01-12", "2026/01/12". OCR splits a long run of digits in slanted type ("20 2 6-01-17");
  // split, the year must read 20xx, or a number before a garbled year would become one ("12 26").
  `(?<iso>(?<iy>\\d{4}|2 ?0 ?\\d ?\\d)(?<isep>[-/])(?<im>\\d{1,2})\\k<isep>(?<id>\\d{1,2}))`,
  `(?<dmy>(?<d1>${D}{1,2})[./](?<m1>${D}{1,2})[./](?<y1>\\d{4}|\\d{2}))`,
  // "12-01-2026": with dashes only a four-digit year, as "12-01-26" could as well be 2012.
  `(?<dmyd>(?<d5>${D}{1,2})-(?<m5>${D}{1,2})-(?<y5>\\d{4}))`,
  `(?<slash>(?<d2>${D}{1,2})/(?<m2>${D}{1,2})(?:\\s+(?<y2>\\d{4})|${SHORT_YEAR("y2s")})?)`,
  // "12 jan", "12. januari", "12:e januari"
  `(?<named>(?<d3>${D}{1,2})(?::[ae])?\\.?\\s*(?<mn>${MONTH})\\.?(?:\\s+(?<y3>\\d{4})|${
    SHORT_YEAR("y3s")
  })?)`,
].join("|");
// "d.m" is also how times are written ("12.30"), so it is a date only beside a weekday.
const DOTTED = `(?<dotted>(?<d4>${D}{1,2})\\.(?<m4>${D}{1,2})\\.?)`;

const LABEL = new RegExp(
  [
    `(?<rel>i\\s?dag|i\\s?morgon|i\\s?g[åa]r)`,
    `(?:${
      WD(ANY_WEEKDAY)
    }\\s*(?:den\\s+)?)(?:${DATE_BODY}|${DOTTED})(?:\\s+(?<wd2a>${LONG_WEEKDAY}|${ANY_WEEKDAY})\\.?)?`,
    `(?:den\\s+)?(?:${DATE_BODY})(?:,?\\s+(?<wd2>${ANY_WEEKDAY})\\.?(?![\\p{L}]))?`,
    // "01.02 Söndag": a dotted day and month read as a date when a weekday follows it.
    `(?<dottedwd>(?<d6>${D}{1,2})\\.(?<m6>${D}{1,2})\\.?)\\s+(?<wd3>${LONG_WEEKDAY}|${ANY_WEEKDAY})\\.?(?![\\p{L}])`,
    `(?<wdonly>${LONG_WEEKDAY}|${alternation(WEEKDAYS.flatMap(([, long]) => long.slice(1)))})\\.?`,
  ].map((p) => `(?:${p})`).join("|"),
  "giu",
);

/** "2026" or "26" (this century) as a year; no year printed is null. */
function fullYear(y: string | undefined): number | null {
  if (y === undefined) return null;
  return y.length === 2 ? 2000 + Number(y) : Number(y);
}

function build(g: Record<string, string | undefined>, text: string): DateLabel | null {
  const label: DateLabel = {
    text,
    day: null,
    month: null,
    year: null,
    weekday: null,
    relative: null,
  };
  if (g.rel) {
    const r = g.rel.toLowerCase().replace(/\s/g, "");
    label.relative = r === "idag" ? 0 : r === "imorgon" ? 1 : -1;
    return label;
  }
  const wd = g.wd ?? g.wd2 ?? g.wd2a ?? g.wd3 ?? g.wdonly;
  if (wd) label.weekday = weekdayOf(wd);
  if (g.iso) {
    [label.year, label.month, label.day] = [
      Number(g.iy!.replace(/ /g, "")),
      Number(g.im),
      Number(g.id),
    ];
  } else if (g.dmy) {
    [label.day, label.month, label.year] = [digits(g.d1!), digits(g.m1!), fullYear(g.y1)];
  } else if (g.dmyd) {
    [label.day, label.month, label.year] = [digits(g.d5!), digits(g.m5!), fullYear(g.y5)];
  } else if (g.slash) {
    [label.day, label.month] = [digits(g.d2!), digits(g.m2!)];
    label.year = fullYear(g.y2 ?? g.y2s);
  } else if (g.named) {
    [label.day, label.month] = [digits(g.d3!), monthOf(g.mn!)];
    label.year = fullYear(g.y3 ?? g.y3s);
  } else if (g.dotted) [label.day, label.month] = [digits(g.d4!), digits(g.m4!)];
  else if (g.dottedwd) [label.day, label.month] = [digits(g.d6!), digits(g.m6!)];
  if (label.day !== null) {
    const m = label.month ?? 0;
    if (Number.isNaN(label.day) || m < 1 || m > 12 || label.day < 1) return null;
    if (!isRealDate(label.year ?? 2024, m, label.day)) return null;
  }
  if (label.weekday === null && label.day === null) return null;
  return label;
}

/** Every day label inside a line of text, left to right. */
export function findDateLabels(
  text: string,
): Array<{ label: DateLabel; index: number; length: number }> {
  const found: Array<{ label: DateLabel; index: number; length: number }> = [];
  for (const m of text.matchAll(LABEL)) {
    const matched = m[0].replace(/[\s,]+$/, "");
    if (!matched) continue;
    const before = text[m.index - 1];
    const after = text[m.index + matched.length];
    if ((before && /[\p{L}\d]/u.test(before)) || (after && /[\p{L}\d:]/u.test(after))) continue;
    const label = build(m.groups ?? {}, matched);
    if (label) found.push({ label, index: m.index, length: matched.length });
  }
  return found;
}

/**
 * Marks printed between two parts of one line ("Idag · 13 jan", "Kassa | Butik City"), as the
 * body of a character class: middle dot, bullet, bar, guillemets (breadcrumbs, "Kassa » City")
 * and dashes, and the colon or guillemet OCR reads a faint middle dot as. The dash stays last so
 * the class reads it literally.
 */
export const SEPARATOR_MARKS = "·•|:»›–—-";
// A relative badge may also be parted from its date by a comma ("Idag, 13 jan").
const BADGE_SEPARATOR = `[,${SEPARATOR_MARKS}]`;
const BETWEEN_BADGE_AND_DATE = new RegExp(`^\\s*${BADGE_SEPARATOR}?\\s*$`);
const BADGE_SEPARATOR_TOKEN = new RegExp(`^${BADGE_SEPARATOR}$`);

/** A token standing between a relative badge and the date it names ("·", "-", ","). */
export function isBadgeSeparator(token: string): boolean {
  return BADGE_SEPARATOR_TOKEN.test(token);
}

const trimLabel = (text: string) => text.trim().replace(/[.,:]+$/, "");

/** The whole text is one day label, or null. */
export function readDateLabel(text: string): DateLabel | null {
  const trimmed = trimLabel(text);
  const found = findDateLabels(trimmed);
  return found.length === 1 && found[0]!.index === 0 && found[0]!.length === trimmed.length
    ? found[0]!.label
    : null;
}

/** The whole text is a weekday and nothing more ("Måndag", "tis.", "MÅN"), or null. */
export function readWeekdayOnly(text: string): (DateLabel & { weekday: number }) | null {
  // A relative badge ("Idag") carries no weekday, so a weekday alone is never one.
  const label = readDateLabel(text);
  return label && label.weekday !== null && label.day === null
    ? { ...label, weekday: label.weekday }
    : null;
}

/**
 * "Idag, 13 jan", "Igår – mån 12 jan": a relative badge, a separator and a dated label that
 * make up the whole text, or null.
 */
function relativeAndDated(text: string): { relative: -1 | 0 | 1; dated: DateLabel } | null {
  const trimmed = trimLabel(text);
  const found = findDateLabels(trimmed);
  if (found.length !== 2) return null;
  const [badge, dated] = found as [(typeof found)[0], (typeof found)[0]];
  const between = trimmed.slice(badge.index + badge.length, dated.index);
  const whole = badge.index === 0 && dated.index + dated.length === trimmed.length;
  if (!whole || !BETWEEN_BADGE_AND_DATE.test(between)) return null;
  if (badge.label.relative === null || dated.label.day === null) return null;
  return { relative: badge.label.relative, dated: dated.label };
}

function nearest(candidates: number[], month: number, day: number, to: string): number | null {
  let best: number | null = null;
  for (const y of candidates) {
    if (!isRealDate(y, month, day)) continue;
    const distance = Math.abs(daysBetween(to, isoDate(y, month, day)));
    if (best === null || distance < Math.abs(daysBetween(to, isoDate(best, month, day)))) {
      best = y;
    }
  }
  return best;
}

/**
 * Dates for labels in screen order. The year comes from, in turn: the label itself, the
 * printed weekday, the neighbouring dates of the list, the capture date, the default year.
 */
export function resolveDates(
  labels: DateLabel[],
  ctx: { reference: string; defaultYear?: number | null },
): Array<ResolvedDate | null> {
  const hasReference = /^\d{4}-\d{2}-\d{2}$/.test(ctx.reference);
  const refYear = hasReference ? Number(ctx.reference.slice(0, 4)) : ctx.defaultYear ?? null;
  let previous: string | null = null;
  return labels.map((l): ResolvedDate | null => {
    let out: ResolvedDate | null = null;
    if (l.relative !== null) {
      if (hasReference) out = { date: addDays(ctx.reference, l.relative), year_source: "relative" };
    } else if (l.day !== null && l.month !== null) {
      const { day, month } = l;
      const candidates = refYear === null ? [] : [refYear - 1, refYear, refYear + 1];
      if (l.year !== null) {
        if (isRealDate(l.year, month, day)) {
          out = { date: isoDate(l.year, month, day), year_source: "explicit" };
        }
      } else if (l.weekday !== null) {
        const fits = candidates.filter((y) =>
          isRealDate(y, month, day) && isoWeekday(isoDate(y, month, day)) === l.weekday
        );
        if (fits.length === 1) {
          out = { date: isoDate(fits[0]!, month, day), year_source: "weekday" };
        }
      } else if (previous !== null) {
        const y = nearest(candidates, month, day, previous);
        if (y !== null) out = { date: isoDate(y, month, day), year_source: "continuity" };
      } else if (hasReference) {
        const y = nearest(candidates, month, day, ctx.reference);
        if (y !== null) out = { date: isoDate(y, month, day), year_source: "capture_date" };
      } else if (ctx.defaultYear != null && isRealDate(ctx.defaultYear, month, day)) {
        out = { date: isoDate(ctx.defaultYear, month, day), year_source: "default_year" };
      }
      if (out && l.weekday !== null && isoWeekday(out.date) !== l.weekday) out = null;
    }
    if (out) previous = out.date;
    return out;
  });
}

/**
 * One day label as a schedule shows it, dated against the capture date. Beside a relative
 * badge the printed date wins, and it must be the day the badge names.
 */
export function parseDayHeader(text: string, opts: { reference: string }): ResolvedDate | null {
  const both = relativeAndDated(text);
  if (both) {
    const printed = resolveDates([both.dated], opts)[0];
    const named = resolveDates([{ ...both.dated, relative: both.relative }], opts)[0];
    return printed && printed.date === named?.date ? printed : null;
  }
  const label = readDateLabel(text);
  return label ? resolveDates([label], opts)[0] ?? null : null;
}
