import {
  type DateLabel,
  findDateLabels,
  isBadgeSeparator,
  readDateLabel,
  readWeekdayOnly,
} from "../swedish_dates.ts";
import { parseWeekLabel } from "../week_labels.ts";
import { type Cell, isNoise, makeCell, median, type Row, type Word } from "./word_rows.ts";

/** A day label that starts a day's block (row layouts) or column (week grids). */
export interface Anchor {
  label: DateLabel;
  row: number;
  cell: number;
  /** words of the label itself */
  words: Word[];
  /** words after the label inside the same cell */
  rest: Word[];
}

/** What a table header cell says its column holds. */
export type ColumnRole =
  | "date"
  | "weekday"
  | "start"
  | "end"
  | "time"
  | "break"
  | "label"
  | "location"
  | "hours"
  | "other";

export interface TableColumn {
  role: ColumnRole;
  left: number;
  right: number;
}

const HEADER_WORDS: Record<string, ColumnRole> = {
  datum: "date",
  dag: "weekday",
  veckodag: "weekday",
  start: "start",
  från: "start",
  börjar: "start",
  slut: "end",
  till: "end",
  slutar: "end",
  tid: "time",
  pass: "time",
  arbetstid: "time",
  rast: "break",
  paus: "break",
  avdelning: "label",
  // an organisational unit ("Avd 4", "Kassa"), what "Avdelning" names, not a place
  enhet: "label",
  roll: "label",
  befattning: "label",
  uppgift: "label",
  plats: "location",
  arbetsplats: "location",
  ort: "location",
  timmar: "hours",
  tim: "hours",
  kommentar: "other",
  anteckning: "other",
};

const PASS_AS_NAME = /^pass[:.]?$/i;

/** Columns of a table header row ("Datum Dag Start Slut Rast Avdelning"), or null. */
export function readTableHeader(row: Row): TableColumn[] | null {
  const roles = row.cells.map((c) => HEADER_WORDS[c.text.toLowerCase().replace(/[:.]$/, "")]);
  const known = roles.filter((r) => r !== undefined).length;
  if (known < 3 || known < row.cells.length - 1) return null;
  // "Pass" names the shift's time on its own, but its name beside a "Tid" column.
  const timeColumns = roles.filter((r) => r === "time").length;
  return row.cells.map((c, i) => ({
    role: timeColumns > 1 && PASS_AS_NAME.test(c.text) ? "label" : roles[i] ?? "other",
    left: c.box.left,
    right: c.box.right,
  }));
}

/** Character offsets of each word inside `cell.text` (words joined by one space). */
function wordOffsets(cell: Cell): number[] {
  const offsets: number[] = [];
  let at = 0;
  for (const w of cell.words) {
    offsets.push(at);
    at += w.text.length + 1;
  }
  return offsets;
}

function isDayLabel(label: DateLabel): boolean {
  return label.relative !== null || (label.day !== null && label.month !== null);
}

export interface RowLabels {
  anchors: Anchor[];
  /** "Period: 19 jan – 1 feb 2026": the bounds of the shown range, not days */
  periods: DateLabel[];
}

/**
 * Day labels of one row. A cell holding two dates joined by a dash is a period, not a day;
 * a relative badge ("Idag") beside a full date adds nothing and is dropped.
 */
export function rowLabels(row: Row, rowIndex: number): RowLabels {
  const anchors: Anchor[] = [];
  const periods: DateLabel[] = [];
  row.cells.forEach((cell, cellIndex) => {
    const all = findDateLabels(cell.text);
    const found = all.filter((f) => isDayLabel(f.label));
    if (found.length >= 2 && /\d\s*-\s*\d|period/i.test(cell.text)) {
      periods.push(...found.map((f) => f.label));
      return;
    }
    const offsets = wordOffsets(cell);
    // A header opens its cell; a date inside a sentence ("kan du jobba imorgon") is not one.
    const opens = (index: number) =>
      cell.words.every((w, i) =>
        offsets[i]! >= index || isNoise(w) || isBadgeSeparator(w.text) ||
        all.some((f) => offsets[i]! >= f.index && offsets[i]! < f.index + f.length)
      );
    const inRelative = (i: number) =>
      all.some((f) =>
        f.label.relative !== null && offsets[i]! >= f.index && offsets[i]! < f.index + f.length
      );
    for (const f of found.filter((f) => opens(f.index))) {
      const end = f.index + f.length;
      // "Idag · lördag 14 mars": the badge before the date is part of the header as shown,
      // and it is where the header's left edge lines up with the others.
      const lead = cell.words.every((w, i) =>
        offsets[i]! >= f.index || isNoise(w) || isBadgeSeparator(w.text) || inRelative(i)
      );
      const from = f.label.relative === null && lead ? 0 : f.index;
      const words = cell.words.filter((_, i) => offsets[i]! >= from && offsets[i]! < end);
      const rest = cell.words.filter((_, i) => offsets[i]! >= end);
      if (words.length) {
        anchors.push({ label: f.label, row: rowIndex, cell: cellIndex, words, rest });
      }
    }
  });
  const full = anchors.filter((a) => a.label.relative === null);
  const relative = anchors.filter((a, i) => anchors.findIndex((b) => b.cell === a.cell) === i);
  return {
    anchors: full.length
      ? full
      : relative.length
      ? relative
      : splitDate(row, rowIndex) ?? garbledDates(row, rowIndex),
    periods,
  };
}

