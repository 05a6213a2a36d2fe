import { classifyDayStatus } from "../day_status.ts";
import type { DayStatus } from "../schema/schedule.ts";
import {
  findDuration,
  type FindOptions,
  findTimeRanges,
  isPartOfDay,
  namesBreak,
  parseBreakMinutes,
  readBareClock,
} from "../time_ranges.ts";
import {
  type Cell,
  height,
  isNoise,
  makeCell,
  median,
  splitAtSeparators,
  stripLeadingNoise,
  union,
  type Word,
} from "./word_rows.ts";

/** One visual line of a day's content: its cells left to right. */
export interface Line {
  cells: Cell[];
}

export interface ShiftReading {
  start: string;
  end: string;
  ends_next_day: boolean;
  label: string | null;
  location: string | null;
  break_minutes: number | null;
  words: Word[];
  /** lines below the time line that carried fields (cards); 0 for one-line rows */
  fieldLines: number;
}

export interface DayContent {
  status: DayStatus | null;
  shifts: ShiftReading[];
  words: Word[];
}

type Piece =
  | { kind: "break"; minutes: number }
  | { kind: "status"; status: DayStatus }
  | { kind: "text"; text: string }
  | { kind: "ignore" };

function classifyPiece(cell: Cell): Piece {
  const minutes = parseBreakMinutes(cell.text);
  if (minutes !== null) return { kind: "break", minutes };
  const status = classifyDayStatus(cell.text);
  if (status !== null) return { kind: "status", status };
  // A break line the OCR could not read in full is still not a label or a place.
  if (/\brast\b/i.test(cell.text)) return { kind: "ignore" };
  // Hour totals ("7,5"), counters and leftovers without a word are not labels.
  if (!/\p{L}{2}/u.test(cell.text)) return { kind: "ignore" };
  const confidence = median(cell.words.map((w) => w.confidence));
  if (confidence < 0.3 || (confidence < 0.5 && !/\p{L}{4}/u.test(cell.text))) {
    return { kind: "ignore" };
  }
  // A figure cut at the screen edge ("4!" of "4,0") can sit right after the label.
  const words = [...cell.words];
  while (
    words.length > 1 && /^[^\p{L}]*\d[^\p{L}]*$/u.test(words[words.length - 1]!.text) &&
    isNoise(words[words.length - 1]!)
  ) {
    words.pop();
  }
  return { kind: "text", text: words.map((w) => w.text).join(" ") };
}

interface Draft {
  shift: ShiftReading;
  left: number;
  lineHeight: number;
  /** the label read beside the time, which may wrap onto the next line */
  labelCell: Cell | null;
  /** the break was read from text naming it ("Rast 30 min"), not bare minutes */
  namedBreak: boolean;
}

function applyPiece(draft: Draft, cell: Cell, sameLine: boolean): Status | null {
  const piece = classifyPiece(cell);
  const s = draft.shift;
  if (piece.kind === "status") return { status: piece.status, words: cell.words };
  if (piece.kind === "ignore") return null;
  s.words.push(...cell.words);
  if (piece.kind === "break") {
    // A break the screen names ("Rast 45 min") outranks bare minutes seen first ("30 min"), which
    // may be the end of a wrapped shift length.
    const named = namesBreak(cell.text);
    if (s.break_minutes === null || (named && !draft.namedBreak)) {
      s.break_minutes = piece.minutes;
      draft.namedBreak = named;
    }
    return null;
  }
  // On a card, a line starting well right of the time (after a pin icon) is the location.
  const indented = !sameLine && cell.box.left - draft.left > draft.lineHeight * 1.2;
  if (s.label === null && !indented && s.location === null) s.label = piece.text;
  else if (s.location === null) s.location = piece.text;
  return null;
}

interface Placed {
  word: Word;
  cell: number;
  at: number;
}

