import type { Box, OcrPage } from "../schema/ocr_page.ts";
import type { DayStatus } from "../schema/schedule.ts";
import { type DateLabel, findDateLabels } from "../swedish_dates.ts";
import { normaliseLabelCase } from "../normalise_labels.ts";
import {
  type FindOptions,
  findTimeRanges,
  parseClockTime,
  printsBareHours,
} from "../time_ranges.ts";
import {
  alignedAnchors,
  type Anchor,
  readTableHeader,
  rowLabels,
  type TableColumn,
  weekdayOnlyAnchor,
  weekHeaders,
} from "./day_anchors.ts";
import { dateBlockAnchors } from "./date_blocks.ts";
import { withoutHourRuler } from "./hour_ruler.ts";
import { readTableContent } from "./table_reading.ts";
import { findViewport, type Viewport } from "./screen_chrome.ts";
import {
  columnContents,
  type GridHeader,
  gridLabels,
  inlineHeader,
  stackedHeader,
} from "./week_grid.ts";
import { type CalendarTitle, readMonthCalendar, readMonthTitle } from "./month_calendar.ts";
import { bodyEnd, weekdayHeader } from "./grid_columns.ts";
import { type DayContent, type Line, readFreeContent, type ShiftReading } from "./shift_reading.ts";
import {
  groupRows,
  height,
  makeCell,
  median,
  pageWords,
  type Row,
  rowText,
  union,
  type Word,
} from "./word_rows.ts";

/** One day as one image shows it, before its date is resolved. */
export interface DayReading {
  label: DateLabel;
  header_text: string;
  status: DayStatus | null;
  shifts: ShiftReading[];
  /** false when the day touches an edge of the visible area and may continue beyond it */
  complete: boolean;
  box: Box;
  /** Monday of the "Vecka N" section the day sits in, if any */
  weekMonday: string | null;
}

export interface PageReading {
  days: DayReading[];
  /** bounds of a shown period ("19 jan – 1 feb 2026"), in screen order */
  periods: DateLabel[];
}

/** Reads the days one screenshot shows: rows, day anchors, each day's content, cut edges. */
export function readPage(page: OcrPage, reference: string): PageReading {
  const allRows = groupRows(pageWords(page));
  const viewport = findViewport(allRows, page);
  const ruled = withoutHourRuler(allRows.filter((r) => r.box.top < viewport.bottom));
  const labelled = ruled.map((r, i) => rowLabels(r, i));
  // Only a page without any dated header is read for date blocks ("12" over "MÅN").
  const found = labelled.some((l) => l.anchors.length) ? null : dateBlockAnchors(ruled, reference);
  const blocks = found?.anchors.size ? found : null;
  const rows = blocks?.rows ?? ruled;
  const periods: DateLabel[] = [];
  const weeks = weekHeaders(rows, reference);
  const skip = new Set<number>();
  const perRow = rows.map((_, i) => {
    if (blocks) {
      const block = blocks.anchors.get(i);
      return block ? [block] : [];
    }
    const labels = labelled[i]!;
    periods.push(...labels.periods);
    if (labels.periods.length) skip.add(i);
    return labels.anchors;
  });
  perRow.forEach((anchors, i) => {
    if (anchors.length && underMessageStamp(rows, i, page.width)) perRow[i] = [];
  });
  // Rows that frame the list (week and period headers) belong to no day; a table's week
  // column ("V48" on the first row of its week) sits on a day's own row beside its date.
  for (const w of weeks) {
    if (!perRow[w.row]!.some((a) => a.cell !== w.cell)) skip.add(w.row);
  }
  // Under a week header, day headers may name the weekday only ("Måndag"): the week dates them.
  const firstWeek = weeks[0]?.row;
  if (firstWeek !== undefined && perRow.every((a, i) => skip.has(i) || a.length === 0)) {
    rows.forEach((row, i) => {
      const anchor = i > firstWeek && !skip.has(i) ? weekdayOnlyAnchor(row, i) : null;
      if (anchor) perRow[i] = [anchor];
    });
  }
  const gridRow = perRow.findIndex((a) => a.length >= 3);
  if (gridRow >= 0) skip.add(gridRow);
  // A week strip over an agenda list has day headers of its own below it: the list wins.
  const listAnchors = alignedAnchors(
    perRow.flatMap((a, i) => (skip.has(i) ? [] : a.slice(0, 1))),
    page.width,
  );
  const grid = listAnchors.length >= 2
    ? null
    : stackedHeader(rows) ?? (gridRow >= 0 ? inlineHeader(perRow[gridRow]!, gridRow) : null);
  const calendar = grid || listAnchors.length >= 2 ? null : findCalendar(rows, weeks);
  const days = calendar
    ? readCalendar(rows, calendar, viewport, reference)
    : grid
    ? readGrid(rows, perRow, grid, viewport, reference, weeks)
    : readRowList(
      rows,
      perRow.map((a, i) => (skip.has(i) ? [] : a)),
      skip,
      weeks,
      viewport,
      page.width,
      { bareHours: rows.some((r) => printsBareHours(rowText(r))) },
    );
  const shifts = days.flatMap((d) => d.shifts);
  const labels = normaliseLabelCase(shifts.map((s) => s.label));
  shifts.forEach((s, i) => s.label = labels[i] ?? null);
  return { days, periods };
}

