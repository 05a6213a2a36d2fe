/**
 * The date a grid of consecutive days starts on (a month calendar's first cell, a week grid's
 * first column), voted by the dates printed in its cells.
 */
import { addDays, daysBetween, isoDate, isoWeekday, isRealDate } from "../calendar_math.ts";

/** One reading of a cell's printed date: what it would make the grid's first date. */
export interface DateBallot {
  year: number;
  month: number;
  day: number;
  /** the weekday of the cell's column; a reading on another weekday does not vote */
  weekday: number;
  /** days from the grid's first cell to this one */
  offset: number;
  weight: number;
}

/** The years a date without a printed year may fall in: the capture year and its neighbours. */
export function yearsAround(reference: string, printed: number | null): number[] {
  if (printed !== null) return [printed];
  const year = Number(reference.slice(0, 4));
  return [year - 1, year, year + 1];
}

/**
 * The first date most ballots agree on. A printed date can only be its day where it falls on
 * its column's weekday, so misread numbers are outvoted by the rest; a tie goes to the date
 * nearer the capture date. Null when no ballot fits its weekday.
 */
export function voteFirstDate(ballots: Iterable<DateBallot>, reference: string): string | null {
  const votes = new Map<string, number>();
  for (const b of ballots) {
    if (!isRealDate(b.year, b.month, b.day)) continue;
    const date = isoDate(b.year, b.month, b.day);
    if (isoWeekday(date) !== b.weekday) continue;
    const first = addDays(date, -b.offset);
    votes.set(first, (votes.get(first) ?? 0) + b.weight);
  }
  let best: string | null = null;
  for (const [date, n] of votes) {
    const bestN = best === null ? 0 : votes.get(best)!;
    const nearer = best !== null &&
      Math.abs(daysBetween(reference, date)) < Math.abs(daysBetween(reference, best));
    if (n > bestN || (n === bestN && nearer)) best = date;
  }
  return best;
}
