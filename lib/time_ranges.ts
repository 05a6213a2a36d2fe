/** Clock times and shift ranges as Swedish schedules print them ("07:00 – 15:30", "kl. 7-16"). */

export interface TimeRange {
  start: string;
  end: string;
  ends_next_day: boolean;
}

// Letters OCR reads for digits; only trusted inside a token that also holds real digits.
const G = "[0-9OoIlS]";
const toDigits = (s: string) => s.replace(/[Oo]/g, "0").replace(/[Il]/g, "1").replace(/S/g, "5");

const CLOCK = `(?<h>${G}{1,2})[:.](?<m>${G}{2})`;
const HOUR = String.raw`(?<h>\d{1,2})(?![\d:.]\d)`;
const DASH = String.raw`\s*(?:-{1,2}>?|–|—|‒|−|→|till)\s*`;
// A bare ">" joins two full clock times only: beside a whole hour it is a chevron or a sign.
const DASH_OR_CHEVRON = String.raw`(?:${DASH}|\s*>\s*)`;
const named = (pattern: string, n: number) => pattern.replace(/<(h|m)>/g, `<$1${n}>`);
const CLOCK_OR_HOUR = (n: number) => `(?:${named(CLOCK, n)}|${named(HOUR, n + 2)})`;
// "07 00 - 15 30": OCR lost both colons; read only where the range stands alone in its cell.
const SPACED = (n: number) => `(?<h${n}>\\d{1,2}) (?<m${n}>\\d{2})`;
// "(+1)", "+1 dag": the end is on the next day.
const NEXT_DAY = String.raw`(?<next>\s*(?:\(\s*\+\s?1(?:\s*dag)?\s*\)|\+1(?:\s*dag)?\b))?`;
const RANGE = new RegExp(
  "(?:" + [
    `(?<kl>kl\\.?\\s*)?${named(CLOCK, 1)}${DASH_OR_CHEVRON}${named(CLOCK, 2)}`,
    // "kl. 7-16", "kl. 10-18.30": after "kl" whole hours are times
    `kl\\.?\\s*${CLOCK_OR_HOUR(1)}${DASH}${CLOCK_OR_HOUR(2)}(?![\\d:.])`,
    // "09:30-18", "13-21:30": one side with minutes makes the other a whole hour
    `${named(CLOCK, 1)}${DASH}${named(HOUR, 4)}(?![\\d:.])`,
    `${named(HOUR, 3)}${DASH}${named(CLOCK, 2)}`,
    // "0700-1530": a range of four-digit groups
    `(?<c1>\\d{4})${DASH}(?<c2>\\d{4})`,
    `(?<spaced>(?:kl\\.?\\s*)?${SPACED(5)}${DASH}${SPACED(6)})(?![\\d:.])`,
    // "07-16": only where the caller knows the text is a shift cell (see `bareHours`)
    `(?<b1>\\d{1,2})${DASH}(?<b2>\\d{1,2})(?![\\d:.])`,
  ].map((p) => `(?:${p})`).join("|") + ")" + NEXT_DAY,
  "gi",
);

function clock(h: string, m: string): string | null {
  const hd = toDigits(h);
  const md = toDigits(m);
  if (!/\d/.test(h + m) || !/^\d+$/.test(hd + md)) return null;
  const hours = Number(hd);
  const minutes = Number(md);
  if (hours > 24 || minutes > 59 || (hours === 24 && minutes !== 0)) return null;
  return `${String(hours % 24).padStart(2, "0")}:${md}`;
}

function range(start: string | null, end: string | null): TimeRange | null {
  if (!start || !end || start === end) return null;
  return { start, end, ends_next_day: end < start };
}

const side = (g: Record<string, string | undefined>, clockN: number, hourN: number) =>
  g[`h${clockN}`] !== undefined
    ? clock(g[`h${clockN}`]!, g[`m${clockN}`]!)
    : g[`h${hourN}`] !== undefined
    ? clock(g[`h${hourN}`]!, "00")
    : null;

/**
 * A bare "07-16" is a shift only alone in its cell: on its own line, or before a break mark.
 * Elsewhere such a pair is a period, a count or a score.
 */
