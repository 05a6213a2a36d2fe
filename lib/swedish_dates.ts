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
  [1, ["måndag", "mån"], ["må"]],
  [2, ["tisdag", "tis"], ["ti"]],
  [3, ["onsdag", "ons"], ["on"]],
  [4, ["torsdag", "tors", "tor"], ["to"]],
  [5, ["fredag", "fre"], ["fr"]],
  [6, ["lördag", "lör"], ["lö"]],
  [7, ["söndag", "sön"], ["sö"]],
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
const DATE_BODY = [
  // OCR splits a long run of digits in slanted type now and then ("20 2 6-01-17").
  `(?<iso>(?<iy>\\d(?: ?\\d){3})-(?<im>\\d{1,2})-(?<id>\\d{1,2}))`,
  `(?<dmy>(?<d1>${D}{1,2})[./](?<m1>${D}{1,2})[./](?<y1>\\d{4}|\\d{2}))`,
  `(?<slash>(?<d2>${D}{1,2})/(?<m2>${D}{1,2})(?:\\s+(?<y2>\\d{4}))?)`,
  // "12 jan", "12. januari", "12:e januari"
  `(?<named>(?<d3>${D}{1,2})(?::[ae])?\\.?\\s*(?<mn>${MONTH})\\.?(?:\\s+(?<y3>\\d{4}))?)`,
].join("|");
// "d.m" is also how times are written ("12.30"), so it is a date only beside a weekday.
const DOTTED = `(?<dotted>(?<d4>${D}{1,2})\\.(?<m4>${D}{1,2})\\.?)`;

const LABEL = new RegExp(
  [
    `(?<rel>i\\s?dag|i\\s?morgon|i\\s?g[åa]r)`,
    `(?:${
      WD(ANY_WEEKDAY)
    }\\s*(?:den\\s+)?)(?:${DATE_BODY}|${DOTTED})(?:\\s+(?<wd2a>${LONG_WEEKDAY}|${ANY_WEEKDAY})\\.?)?`,
    `(?:${DATE_BODY})(?:,?\\s+(?<wd2>${ANY_WEEKDAY})\\.?(?![\\p{L}]))?`,
    `(?<wdonly>${LONG_WEEKDAY}|${alternation(WEEKDAYS.flatMap(([, long]) => long.slice(1)))})\\.?`,
  ].map((p) => `(?:${p})`).join("|"),
  "giu",
);

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
  const wd = g.wd ?? g.wd2 ?? g.wd2a ?? g.wdonly;
  if (wd) label.weekday = weekdayOf(wd);
  if (g.iso) {
    [label.year, label.month, label.day] = [
      Number(g.iy!.replace(/ /g, "")),
      Number(g.im),
      Number(g.id),
    ];
  } else if (g.dmy) {
    [label.day, label.month] = [digits(g.d1!), digits(g.m1!)];
    const y = Number(g.y1);
    label.year = y < 100 ? 2000 + y : y;
  } else if (g.slash) {
    [label.day, label.month] = [digits(g.d2!), digits(g.m2!)];
    label.year = g.y2 ? Number(g.y2) : null;
  } else if (g.named) {
    [label.day, label.month] = [digits(g.d3!), monthOf(g.mn!)];
    label.year = g.y3 ? Number(g.y3) : null;
  } else if (g.dotted) [label.day, label.month] = [digits(g.d4!), digits(g.m4!)];
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

/** The whole text is one day label, or null. */
export function readDateLabel(text: string): DateLabel | null {
  const trimmed = text.trim().replace(/[.,:]+$/, "");
  const found = findDateLabels(trimmed);
  return found.length === 1 && found[0]!.index === 0 && found[0]!.length === trimmed.length
    ? found[0]!.label
    : null;
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

/** One day label as a schedule shows it, dated against the capture date. */
export function parseDayHeader(text: string, opts: { reference: string }): ResolvedDate | null {
  const label = readDateLabel(text);
  return label ? resolveDates([label], opts)[0] ?? null : null;
}