/** The line's text (cells joined by two spaces) with each word's offset in it. */
function placeWords(cells: readonly Cell[]): { text: string; placed: Placed[] } {
  const placed: Placed[] = [];
  let text = "";
  cells.forEach((cell, i) => {
    if (text) text += "  ";
    cell.words.forEach((word, j) => {
      if (j) text += " ";
      placed.push({ word, cell: i, at: text.length });
      text += word.text;
    });
  });
  return { text, placed };
}

/** Splits words into pieces: by cell, and a "(30)" break mark apart from the text beside it. */
function piecesOf(placed: readonly Placed[]): Cell[] {
  const pieces: Cell[] = [];
  let current: Placed[] = [];
  const flush = () => {
    if (current.length) pieces.push(makeCell(current.map((p) => p.word)));
    current = [];
  };
  for (const p of placed) {
    const mark = /^\(\d{1,3}\)$/.test(p.word.text);
    if (current.length && (current[0]!.cell !== p.cell || mark)) flush();
    current.push(p);
    if (mark) flush();
  }
  flush();
  return pieces;
}

/** A label too long for its column wraps onto the next line, left-aligned under it. */
function continuesLabel(draft: Draft, cells: readonly Cell[]): boolean {
  const label = draft.labelCell;
  if (!label || cells.length !== 1) return false;
  const cell = cells[0]!;
  const h = height(label.box);
  const aligned = Math.abs(cell.box.left - label.box.left) < h * 0.5 ||
    Math.abs(cell.box.right - label.box.right) < h * 0.5 ||
    Math.abs(cell.box.left + cell.box.right - label.box.left - label.box.right) < h;
  return aligned && cell.box.top - label.box.bottom < h * 1.2 &&
    classifyPiece(cell).kind === "text";
}

/**
 * A shift's times lead their cell ("07:00 - 15:30", "kl. 7-16"); times inside a sentence
 * ("Kan du byta till lördag 07:00-15:30?") are a message, not a schedule entry.
 */
function opensCell(index: number, placed: readonly Placed[]): boolean {
  const first = placed.find((p) => p.at <= index && index < p.at + p.word.text.length + 1);
  if (!first) return false;
  return placed.filter((p) => p.cell === first.cell && p.at < first.at)
    .every((p) =>
      // "Kväll 16-22": a shift named for its part of the day leads its own times.
      isNoise(p.word) || /^(kl\.?|tid:?|pass:?|från)$/i.test(p.word.text) ||
      isPartOfDay(p.word.text)
    );
}

const isClock = (word: string) => readBareClock(word) !== null;
const isClockOrHour = (word: string) => isClock(word) || /^\d{1,2}$/.test(word);

/** A line ending in a clock time over a line opening with one, a dash at either side of the break. */
function stacked(aText: string, bText: string): boolean {
  const end = aText.replace(/\s*-?$/, "").split(/\s/).pop()!;
  const start = bText.replace(/^-?\s*/, "").split(/\s/)[0]!;
  if (isClock(end) && isClock(start)) return true;
  // A range wrapped at its dash ("09:30-" over "18", "10-" over "18:30") may carry whole hours.
  return aText.endsWith("-") && isClockOrHour(end) && isClockOrHour(bText.split(/\s/)[0]!);
}

/**
 * Narrow columns (week grids, an agenda's time column) stack a shift's start over its end; such
 * a pair is one range. When each line holds only its time, the lines are joined whole; when the
 * times open their lines in one column with text beside them (the label beside the start, the
 * place beside the end), the two time cells are joined and the text follows them. A dash goes
 * between the two times when neither line has one.
 */