function standsAlone(text: string, index: number, length: number): boolean {
  const before = text.slice(0, index);
  const after = text.slice(index + length);
  return (before.trim() === "" || /\s{2}$/.test(before)) && /^(\s*$|\s{2}|\s*\(\d)/.test(after);
}

// "fm" and "em" are förmiddag and eftermiddag as schedules shorten them.
const PARTS_OF_DAY = "förmiddag|eftermiddag|morgon|dag|kväll|natt|fm|em";
const PART_OF_DAY = new RegExp(`^(?:${PARTS_OF_DAY})$`, "i");

/** A word naming a part of the day ("Kväll", "Natt", "Fm"), as schedules name shifts for theirs. */
export function isPartOfDay(word: string): boolean {
  return PART_OF_DAY.test(word);
}

// "Kväll 16-22", "Natt 22-7": after the name of a part of the day a bare pair is its hours.
const AFTER_PART_OF_DAY = new RegExp(
  String.raw`(?:^|\s)(?:${PARTS_OF_DAY})\s*[:·-]?\s*$`,
  "i",
);

export interface FindOptions {
  /** the text is a week-grid column or a calendar cell, where "07-16" means 07:00-16:00 */
  bareHours?: boolean;
}

type FoundRange = TimeRange & { index: number; length: number };

/** Every time range inside a line of text, left to right, with the match it was read from. */
function rangeMatches(
  text: string,
  options: FindOptions,
): Array<{ range: FoundRange; match: RegExpExecArray }> {
  const out: Array<{ range: FoundRange; match: RegExpExecArray }> = [];
  for (const m of text.matchAll(RANGE)) {
    const g = m.groups ?? {};
    const before = text[m.index - 1];
    const after = text[m.index + m[0].length];
    if ((before && /[\d:.]/.test(before)) || (after && /\d/.test(after))) continue;
    let r: TimeRange | null = null;
    if (g.c1 !== undefined) {
      r = range(clock(g.c1.slice(0, 2), g.c1.slice(2)), clock(g.c2!.slice(0, 2), g.c2!.slice(2)));
    } else if (g.spaced !== undefined) {
      if (!standsAlone(text, m.index, m[0].length)) continue;
      r = range(clock(g.h5!, g.m5!), clock(g.h6!, g.m6!));
    } else if (g.b1 !== undefined) {
      const named = AFTER_PART_OF_DAY.test(text.slice(0, m.index));
      const alone = standsAlone(text, m.index, m[0].length) ||
        (named && standsAlone(text.slice(m.index), 0, m[0].length));
      if (!(options.bareHours || named) || !alone) continue;
      r = Number(g.b1) < 24 ? range(clock(g.b1, "00"), clock(g.b2!, "00")) : null;
    } else r = range(side(g, 1, 3), side(g, 2, 4));
    // A next-day mark on a range that ends the same day contradicts it: read neither.
    if (r && g.next !== undefined && !r.ends_next_day) continue;
    if (r) out.push({ range: { ...r, index: m.index, length: m[0].length }, match: m });
  }
  return out;
}

/** Every time range inside a line of text, left to right. */
export function findTimeRanges(text: string, options: FindOptions = {}): FoundRange[] {
  return rangeMatches(text, options).map((found) => found.range);
}

/**
 * Whether the text prints a whole hour bare beside a clock time without "kl" ("7-15:30",
 * "22-6:30 (+1)"): an app writing ranges so writes "14-22" for 14:00-22:00, so on its pages
 * a bare pair alone in its cell is a shift too.
 */
export function printsBareHours(text: string): boolean {
  return rangeMatches(text, {}).some(({ match }) => {
    const g = match.groups ?? {};
    return !/^kl/i.test(match[0]) && (g.h3 !== undefined) !== (g.h4 !== undefined);
  });
}

/**
 * The whole text is one time range: an optional "kl.", surrounding punctuation and a break mark
 * after it ("07:00 - 15:30 (30)") allowed.
 */
export function parseTimeRange(text: string): TimeRange | null {
  const trimmed = text.trim();
  const found = findTimeRanges(trimmed);
  if (found.length !== 1) return null;
  const { index, length, ...r } = found[0]!;
  const after = trimmed.slice(index + length).replace(/^\s*\(\s*\d{1,3}\s*(?:min)?\s*\)/i, "");
  return /^[\s()[\],.]*$/.test(trimmed.slice(0, index) + after) ? r : null;
}

/** One clock time token ("07:00", "7.00"), as in a table's Start or Slut column. */
export function parseClockTime(text: string): string | null {
  const m = new RegExp(`^(?:kl\\.?\\s*)?${CLOCK}$`, "i").exec(text.trim());
  return m?.groups ? clock(m.groups.h!, m.groups.m!) : null;
}

const BARE_CLOCK = /^(\d{1,2})[:.](\d{2})$/;

/**
 * A token that is a clock time in digits and nothing else ("7:00", "18.30"), as printed on an
 * hour ruler or a time column: no "kl", and no letters taken for digits.
 */
export function readBareClock(text: string): { hours: number; minutes: number } | null {
  const m = BARE_CLOCK.exec(text);
  return m ? { hours: Number(m[1]), minutes: Number(m[2]) } : null;
}

// "Lunchrast" ends in "rast"; "Raster 2x15 min" names two breaks.
const BREAK_WORD = String.raw`(?:rast(?:er)?|paus(?:er)?|lunch)`;
const NAMES_BREAK = new RegExp(BREAK_WORD, "i");

/** Whether the text names a break ("Rast", "Lunchrast", "Paus"), not bare minutes alone. */
export function namesBreak(text: string): boolean {
  return NAMES_BREAK.test(text);
}

const MINUTES = String.raw`(?:min(?:uter)?|m)\b\.?`;
// "h", "tim", "timmar", "timme": hours, in a break's length and a shift's
const HOURS = String.raw`(?:h|tim(?:mar|me)?)\b`;
// "2x15", "2 × 15": that many breaks of that length
const COUNT = String.raw`(?:(?<n>[1-4])\s*[x×]\s*)?`;
const BREAK_PATTERNS: ReadonlyArray<RegExp> = [
  // "Rast 0:30", "Rast 00.30": hours and minutes as a clock
  new RegExp(String.raw`${BREAK_WORD}\s*:?\s*(?<h>\d{1,2})[:.](?<m>\d{2})\b(?!\s*-)`, "i"),
  // "Rast 1,5 h", "Rast 0.5 tim": a decimal count of hours
  new RegExp(String.raw`${BREAK_WORD}\s*:?\s*(?<dh>\d[,.]\d{1,2})\s*${HOURS}`, "i"),
  new RegExp(
    String
      .raw`${BREAK_WORD}\s*:?\s*(?<h>\d)\s*${HOURS}(?:\s*(?<m>\d{1,2})\s*${MINUTES})?`,
    "i",
  ),
  new RegExp(
    String
      .raw`${BREAK_WORD}\s*:?\s*${COUNT}(?<m>\d{1,3})(?:\s*${MINUTES})?(?!\d|[:.,]\d|\s*-\s*\d|\s*[x×]\s*\d)`,
    "i",
  ),
  new RegExp(String.raw`${COUNT}(?<m>\d{1,3})\s*${MINUTES}\s*${BREAK_WORD}`, "i"),
  /^\s*\((?<m>\d{1,3})\)\s*$/,
  new RegExp(String.raw`^\s*(?<m>\d{1,3})\s*${MINUTES}\s*$`, "i"),
];

/**
 * Break length in minutes: "Rast 30 min", "30 min rast", "(30)", "30 min", "Rast: 45", "Rast 1 h",
 * "Rast 0:30", "Rast 1,5 h", "Paus 30 minuter", "Raster 2x15 min" (30), "Lunch 30 min".
 */
export function parseBreakMinutes(text: string): number | null {
  for (const pattern of BREAK_PATTERNS) {
    const g = pattern.exec(text)?.groups;
    if (!g) continue;
    const minutes = g.dh !== undefined
      ? Math.round(Number(g.dh.replace(",", ".")) * 60)
      : (Number(g.h ?? 0) * 60 + Number(g.m ?? 0)) * Number(g.n ?? 1);
    if (minutes <= 600) return minutes;
  }
  return null;
}

// "8 h 30 min", "8,5 h", "8 tim", "3h": a shift's length as some apps print it beside its times.
const DURATION = new RegExp(
  String
    .raw`(?<!\d|\d[:.,])\d{1,2}(?:[,.]\d{1,2})?\s*${HOURS}(?:\s*\d{1,2}\s*${MINUTES})?`,
  "i",
);

/** Where a shift's length stands in a text that is no break ("Rast 1 h" is one), or null. */
export function findDuration(text: string): { index: number; length: number } | null {
  if (parseBreakMinutes(text) !== null) return null;
  const m = DURATION.exec(text);
  return m ? { index: m.index, length: m[0].length } : null;
}
