import { addDays } from "../calendar_math.ts";
import type { DateLabel } from "../swedish_dates.ts";
import type { Anchor } from "./day_anchors.ts";
import { type DayContent, type Line, readFreeContent } from "./shift_reading.ts";
import { bodyEnd, columnAt, columnBounds, weekdayHeader } from "./grid_columns.ts";
import { type DateBallot, voteFirstDate, yearsAround } from "./grid_start.ts";
import { makeRow, median, type Row, type Word } from "./word_rows.ts";

const MONTHS = [
  "januari",
  "februari",
  "mars",
  "april",
  "maj",
  "juni",
  "juli",
  "augusti",
  "september",
  "oktober",
  "november",
  "december",
];

/** A month title ("Mars 2026", "mars"): month 1-12 and the year if printed. */
export function readMonthTitle(text: string): { month: number; year: number | null } | null {
  const m = /^(\p{L}+)\s*(\d{4})?$/u.exec(text.trim().toLowerCase());
  if (!m) return null;
  const month = MONTHS.indexOf(m[1]!) + 1;
  return month ? { month, year: m[2] ? Number(m[2]) : null } : null;
}

/** The month a calendar's numbers count in; a week grid starts at its Monday's month. */
export interface CalendarTitle {
  month: number;
  year: number | null;
}

export interface CalendarDay {
  anchor: Anchor;
  content: DayContent;
}

const isDayNumber = (text: string) => /^([1-9]|[12]\d|3[01])$/.test(text);

/**
 * A day number as OCR may garble it, keeping a digit: the ring round today read as brackets or
 * as one more digit ("(20)", "(207", "20)", "120"), a zero or a one read as a letter ("2O", "l5").
 */
export const isNumberLike = (text: string) => /^[(\[]?(?=[OoIl]*\d)[\dOoIl]{1,3}[)\]]?$/.test(text);

/** "(30)": a break mark in a cell, or today's day number in its ring. */
const isBracketed = (text: string) => /^\(\d+\)$/.test(text);

/**
 * Rows of day numbers under the header: number-like words only, more real day numbers than
 * bracketed ones, so that a cell line of break marks beside a bare count is no number row.
 */
function numberRows(rows: readonly Row[], headerRow: number): number[] {
  const out: number[] = [];
  for (let i = headerRow + 1; i < rows.length; i++) {
    const words = rows[i]!.words;
    const real = words.filter((w) => isDayNumber(w.text)).length;
    const bracketed = words.filter((w) => isBracketed(w.text)).length;
    if (words.every((w) => isNumberLike(w.text)) && real > bracketed) out.push(i);
  }
  return out;
}

/**
 * The ballots of the day numbers for the calendar's first cell: each number in the calendar's
 * month and its neighbours, whose grey days fill the first and last rows; the calendar's own
 * month counts double.
 */
function* numberBallots(
  cells: readonly { day: number; slot: number; weekday: number }[],
  title: CalendarTitle,
  reference: string,
): Generator<DateBallot> {
  for (const cell of cells) {
    for (const year of yearsAround(reference, title.year)) {
      for (const delta of [-1, 0, 1]) {
        const m = title.month + delta;
        const [y, month] = m < 1 ? [year - 1, 12] : m > 12 ? [year + 1, 1] : [year, m];
        yield {
          year: y,
          month,
          day: cell.day,
          weekday: cell.weekday,
          offset: cell.slot,
          weight: delta === 0 ? 2 : 1,
        };
      }
    }
  }
}

/**
 * Reads a month calendar: under the weekday header, rows of day numbers alternate with the
 * shift text of each cell. Every cell's date follows from its place in the grid once the
 * numbers agree where the grid starts; a cell whose number the OCR missed keeps its place.
 */
export function readMonthCalendar(
  rows: readonly Row[],
  headerRow: number,
  title: CalendarTitle,
  reference: string,
): CalendarDay[] {
  const heads = weekdayHeader(rows[headerRow]!)!;
  const centres = heads.map((h) => h.centre);
  const bounds = columnBounds(centres);
  const columnOf = (w: Word) => columnAt(bounds, w);
  const numbered = numberRows(rows, headerRow);
  if (!numbered.length) return [];
  const end = bodyEnd(rows, numbered[0]!, centres, () => false);
  const tops = numbered.filter((i) => i < end).map((i) => rows[i]!.box.top);
  const pitch = median(tops.slice(1).map((t, i) => t - tops[i]!));
  const weekOf = (i: number) => pitch > 0 ? Math.round((tops[i]! - tops[0]!) / pitch) : i;
  const cells = tops.flatMap((_, i) =>
    rows[numbered[i]!]!.words.filter((w) => isDayNumber(w.text) && columnOf(w) >= 0).map((w) => ({
      day: Number(w.text),
      slot: weekOf(i) * heads.length + columnOf(w),
      weekday: heads[columnOf(w)]!.weekday,
    }))
  );
  const first = voteFirstDate(numberBallots(cells, title, reference), reference);
  if (first === null) return [];
  const days: CalendarDay[] = [];
  tops.forEach((_, i) => {
    const rowIndex = numbered[i]!;
    const next = Math.min(numbered[i + 1] ?? end, end);
    heads.forEach((head, col) => {
      const number = rows[rowIndex]!.words.filter((w) => columnOf(w) === col);
      const lines: Line[] = [];
      for (let r = rowIndex + 1; r < next; r++) {
        const words = rows[r]!.words.filter((w) => columnOf(w) === col);
        if (words.length) lines.push({ cells: makeRow(words).cells });
      }
      if (!number.length && !lines.length) return;
      const date = addDays(first, weekOf(i) * heads.length + col);
      const label: DateLabel = {
        text: number.map((w) => w.text).join(" "),
        day: Number(date.slice(8, 10)),
        month: Number(date.slice(5, 7)),
        year: title.year !== null ? Number(date.slice(0, 4)) : null,
        weekday: head.weekday,
        relative: null,
      };
      days.push({
        anchor: { label, row: rowIndex, cell: col, words: number, rest: [] },
        content: readFreeContent(lines, { bareHours: true }),
      });
    });
  });
  return days;
}
