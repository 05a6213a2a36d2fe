import { classifyDayStatus } from "../day_status.ts";
import type { DayStatus } from "../schema/schedule.ts";
import { findTimeRanges, parseBreakMinutes, parseClockTime } from "../time_ranges.ts";
import type { TableColumn } from "./day_anchors.ts";
import { type Cell, height, median, stripLeadingNoise, union, type Word } from "./word_rows.ts";
import type { Box } from "../schema/ocr_page.ts";

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
  // Hour totals ("7,5"), counters and leftovers without a word are not labels.
  if (!/\p{L}{2}/u.test(cell.text)) return { kind: "ignore" };
  if (median(cell.words.map((w) => w.confidence)) < 0.5) return { kind: "ignore" };
  return { kind: "text", text: cell.text };
}

interface Draft {
  shift: ShiftReading;
  left: number;
  lineHeight: number;
}

function applyPiece(draft: Draft, cell: Cell, sameLine: boolean): Status | null {
  const piece = classifyPiece(cell);
  const s = draft.shift;
  if (piece.kind === "status") return { status: piece.status, words: cell.words };
  if (piece.kind === "ignore") return null;
  s.words.push(...cell.words);
  if (piece.kind === "break") {
    s.break_minutes ??= piece.minutes;
    return null;
  }
  // On a card, a line starting well right of the time (after a pin icon) is the location.
  const indented = !sameLine && cell.box.left - draft.left > draft.lineHeight * 1.2;
  if (s.label === null && !indented && s.location === null) s.label = piece.text;
  else if (s.location === null) s.location = piece.text;
  return null;
}

function lineText(cells: readonly Cell[]): { text: string; starts: number[] } {
  const starts: number[] = [];
  let text = "";
  for (const c of cells) {
    if (text) text += "  ";
    starts.push(text.length);
    text += c.text;
  }
  return { text, starts };
}

/** Reads shifts and the day's status from free-form lines (agenda cards, compact rows). */
export function readFreeContent(lines: readonly Line[]): DayContent {
  const drafts: Draft[] = [];
  const statuses: Status[] = [];
  let current: Draft | null = null;
  for (const line of lines) {
    const cells = line.cells.map(stripLeadingNoise).filter((c): c is Cell => c !== null);
    if (!cells.length) continue;
    const { text, starts } = lineText(cells);
    const ranges = findTimeRanges(text);
    if (!ranges.length) {
      for (const cell of cells) {
        const status = current ? applyPiece(current, cell, false) : classifyPieceStatus(cell);
        if (status) statuses.push(status);
      }
      if (current) current.shift.fieldLines++;
      continue;
    }
    ranges.forEach((range, k) => {
      const end = range.index + range.length;
      const next = ranges[k + 1]?.index ?? Infinity;
      const rangeCells = cells.filter((_, i) =>
        starts[i]! < end && starts[i]! + cells[i]!.text.length > range.index
      );
      const box = union(rangeCells.map((c) => c.box));
      current = {
        shift: {
          start: range.start,
          end: range.end,
          ends_next_day: range.ends_next_day,
          label: null,
          location: null,
          break_minutes: null,
          words: rangeCells.flatMap((c) => c.words),
          fieldLines: 0,
        },
        left: box.left,
        lineHeight: height(box),
      };
      drafts.push(current);
      cells.forEach((cell, i) => {
        if (starts[i]! >= end && starts[i]! < next) {
          const status = applyPiece(current!, cell, true);
          if (status) statuses.push(status);
        }
      });
    });
  }
  return finish(drafts.map((d) => d.shift), statuses);
}

function classifyPieceStatus(cell: Cell): Status | null {
  const piece = classifyPiece(cell);
  return piece.kind === "status" ? { status: piece.status, words: cell.words } : null;
}

function finish(shifts: ShiftReading[], statuses: Status[]): DayContent {
  const status: DayStatus | null = shifts.length ? "work" : statuses[0]?.status ?? null;
  return {
    status,
    shifts,
    words: [...shifts.flatMap((s) => s.words), ...statuses.flatMap((s) => s.words)],
  };
}

interface Status {
  status: DayStatus;
  words: Word[];
}

function columnOf(cell: Cell, columns: readonly TableColumn[]): TableColumn | null {
  let best: TableColumn | null = null;
  let bestOverlap = 0;
  for (const col of columns) {
    const overlap = Math.min(cell.box.right, col.right) - Math.max(cell.box.left, col.left);
    const near = -Math.abs(cell.box.left - col.left);
    const score = overlap > 0 ? overlap : near;
    if (best === null || score > bestOverlap) {
      best = col;
      bestOverlap = score;
    }
  }
  return best;
}

/** Reads a table's data rows of one day, mapping cells to the header's columns. */
export function readTableContent(
  lines: readonly Line[],
  columns: readonly TableColumn[],
): DayContent {
  const shifts: ShiftReading[] = [];
  const statuses: Status[] = [];
  for (const line of lines) {
    const byRole = new Map<string, Cell>();
    for (const raw of line.cells) {
      const cell = stripLeadingNoise(raw);
      if (!cell) continue;
      const status = classifyDayStatus(cell.text);
      if (status) statuses.push({ status, words: cell.words });
      const col = columnOf(cell, columns);
      if (col && !byRole.has(col.role)) byRole.set(col.role, cell);
    }
    const startCell = byRole.get("start");
    const endCell = byRole.get("end");
    const timeCell = byRole.get("time");
    let times: { start: string; end: string; ends_next_day: boolean } | null = null;
    const used: Cell[] = [];
    const start = startCell ? parseClockTime(startCell.text) : null;
    const end = endCell ? parseClockTime(endCell.text) : null;
    if (start && end) {
      times = { start, end, ends_next_day: end <= start };
      used.push(startCell!, endCell!);
    } else if (timeCell) {
      const range = findTimeRanges(timeCell.text)[0];
      if (range) {
        times = { start: range.start, end: range.end, ends_next_day: range.ends_next_day };
        used.push(timeCell);
      }
    }
    if (!times) continue;
    const breakCell = byRole.get("break");
    const minutes = breakCell ? /^(\d{1,3})\b/.exec(breakCell.text)?.[1] : undefined;
    const labelCell = byRole.get("label");
    const locationCell = byRole.get("location");
    for (const c of [breakCell, labelCell, locationCell]) {
      if (c && (c !== breakCell || minutes)) used.push(c);
    }
    shifts.push({
      ...times,
      label: labelCell && /\p{L}/u.test(labelCell.text) ? labelCell.text : null,
      location: locationCell && /\p{L}/u.test(locationCell.text) ? locationCell.text : null,
      break_minutes: minutes !== undefined
        ? Number(minutes)
        : breakCell
        ? parseBreakMinutes(breakCell.text)
        : null,
      words: used.flatMap((c) => c.words),
      fieldLines: 0,
    });
  }
  return finish(shifts, statuses);
}

export function contentBox(content: DayContent): Box | null {
  return content.words.length ? union(content.words.map((w) => w.box)) : null;
}
