import { readBareClock } from "../time_ranges.ts";
import { height, makeRow, median, type Row, type Word } from "./word_rows.ts";

/**
 * A day view draws its shifts as blocks on an hour ruler: a column of bare clock times ("06:00",
 * "07:00", ...) one step apart and evenly spaced down the screen. Those are scale marks, not
 * shift times; read as content, two neighbours would pair up into a one-hour shift.
 */

interface Mark {
  row: number;
  cell: number;
  minutes: number;
  left: number;
  right: number;
  middle: number;
  height: number;
}

function marksOf(rows: readonly Row[]): Mark[] {
  const marks: Mark[] = [];
  rows.forEach((row, r) => {
    row.cells.forEach((cell, c) => {
      const clock = readBareClock(cell.text);
      if (!clock) return;
      const { hours: h, minutes: min } = clock;
      // Scale marks fall on the quarter hour; "10.02", "11.02" down a roster's date column do not.
      if (h > 24 || min % 15 !== 0 || (h === 24 && min !== 0)) return;
      marks.push({
        row: r,
        cell: c,
        minutes: h * 60 + min,
        left: cell.box.left,
        right: cell.box.right,
        middle: (cell.box.top + cell.box.bottom) / 2,
        height: height(cell.box),
      });
    });
  });
  return marks;
}

const MIN_MARKS = 4;

/** The longest run of marks, top to bottom, with one time step and one spacing throughout. */
function longestRun(column: readonly Mark[]): Mark[] {
  let best: Mark[] = [];
  let run: Mark[] = [];
  for (const mark of column) {
    const last = run[run.length - 1];
    const prev = run[run.length - 2];
    let fits = last !== undefined && mark.minutes - last.minutes >= 15;
    if (fits && prev) {
      const step = last!.minutes - prev.minutes;
      const gap = last!.middle - prev.middle;
      fits = mark.minutes - last!.minutes === step &&
        Math.abs(mark.middle - last!.middle - gap) <= gap * 0.15;
    }
    run = fits ? [...run, mark] : [mark];
    if (run.length > best.length) best = run;
  }
  return best;
}

/** Which cells of the rows form an hour ruler, as "row:cell" keys. */
function hourRulerCells(rows: readonly Row[]): Set<string> {
  // Top to bottom once: each column filtered out of them keeps that order.
  const marks = marksOf(rows).sort((a, b) => a.middle - b.middle);
  const found = new Set<string>();
  const tolerance = median(marks.map((m) => m.height));
  for (const seed of marks) {
    // Rulers align their labels on one edge: the left, or the right for "9:00" over "10:00".
    for (const edge of ["left", "right"] as const) {
      const column = marks.filter((m) => Math.abs(m[edge] - seed[edge]) <= tolerance);
      const run = longestRun(column);
      if (run.length >= MIN_MARKS) { for (const m of run) found.add(`${m.row}:${m.cell}`); }
    }
  }
  return found;
}

/** The rows without the cells of an hour ruler; a row left empty is dropped. */
export function withoutHourRuler(rows: readonly Row[]): Row[] {
  const ruler = hourRulerCells(rows);
  if (!ruler.size) return [...rows];
  return rows.flatMap((row, r) => {
    const words: Word[] = row.cells.flatMap((cell, c) => ruler.has(`${r}:${c}`) ? [] : cell.words);
    if (words.length === row.words.length) return [row];
    return words.length ? [makeRow(words)] : [];
  });
}
