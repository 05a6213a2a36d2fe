import type { DateLabel } from "../swedish_dates.ts";
import { findDateLabels } from "../swedish_dates.ts";
import type { Anchor } from "./day_anchors.ts";
import { type DayContent, type Line, readFreeContent } from "./shift_reading.ts";
import { makeRow, type Row } from "./word_rows.ts";

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

/** Weekday column headers of a month calendar ("Mån Tis Ons Tor Fre Lör Sön"), left to right. */
export function weekdayHeader(row: Row): { weekday: number; centre: number }[] | null {
  const heads = row.words.flatMap((w) => {
    const found = findDateLabels(w.text.replace(/\.$/, ""));
    const label = found[0]?.label;
    if (
      !label || label.weekday === null || label.day !== null ||
      found[0]!.length !== w.text.replace(/\.$/, "").length
    ) {
      return [];
    }
    return [{ weekday: label.weekday, centre: (w.box.left + w.box.right) / 2 }];
  });
  return heads.length >= 5 && heads.length === row.words.length ? heads : null;
}

/** The month a calendar's numbers count in; a week grid starts at its Monday's month. */
export interface CalendarTitle {
  month: number;
  year: number | null;
  week: boolean;
}

export interface CalendarDay {
  anchor: Anchor;
  content: DayContent;
}

const isDayNumber = (text: string) => /^([1-9]|[12]\d|3[01])$/.test(text);

/**
 * Reads a month calendar: under the weekday header, rows of day numbers alternate with the
 * shift text of each cell. Numbers before the 1st belong to the previous month and numbers
 * after a drop back to small values to the next one.
 */
export function readMonthCalendar(
  rows: readonly Row[],
  headerRow: number,
  title: CalendarTitle,
): CalendarDay[] {
  const heads = weekdayHeader(rows[headerRow]!)!;
  const bounds = heads.map((h, i) => ({
    weekday: h.weekday,
    left: i === 0 ? -Infinity : (heads[i - 1]!.centre + h.centre) / 2,
    right: i === heads.length - 1 ? Infinity : (h.centre + heads[i + 1]!.centre) / 2,
  }));
  const columnOf = (x: number) => bounds.findIndex((b) => x >= b.left && x < b.right);
  const numberRows: number[] = [];
  for (let i = headerRow + 1; i < rows.length; i++) {
    if (rows[i]!.words.every((w) => isDayNumber(w.text))) numberRows.push(i);
  }
  let month = title.month;
  let year = title.year;
  let previous: number | null = null;
  const days: CalendarDay[] = [];
  numberRows.forEach((rowIndex, k) => {
    const next = numberRows[k + 1] ?? rows.length;
    for (const word of rows[rowIndex]!.words) {
      const day = Number(word.text);
      if (previous === null && day > 7 && !title.week) month -= 1;
      else if (previous !== null && day < previous) month += 1;
      previous = day;
      if (month < 1 || month > 12) {
        year = year === null ? null : year + (month < 1 ? -1 : 1);
        month = month < 1 ? 12 : 1;
      }
      const col = columnOf((word.box.left + word.box.right) / 2);
      const bound = bounds[col];
      if (!bound) continue;
      const lines: Line[] = [];
      for (let i = rowIndex + 1; i < next; i++) {
        const words = rows[i]!.words.filter((w) =>
          columnOf((w.box.left + w.box.right) / 2) === col
        );
        if (words.length) lines.push({ cells: makeRow(words).cells });
      }
      const label: DateLabel = {
        text: word.text,
        day,
        month,
        year,
        weekday: bound.weekday,
        relative: null,
      };
      days.push({
        anchor: { label, row: rowIndex, cell: 0, words: [word], rest: [] },
        content: readFreeContent(lines),
      });
    }
  });
  return days;
}
