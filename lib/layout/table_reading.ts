import { classifyDayStatus } from "../day_status.ts";
import { findTimeRanges, parseBreakMinutes, parseClockTime } from "../time_ranges.ts";
import type { TableColumn } from "./day_anchors.ts";
import {
  type DayContent,
  finish,
  type Line,
  type ShiftReading,
  type Status,
} from "./shift_reading.ts";
import { type Cell, stripLeadingNoise } from "./word_rows.ts";

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

const DIGIT_LOOKALIKES: Record<string, string> = { O: "0", o: "0", D: "0", l: "1", I: "1", S: "5" };

/**
 * Minutes in a break column ("30", "30 min", "(30)", "0:30", "1 h"). The column holds numbers
 * only, so a letter shaped like a digit ("O min") is that digit; and since the header names the
 * column, anything else in it reads as the break grammar reads what follows "Rast".
 */
function columnMinutes(text: string): number | null {
  const m = /^\(?([\dOoDlIS]{1,3})\)?(\s*min\.?)?$/.exec(text.trim());
  if (m && (/\d/.test(m[1]!) || m[2])) {
    return Number(m[1]!.replace(/[OoDlIS]/g, (c) => DIGIT_LOOKALIKES[c]!));
  }
  return parseBreakMinutes(/rast|paus/i.test(text) ? text : `Rast ${text}`);
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
    const minutes = breakCell ? columnMinutes(breakCell.text) : null;
    const labelCell = byRole.get("label");
    const locationCell = byRole.get("location");
    for (const c of [breakCell, labelCell, locationCell]) {
      if (c && (c !== breakCell || minutes !== null)) used.push(c);
    }
    shifts.push({
      ...times,
      label: labelCell && /\p{L}/u.test(labelCell.text) ? labelCell.text : null,
      location: locationCell && /\p{L}/u.test(locationCell.text) ? locationCell.text : null,
      break_minutes: minutes,
      words: used.flatMap((c) => c.words),
      fieldLines: 0,
    });
  }
  return finish(shifts, statuses);
}
