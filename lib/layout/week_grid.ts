/**
 * Week grids: one column per day under a header of weekdays and dates ("Mån" over "12/1",
 * or "Måndag 2/2" in one cell). The columns of one week are consecutive days, so a date the
 * OCR misread or lost is restored from the columns that agree with their weekdays.
 */
import { addDays, isoWeekday } from "../calendar_math.ts";
import { type DateLabel, readDateLabel } from "../swedish_dates.ts";
import type { Anchor } from "./day_anchors.ts";
import { columnAt, columnBounds, weekdayHeader } from "./grid_columns.ts";
import { type DateBallot, voteFirstDate, yearsAround } from "./grid_start.ts";
import { type DayContent, type Line, readFreeContent } from "./shift_reading.ts";
import { height, makeRow, median, type Row, union, type Word } from "./word_rows.ts";

/** One day column as the header shows it. */
export interface GridColumn {
  centre: number;
  weekday: number | null;
  /** the header words naming the day (none for a column the OCR lost) */
  words: Word[];
  /** the date as printed, if it was read */
  label: DateLabel | null;
}

export interface GridHeader {
  columns: GridColumn[];
  /** first row below the header */
  bodyStart: number;
}

const centreOf = (words: readonly Word[]) => {
  const box = union(words.map((w) => w.box));
  return (box.left + box.right) / 2;
};

function isFullDate(label: DateLabel | null): label is DateLabel {
  return label !== null && label.day !== null && label.month !== null;
}

/**
 * A weekday row ("Mån Tis Ons ...") with a row of dates right under it ("12/1 13/1 ...").
 * A weekday row over bare day numbers is a month calendar, not this.
 */
export function stackedHeader(rows: readonly Row[]): GridHeader | null {
  const at = rows.findIndex((r) => weekdayHeader(r) !== null);
  const dateRow = rows[at + 1];
  if (at < 0 || !dateRow) return null;
  const heads = weekdayHeader(rows[at]!)!;
  const gap = dateRow.box.top - rows[at]!.box.bottom;
  if (gap > height(rows[at]!.box) * 2) return null;
  const dates = dateRow.words.map((w) => ({ word: w, label: readDateLabel(w.text) }))
    .filter((d) => isFullDate(d.label));
  if (dates.length < Math.min(3, heads.length)) return null;
  const pitch = median(heads.slice(1).map((h, i) => h.centre - heads[i]!.centre));
  const columns: GridColumn[] = heads.map((h) => {
    const word = rows[at]!.words.find((w) => Math.abs(centreOf([w]) - h.centre) < 1)!;
    return { centre: h.centre, weekday: h.weekday, words: [word], label: null };
  });
  // A date whose weekday the OCR lost still marks its column.
  for (const d of dates) {
    const c = centreOf([d.word]);
    let column = columns.find((col) => Math.abs(col.centre - c) < pitch / 2);
    if (!column) {
      column = { centre: c, weekday: null, words: [], label: null };
      columns.push(column);
    }
    column.words.push(d.word);
    column.label = d.label;
  }
  columns.sort((a, b) => a.centre - b.centre);
  return { columns, bodyStart: at + 2 };
}

/** A row of three or more full day labels ("Måndag 2/2  Tisdag 3/2 ..."), one per column. */
export function inlineHeader(anchors: readonly Anchor[], row: number): GridHeader {
  const columns = [...anchors]
    .map((a) => ({
      centre: centreOf(a.words),
      weekday: a.label.weekday,
      words: a.words,
      label: a.label,
    }))
    .sort((a, b) => a.centre - b.centre);
  return { columns, bodyStart: row + 1 };
}

/** Distance between neighbouring day columns, judged from the weekdays where known. */
function columnPitch(columns: readonly GridColumn[]): number {
  const steps: number[] = [];
  const plain: number[] = [];
  for (let i = 1; i < columns.length; i++) {
    const a = columns[i - 1]!;
    const b = columns[i]!;
    plain.push(b.centre - a.centre);
    if (a.weekday !== null && b.weekday !== null) {
      const days = (b.weekday - a.weekday + 7) % 7 || 7;
      steps.push((b.centre - a.centre) / days);
    }
  }
  return median(steps.length ? steps : plain);
}