/**
 * A line ending in a lone clock time at the right ("Schema   18:02") heads a message or a
 * notification, as its arrival time.
 */
function isMessageStamp(row: Row | undefined, width: number): boolean {
  const last = row?.cells[row.cells.length - 1];
  return row !== undefined && last !== undefined && row.cells.length >= 2 &&
    last.box.left > width * 0.6 && parseClockTime(last.text) !== null &&
    findTimeRanges(rowText(row)).length === 0;
}

/**
 * A date right under a message's stamp, at most a title line between ("Nytt pass"), is what the
 * message is about ("tis 3/3 kl 14-22 · Kassa"), not a day header of a schedule.
 */
function underMessageStamp(rows: readonly Row[], i: number, width: number): boolean {
  if (isMessageStamp(rows[i - 1], width)) return true;
  const title = rows[i - 1];
  return title !== undefined && findTimeRanges(rowText(title)).length === 0 &&
    findDateLabels(rowText(title)).length === 0 && isMessageStamp(rows[i - 2], width);
}

function touchesEdge(words: readonly Word[], viewport: Viewport): boolean {
  return words.some((w) => w.box.bottom >= viewport.bottom - 1 || w.box.top <= viewport.top);
}

/** Smallest vertical gap between two consecutive shifts of one day on this page. */
function shiftGap(contents: readonly DayContent[]): number | null {
  let gap: number | null = null;
  for (const c of contents) {
    for (let i = 1; i < c.shifts.length; i++) {
      const above = Math.max(...c.shifts[i - 1]!.words.map((w) => w.box.bottom));
      const below = Math.min(...c.shifts[i]!.words.map((w) => w.box.top));
      if (below > above && (gap === null || below - above < gap)) gap = below - above;
    }
  }
  return gap;
}

/** Which optional fields the shifts of a page show at all. */
function fieldKinds(contents: readonly DayContent[]): Omit<FieldKinds, "gap"> {
  const shifts = contents.flatMap((c) => c.shifts);
  return {
    label: shifts.some((s) => s.label !== null),
    location: shifts.some((s) => s.location !== null),
    break: shifts.some((s) => s.break_minutes !== null),
  };
}

interface FieldKinds {
  label: boolean;
  location: boolean;
  break: boolean;
  gap: number | null;
}

/**
 * Whether a work day at the bottom of the visible area may go on below it. A further shift
 * would start one shift-gap below the last one, so less free space than that proves nothing.
 * Without a gap seen on the page, a card (fields on lines below its time) that lacks a kind
 * of field other cards show, or shows none, may be cut; a one-line row only needs to be
 * clear of the edge.
 */
function mayContinue(content: DayContent, viewport: Viewport, page: FieldKinds): boolean {
  const last = content.shifts[content.shifts.length - 1];
  if (!last || !content.words.length) return false;
  const bottom = Math.max(...content.words.map((w) => w.box.bottom));
  const lineHeight = median(last.words.map((w) => height(w.box)));
  const free = viewport.bottom - bottom;
  if (free < lineHeight * 0.5) return true;
  if (page.gap !== null) return free < page.gap * 0.8;
  const bare = last.label === null && last.location === null && last.break_minutes === null;
  const lacking = (page.label && last.label === null) ||
    (page.location && last.location === null) ||
    (page.break && last.break_minutes === null);
  return (bare || (last.fieldLines > 0 && lacking)) && free < lineHeight * 2.5;
}

/** What the page shows that judges whether its bottom day may continue. */
function pageShape(contents: readonly DayContent[]): FieldKinds {
  return { ...fieldKinds(contents), gap: shiftGap(contents) };
}