function joinStackedTimes(lines: readonly Line[], options: FindOptions): Line[] {
  const out: Line[] = [];
  for (let i = 0; i < lines.length; i++) {
    const a = lines[i]!;
    const b = lines[i + 1];
    const aFirst = a.cells[0];
    const bFirst = b?.cells[0];
    const whole = a.cells.length === 1;
    // A line of one cell is that cell; beside a one-cell line the whole next line is the end.
    const aText = aFirst?.text ?? "";
    const bText = (whole ? b && lineText(b) : bFirst?.text) ?? "";
    const column = whole || (aFirst !== undefined && bFirst !== undefined &&
      sameColumn(aFirst, bFirst) && isClock(aFirst.text) && isClock(bFirst.text));
    if (
      b && bFirst && aFirst && column && stacked(aText, bText) &&
      findTimeRanges(lineText(a), options).length === 0 &&
      findTimeRanges(lineText(b), options).length === 0
    ) {
      const words = [...aFirst.words];
      if (!/-$/.test(aText) && !/^-/.test(bText)) {
        words.push({
          text: "-",
          confidence: 1,
          box: { ...aFirst.box, left: aFirst.box.right, right: aFirst.box.right },
        });
      }
      out.push({
        cells: [makeCell([...words, ...bFirst.words]), ...a.cells.slice(1), ...b.cells.slice(1)],
      });
      i++;
    } else out.push(a);
  }
  return out;
}

const lineText = (line: Line) => line.cells.map((c) => c.text).join(" ");

/** Two cells one above the other in one column: their left edges meet, and they are close. */
function sameColumn(a: Cell, b: Cell): boolean {
  const h = Math.max(height(a.box), height(b.box));
  return Math.abs(a.box.left - b.box.left) < h && b.box.top - a.box.bottom < h;
}

/**
 * Reads shifts and the day's status from free-form lines (agenda cards, compact rows, the
 * column of one day in a week grid or one calendar cell).
 */
export function readFreeContent(lines: readonly Line[], options: FindOptions = {}): DayContent {
  const drafts: Draft[] = [];
  const statuses: Status[] = [];
  let current: Draft | null = null;
  let title: Cell | null = null;
  const read = joinStackedTimes(lines, options).map((line) => {
    const cells = line.cells.map(stripLeadingNoise).filter((c): c is Cell => c !== null)
      .flatMap(splitAtSeparators);
    const { text, placed } = placeWords(cells);
    const ranges = findTimeRanges(text, options).filter((r) => opensCell(r.index, placed));
    return { cells, placed, ranges };
  });
  for (const [i, { cells, placed, ranges }] of read.entries()) {
    if (!cells.length) continue;
    // The first line is the rest of the day header's own row, never a block's title.
    const pending = i > 0 ? titleAbove(cells, read[i - 1]?.cells, read[i + 1]) : null;
    if (pending && !ranges.length) {
      title = pending;
      continue;
    }
    if (!ranges.length) {
      if (current && continuesLabel(current, cells)) {
        current.shift.label += " " + cells[0]!.text;
        current.shift.words.push(...cells[0]!.words);
        current.labelCell = null;
        continue;
      }
      for (const cell of cells.flatMap(withoutDuration)) {
        const status = current ? applyPiece(current, cell, false) : classifyPieceStatus(cell);
        if (status) statuses.push(status);
      }
      if (current) {
        current.shift.fieldLines++;
        current.labelCell = null;
      }
      continue;
    }
    for (const [k, range] of ranges.entries()) {
      const end = range.index + range.length;
      const next = ranges[k + 1]?.index ?? Infinity;
      const rangeWords = placed.filter((p) => p.at < end && p.at + p.word.text.length > range.index)
        .map((p) => p.word);
      const box = union(rangeWords.map((w) => w.box));
      const draft: Draft = {
        shift: {
          start: range.start,
          end: range.end,
          ends_next_day: range.ends_next_day,
          label: null,
          location: null,
          break_minutes: null,
          words: rangeWords,
          fieldLines: 0,
        },
        left: box.left,
        lineHeight: height(box),
        labelCell: null,
        namedBreak: false,
      };
      drafts.push(draft);
      current = draft;
      const after = piecesOf(placed.filter((p) => p.at >= end && p.at < next));
      for (const piece of after.flatMap(withoutDuration)) {
        const hadLabel = draft.shift.label !== null;
        const status = applyPiece(draft, piece, true);
        if (status) statuses.push(status);
        if (!hadLabel && draft.shift.label !== null) draft.labelCell = piece;
      }
      // "Kväll 16-22": the part of the day leading the times names the shift.
      const named = placed.filter((p) =>
        p.at < range.index && (k === 0 || p.at >= ranges[k - 1]!.index) &&
        isPartOfDay(p.word.text)
      );
      if (named.length && draft.shift.label === null) {
        draft.shift.label = named.map((p) => p.word.text).join(" ");
        draft.shift.words.push(...named.map((p) => p.word));
      }
      if (title && k === 0 && draft.shift.label === null) {
        draft.shift.label = title.text;
        draft.shift.words.push(...title.words);
      }
    }
    title = null;
  }
  return finish(drafts.map((d) => d.shift), statuses);
}