/**
 * A date and its weekday in two cells side by side ("01.02" | "Söndag", a table's Datum and
 * Veckodag columns): a day header only together, as "d.m" alone may be a time.
 */
function splitDate(row: Row, rowIndex: number): Anchor[] | null {
  for (let i = 0; i + 1 < row.cells.length; i++) {
    const [a, b] = [row.cells[i]!, row.cells[i + 1]!];
    const label = readDateLabel(`${a.text} ${b.text}`);
    if (label && isDayLabel(label) && label.weekday !== null && !readDateLabel(a.text)) {
      return [{ label, row: rowIndex, cell: i + 1, words: [...a.words, ...b.words], rest: [] }];
    }
  }
  return null;
}

/**
 * A weekday opening a row followed by digits the OCR garbled ("Fre 2013" for "Fre 20/3"):
 * still a day header; its date comes from its neighbours.
 */
function garbledDates(row: Row, rowIndex: number): Anchor[] {
  const cell = row.cells[0];
  if (!cell || cell.words.length < 2 || !/\d/.test(cell.words[1]!.text)) return [];
  const found = findDateLabels(cell.words[0]!.text)[0];
  if (!found || found.label.weekday === null || found.label.day !== null) return [];
  return [{
    label: found.label,
    row: rowIndex,
    cell: 0,
    words: cell.words.slice(0, 2),
    rest: cell.words.slice(2),
  }];
}

/**
 * A row opened by a weekday and nothing more ("Måndag", "tis."), with no other weekday on it:
 * under a week header ("Vecka 12") that is a day header the week dates.
 */
export function weekdayOnlyAnchor(row: Row, rowIndex: number): Anchor | null {
  const cell = row.cells[0];
  if (!cell) return null;
  const label = readWeekdayOnly(cell.text);
  if (!label) return null;
  const others = row.cells.slice(1).some((c) =>
    findDateLabels(c.text).some((f) => f.label.weekday !== null)
  );
  return others ? null : { label, row: rowIndex, cell: 0, words: cell.words, rest: [] };
}

/** Week section headers ("Vecka 3", "v. 12") with the row and cell they sit in. */
export function weekHeaders(
  rows: readonly Row[],
  reference: string,
): { row: number; cell: number; monday: string }[] {
  const out: { row: number; cell: number; monday: string }[] = [];
  rows.forEach((row, i) => {
    row.cells.forEach((cell, c) => {
      const week = parseWeekLabel(cell.text, { reference });
      if (week) out.push({ row: i, cell: c, monday: week.monday });
    });
  });
  return out;
}

/**
 * Keeps the anchors that line up: day headers of a list share their left edge, so a date
 * mentioned elsewhere (a chat line, a title) does not start a day.
 */
export function alignedAnchors(anchors: readonly Anchor[], pageWidth: number): Anchor[] {
  if (anchors.length <= 1) return [...anchors];
  const lefts = anchors.map((a) => a.words[0]!.box.left);
  const tolerance = Math.max(
    pageWidth * 0.03,
    median(anchors.map((a) => a.words[0]!.box.bottom - a.words[0]!.box.top)),
  );
  let best: Anchor[] = [];
  for (const x of lefts) {
    const group = anchors.filter((a) => Math.abs(a.words[0]!.box.left - x) <= tolerance);
    if (group.length > best.length) best = group;
  }
  return best;
}

export function anchorCell(anchor: Anchor): Cell {
  return makeCell(anchor.words);
}