function dayOf(
  anchor: Anchor,
  content: DayContent,
  viewport: Viewport,
  atBottom: boolean,
  weekMonday: string | null,
): DayReading {
  const words = [...anchor.words, ...content.words];
  const empty = content.status === null;
  const cut = touchesEdge(words, viewport) || atBottom;
  return {
    label: anchor.label,
    header_text: makeCell(anchor.words).text,
    status: content.status,
    shifts: content.shifts,
    complete: !empty && !cut,
    box: union(words.map((w) => w.box)),
    weekMonday,
  };
}

function readRowList(
  rows: readonly Row[],
  perRow: readonly Anchor[][],
  skip: ReadonlySet<number>,
  weeks: readonly { row: number; monday: string }[],
  viewport: Viewport,
  width: number,
  options: FindOptions,
): DayReading[] {
  const anchors = alignedAnchors(perRow.flatMap((a) => a.slice(0, 1)), width);
  let columns: TableColumn[] | null = null;
  let headerRow = -1;
  rows.forEach((row, i) => {
    const header = columns ? null : readTableHeader(row);
    if (header) {
      columns = header;
      headerRow = i;
    }
  });
  const contents = anchors.map((anchor, k) => {
    const next = anchors[k + 1]?.row ?? rows.length;
    const lines: Line[] = [];
    const row = rows[anchor.row]!;
    const after = row.cells.slice(anchor.cell + 1);
    const rest = anchor.rest.length ? [makeCell(anchor.rest)] : [];
    lines.push({ cells: [...rest, ...after] });
    for (let i = anchor.row + 1; i < next; i++) {
      if (!skip.has(i) && i !== headerRow) lines.push({ cells: rows[i]!.cells });
    }
    const table = columns !== null && anchor.row > headerRow;
    return table ? readTableContent(lines, columns!) : readFreeContent(lines, options);
  });
  const shape = pageShape(contents);
  return anchors.map((anchor, k) => {
    const content = contents[k]!;
    const week = weeks.filter((w) =>
      w.row < anchor.row || (w.row === anchor.row && !skip.has(w.row))
    )
      .pop();
    const atBottom = k === anchors.length - 1 && mayContinue(content, viewport, shape);
    return dayOf(anchor, content, viewport, atBottom, week?.monday ?? null);
  });
}

/** A month calendar: a weekday header row with a month title somewhere above it. */
function findCalendar(
  rows: readonly Row[],
  weeks: readonly { row: number; monday: string }[],
): { header: number; title: CalendarTitle } | null {
  const header = rows.findIndex((r) => weekdayHeader(r) !== null);
  if (header < 0) return null;
  for (let i = header - 1; i >= 0; i--) {
    const week = weeks.find((w) => w.row === i);
    // A week grid titled "Vecka 3": its first column is that week's Monday.
    if (week) {
      return { header, title: { month: Number(week.monday.slice(5, 7)), year: null } };
    }
    for (const cell of rows[i]!.cells) {
      const title = readMonthTitle(cell.text);
      if (title) return { header, title };
    }
  }
  return null;
}

function readCalendar(
  rows: readonly Row[],
  calendar: { header: number; title: CalendarTitle },
  viewport: Viewport,
  reference: string,
): DayReading[] {
  const days = readMonthCalendar(rows, calendar.header, calendar.title, reference);
  const shape = pageShape(days.map((d) => d.content));
  return days.map((d) =>
    dayOf(d.anchor, d.content, viewport, mayContinue(d.content, viewport, shape), null)
  );
}

/** Week grid: a header of day labels, each column's text below belongs to that day. */
function readGrid(
  rows: readonly Row[],
  perRow: readonly Anchor[][],
  header: GridHeader,
  viewport: Viewport,
  reference: string,
  weeks: readonly { row: number; monday: string }[],
): DayReading[] {
  const weekMonday = weeks.filter((w) => w.row < header.bodyStart).pop()?.monday ?? null;
  const columns = gridLabels(header, reference, weekMonday);
  const centres = columns.map((c) => c.column.centre);
  const end = bodyEnd(rows, header.bodyStart, centres, (i) => (perRow[i]?.length ?? 0) >= 3);
  const contents = columnContents(rows, header.bodyStart, end, centres);
  const shape = pageShape(contents);
  return columns.flatMap(({ column, label }, k) => {
    const content = contents[k]!;
    if (!label || !(column.words.length || content.words.length)) return [];
    const anchor: Anchor = {
      label,
      row: header.bodyStart - 1,
      cell: k,
      words: column.words,
      rest: [],
    };
    return [dayOf(anchor, content, viewport, mayContinue(content, viewport, shape), null)];
  });
}
