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
const DASH = String.raw`\s*(?:-{1,2}|–|—|‒|−|till)\s*`;
const RANGE = new RegExp(
  [
    `(?<kl>kl\\.?\\s*)?${CLOCK.replace(/<(h|m)>/g, "<$11>")}${DASH}${
      CLOCK.replace(/<(h|m)>/g, "<$12>")
    }`,
    // "kl. 7-16": whole hours need the "kl" to be read as times
    `kl\\.?\\s*(?<hh1>\\d{1,2})${DASH}(?<hh2>\\d{1,2})(?![\\d:.])`,
    // "0700-1530": a range of four-digit groups
    `(?<c1>\\d{4})${DASH}(?<c2>\\d{4})`,
  ].map((p) => `(?:${p})`).join("|"),
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

/** Every time range inside a line of text, left to right. */
export function findTimeRanges(text: string): Array<TimeRange & { index: number; length: number }> {
  const out: Array<TimeRange & { index: number; length: number }> = [];
  for (const m of text.matchAll(RANGE)) {
    const g = m.groups ?? {};
    const before = text[m.index - 1];
    const after = text[m.index + m[0].length];
    if ((before && /[\d:.]/.test(before)) || (after && /\d/.test(after))) continue;
    let r: TimeRange | null = null;
    if (g.h1 !== undefined) r = range(clock(g.h1, g.m1!), clock(g.h2!, g.m2!));
    else if (g.hh1 !== undefined) r = range(clock(g.hh1, "00"), clock(g.hh2!, "00"));
    else if (g.c1 !== undefined) {
      r = range(clock(g.c1.slice(0, 2), g.c1.slice(2)), clock(g.c2!.slice(0, 2), g.c2!.slice(2)));
    }
    if (r) out.push({ ...r, index: m.index, length: m[0].length });
  }
  return out;
}

/** The whole text is one time range (an optional "kl." and surrounding punctuation allowed). */
export function parseTimeRange(text: string): TimeRange | null {
  const trimmed = text.trim();
  const found = findTimeRanges(trimmed);
  if (found.length !== 1) return null;
  const { index, length, ...r } = found[0]!;
  const rest = trimmed.slice(0, index) + trimmed.slice(index + length);
  return /^[\s()[\],.]*$/.test(rest) ? r : null;
}

/** One clock time token ("07:00", "7.00"), as in a table's Start or Slut column. */
export function parseClockTime(text: string): string | null {
  const m = new RegExp(`^(?:kl\\.?\\s*)?${CLOCK}$`, "i").exec(text.trim());
  return m?.groups ? clock(m.groups.h!, m.groups.m!) : null;
}

const BREAK_PATTERNS: ReadonlyArray<RegExp> = [
  /rast\s*:?\s*(?<h>\d)\s*(?:h|tim(?:me)?)\b(?:\s*(?<m>\d{1,2})\s*min)?/i,
  /rast\s*:?\s*(?<m>\d{1,3})(?:\s*(?:min|m)\b\.?)?/i,
  /(?<m>\d{1,3})\s*min\.?\s*rast/i,
  /^\s*\((?<m>\d{1,3})\)\s*$/,
  /^\s*(?<m>\d{1,3})\s*min\.?\s*$/i,
];

/** Break length in minutes: "Rast 30 min", "30 min rast", "(30)", "30 min", "Rast: 45", "Rast 1 h". */
export function parseBreakMinutes(text: string): number | null {
  for (const pattern of BREAK_PATTERNS) {
    const g = pattern.exec(text)?.groups;
    if (!g) continue;
    const minutes = Number(g.h ?? 0) * 60 + Number(g.m ?? 0);
    if (minutes <= 600) return minutes;
  }
  return null;
}
