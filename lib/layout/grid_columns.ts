/**
 * The column structure month calendars and week grids share: a header row of weekdays, and
 * where the grid under it ends.
 */
import { readWeekdayOnly } from "../swedish_dates.ts";
import { median, type Row, type Word } from "./word_rows.ts";

/** Weekday column headers of a calendar or week grid ("Mån Tis Ons Tor Fre Lör Sön"), left to right. */
export function weekdayHeader(row: Row): { weekday: number; centre: number }[] | null {
  const heads = row.words.flatMap((w) => {
    const label = readWeekdayOnly(w.text);
    return label ? [{ weekday: label.weekday, centre: (w.box.left + w.box.right) / 2 }] : [];
  });
  return heads.length >= 5 && heads.length === row.words.length ? heads : null;
}

export interface ColumnBounds {
  left: number;
  right: number;
}

/** Each column's span from its header centre: halfway to its neighbours, the outer ones open. */
export function columnBounds(centres: readonly number[]): ColumnBounds[] {
  return centres.map((c, i) => ({
    left: i === 0 ? -Infinity : (centres[i - 1]! + c) / 2,
    right: i === centres.length - 1 ? Infinity : (c + centres[i + 1]!) / 2,
  }));
}

/** The column whose span holds the word's centre, or -1. */
export function columnAt(bounds: readonly ColumnBounds[], word: Word): number {
  const x = (word.box.left + word.box.right) / 2;
  return bounds.findIndex((b) => x >= b.left && x < b.right);
}

/**
 * Where the grid's body ends: at a row with a word running across a column boundary (a
 * summary card under the grid), or at the next header.
 */
export function bodyEnd(
  rows: readonly Row[],
  start: number,
  centres: readonly number[],
  isHeader: (row: number) => boolean,
): number {
  const pitch = median(centres.slice(1).map((c, i) => c - centres[i]!));
  const bounds = columnBounds(centres).slice(1).map((b) => b.left);
  for (let i = start; i < rows.length; i++) {
    if (isHeader(i)) return i;
    const across = rows[i]!.words.some((w) =>
      w.confidence >= 0.5 &&
      bounds.some((b) => w.box.left < b - pitch * 0.25 && w.box.right > b + pitch * 0.25)
    );
    if (across) return i;
  }
  return rows.length;
}
