import { daysBetween, isoDate, isoWeekday, isRealDate } from "../calendar_math.ts";
import { type DateLabel, readWeekdayOnly } from "../swedish_dates.ts";
import type { Anchor } from "./day_anchors.ts";
import { readMonthTitle } from "./month_calendar.ts";
import { makeRow, type Row, type Word } from "./word_rows.ts";

/**
 * Date blocks: a day number printed large over its weekday ("12" over "MÅN") at the left of each
 * day's row, the shift beside them. The number alone is no date; with the weekday under it,
 * and the month from the divider above ("Februari") or else the nearest such date to the
 * capture, it is the day's header.
 */

const DAY_NUMBER = /^(\d{1,2})$/;
// The weekday is on the row under its number, or one further down when the shift's text beside
// the number wraps onto a second line whose band falls between them.
const WEEKDAY_ROWS_BELOW = 2;

function weekdayUnder(number: Word, row: Row): { word: Word; weekday: number } | null {
  const h = number.box.bottom - number.box.top;
  const middle = (number.box.left + number.box.right) / 2;
  for (const w of row.words) {
    const label = readWeekdayOnly(w.text);
    if (!label) continue;
    const below = w.box.top - number.box.bottom;
    const centred = Math.abs((w.box.left + w.box.right) / 2 - middle) <= h;
    if (below >= -h * 0.2 && below <= h && centred) return { word: w, weekday: label.weekday };
  }
  return null;
}

// Without a month divider the month is the nearest in which the day number falls on the
// weekday; such a pair recurs every few months, and a schedule shows the weeks around its
// capture, so only months this near the capture's are weighed and a block further off is no date.
const MONTHS_AROUND_CAPTURE = 3;

/** The month with this day number falling on this weekday nearest the capture date. */
function nearestMonth(day: number, weekday: number, reference: string): number | null {
  const [y, m] = reference.split("-").map(Number) as [number, number];
  let best: { month: number; distance: number } | null = null;
  for (let k = -MONTHS_AROUND_CAPTURE; k <= MONTHS_AROUND_CAPTURE; k++) {
    const month = ((m - 1 + k + 120) % 12) + 1;
    const year = y + Math.floor((m - 1 + k) / 12);
    if (!isRealDate(year, month, day)) continue;
    const date = isoDate(year, month, day);
    if (isoWeekday(date) !== weekday) continue;
    const distance = Math.abs(daysBetween(reference, date));
    if (!best || distance < best.distance) best = { month, distance };
  }
  return best?.month ?? null;
}

/**
 * The page's date blocks as anchors, and the rows with each block's weekday taken out so it is
 * not read as the shift's text. Empty when fewer than two blocks stack up.
 */
export function dateBlockAnchors(
  rows: readonly Row[],
  reference: string,
): { anchors: Map<number, Anchor>; rows: Row[] } {
  const found = new Map<number, { label: DateLabel; number: Word; weekday: Word }>();
  const taken = new Set<Word>();
  const titles = new Set<number>();
  let month: number | null = null;
  rows.forEach((row, i) => {
    const title = row.cells.length === 1 ? readMonthTitle(row.cells[0]!.text) : null;
    if (title) {
      month = title.month;
      titles.add(i);
    }
    const first = row.cells[0]?.words[0];
    const m = first ? DAY_NUMBER.exec(first.text) : null;
    if (!first || !m) return;
    const under = rows.slice(i + 1, i + 1 + WEEKDAY_ROWS_BELOW).map((r) => weekdayUnder(first, r))
      .find((w) => w !== null);
    if (!under) return;
    const { word: wd, weekday } = under;
    const day = Number(m[1]);
    const inMonth = month ?? nearestMonth(day, weekday, reference);
    if (inMonth === null || day < 1 || day > 31) return;
    const label: DateLabel = {
      text: `${first.text} ${wd.text}`,
      day,
      month: inMonth,
      year: null,
      weekday,
      relative: null,
    };
    found.set(i, { label, number: first, weekday: wd });
    taken.add(wd);
  });
  if (found.size < 2) return { anchors: new Map(), rows: [...rows] };
  // Each block's number heads a row of its own, the shift's text beside it starts the day's
  // lines, and the weekday under it and the month dividers are no content.
  const out: Row[] = [];
  const anchors = new Map<number, Anchor>();
  rows.forEach((row, i) => {
    if (titles.has(i)) return;
    const block = found.get(i);
    const words = row.words.filter((w) => !taken.has(w) && w !== block?.number);
    if (block) {
      anchors.set(out.length, {
        label: block.label,
        row: out.length,
        cell: 0,
        words: [block.number, block.weekday],
        rest: [],
      });
      out.push(makeRow([block.number]));
    }
    if (words.length) out.push(makeRow(words));
  });
  return { anchors, rows: out };
}