/**
 * The cell without a shift length printed in it ("07:00–15:30 · 8 h 30 min  Pass"): the words
 * before and after the length, each a piece of its own.
 */
function withoutDuration(cell: Cell): Cell[] {
  const found = findDuration(cell.text);
  if (!found) return [cell];
  const before: Word[] = [];
  const after: Word[] = [];
  let at = 0;
  for (const word of cell.words) {
    const end = at + word.text.length;
    if (end <= found.index) before.push(word);
    else if (at >= found.index + found.length) after.push(word);
    at = end + 1;
  }
  // the separator that parted the length from the time ("·", read as ":" or "-")
  while (before.length && !/[\p{L}\d]/u.test(before[before.length - 1]!.text)) before.pop();
  return [before, after].filter((w) => w.length).map(makeCell);
}

const top = (cells: readonly Cell[]) => Math.min(...cells.map((c) => c.box.top));
const bottom = (cells: readonly Cell[]) => Math.max(...cells.map((c) => c.box.bottom));

// A title sits clearly nearer its time than the line before: the gap above it must exceed twice
// the gap below (bands that touch count as none) plus half its line height, so a card's evenly
// spaced lines, whose gaps are alike or nil, never read as a title over the time under them.
const TITLE_GAP_RATIO = 2;
const TITLE_GAP_MARGIN = 0.5;

/**
 * A block's title printed above its time ("Lager" over "12:00 – 20:30", as calendar blocks
 * do): one line of text right above a time line, nearer to it than to the line before, which
 * belongs to the shift above or heads the day.
 */
function titleAbove(
  cells: readonly Cell[],
  before: readonly Cell[] | undefined,
  after: { cells: readonly Cell[]; ranges: readonly unknown[] } | undefined,
): Cell | null {
  if (cells.length !== 1 || !after?.ranges.length || !after.cells.length) return null;
  const cell = cells[0]!;
  if (classifyPiece(cell).kind !== "text") return null;
  const h = height(cell.box);
  const below = top(after.cells) - cell.box.bottom;
  if (below > h) return null;
  const above = before?.length ? cell.box.top - bottom(before) : Infinity;
  return above > Math.max(below, 0) * TITLE_GAP_RATIO + h * TITLE_GAP_MARGIN ? cell : null;
}

function classifyPieceStatus(cell: Cell): Status | null {
  const piece = classifyPiece(cell);
  return piece.kind === "status" ? { status: piece.status, words: cell.words } : null;
}

/** The day's content from its shifts and any status words seen. */
export function finish(shifts: ShiftReading[], statuses: Status[]): DayContent {
  const status: DayStatus | null = shifts.length ? "work" : statuses[0]?.status ?? null;
  return {
    status,
    shifts,
    words: [...shifts.flatMap((s) => s.words), ...statuses.flatMap((s) => s.words)],
  };
}

export interface Status {
  status: DayStatus;
  words: Word[];
}