/**
 * Every day column, the ones the OCR missed put back between their neighbours, each with
 * its day offset from the first column.
 */
export function completeColumns(
  columns: readonly GridColumn[],
): { column: GridColumn; offset: number }[] {
  if (!columns.length) return [];
  const pitch = columnPitch(columns);
  const first = columns[0]!;
  const placed = columns.map((column) => ({
    column,
    offset: pitch > 0 ? Math.round((column.centre - first.centre) / pitch) : 0,
  }));
  const out: { column: GridColumn; offset: number }[] = [];
  for (const p of placed) {
    const last = out[out.length - 1];
    if (last && p.offset <= last.offset) return placed; // not evenly spaced: keep as read
    for (let k = (last?.offset ?? p.offset - 1) + 1; k < p.offset; k++) {
      const weekday = first.weekday === null ? null : ((first.weekday - 1 + k) % 7) + 1;
      out.push({
        column: { centre: first.centre + k * pitch, weekday, words: [], label: null },
        offset: k,
      });
    }
    out.push(p);
  }
  return out;
}

/**
 * The ballots for the first column's date: each printed date in the years around the capture
 * date, and a "Vecka N" header's Monday.
 */
function* columnBallots(
  placed: readonly { column: GridColumn; offset: number }[],
  reference: string,
  weekMonday: string | null,
): Generator<DateBallot> {
  for (const { column, offset } of placed) {
    const label = column.label;
    const weekday = column.weekday ?? label?.weekday ?? null;
    if (!isFullDate(label) || weekday === null) continue;
    for (const year of yearsAround(reference, label.year)) {
      yield { year, month: label.month!, day: label.day!, weekday, offset, weight: 1 };
    }
  }
  const first = placed[0];
  if (weekMonday && first?.column.weekday) {
    const date = addDays(weekMonday, first.column.weekday - 1);
    const [year, month, day] = date.split("-").map(Number) as [number, number, number];
    yield { year, month, day, weekday: first.column.weekday, offset: first.offset, weight: 1 };
  }
}

/**
 * The day label of every column. When the columns agree on their week, each column's date
 * follows from its place; the year is left to the weekday, as printed dates carry none.
 */
export function gridLabels(
  header: GridHeader,
  reference: string,
  weekMonday: string | null,
): { column: GridColumn; label: DateLabel | null }[] {
  const placed = completeColumns(header.columns);
  const start = /^\d{4}-\d{2}-\d{2}$/.test(reference)
    ? voteFirstDate(columnBallots(placed, reference, weekMonday), reference)
    : null;
  return placed.map(({ column, offset }) => {
    if (start === null) return { column, label: column.label };
    const date = addDays(start, offset);
    const printedYear = column.label?.year ?? null;
    return {
      column,
      label: {
        text: column.words.map((w) => w.text).join(" "),
        day: Number(date.slice(8, 10)),
        month: Number(date.slice(5, 7)),
        year: printedYear !== null && String(printedYear) === date.slice(0, 4) ? printedYear : null,
        weekday: isoWeekday(date),
        relative: null,
      },
    };
  });
}

/** The text of each column between `start` and `end`, read as that day's content. */
export function columnContents(
  rows: readonly Row[],
  start: number,
  end: number,
  centres: readonly number[],
): DayContent[] {
  const bounds = columnBounds(centres);
  return bounds.map((_, col) => {
    const lines: Line[] = [];
    for (const row of rows.slice(start, end)) {
      const words = row.words.filter((w) => columnAt(bounds, w) === col);
      if (words.length) lines.push({ cells: makeRow(words).cells });
    }
    return readFreeContent(lines, { bareHours: true });
  });
}
