import type { Box, OcrPage, OcrWord } from "../schema/ocr_page.ts";
import { SEPARATOR_MARKS } from "../swedish_dates.ts";

/** A word as layout sees it: OCR text trimmed, dash variants unified. */
export interface Word {
  text: string;
  confidence: number;
  box: Box;
}

/** Words sharing a baseline band, left to right, split into cells at wide gaps. */
export interface Row {
  words: Word[];
  box: Box;
  cells: Cell[];
}

/** A run of words in one row without a wide gap: one table cell or one phrase. */
export interface Cell {
  words: Word[];
  box: Box;
  text: string;
}

export function height(box: Box): number {
  return box.bottom - box.top;
}

export function union(boxes: readonly Box[]): Box {
  return {
    left: Math.min(...boxes.map((b) => b.left)),
    top: Math.min(...boxes.map((b) => b.top)),
    right: Math.max(...boxes.map((b) => b.right)),
    bottom: Math.max(...boxes.map((b) => b.bottom)),
  };
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** All words of the page, cleaned; OCR's own line grouping is discarded. */
export function pageWords(page: OcrPage): Word[] {
  const words: Word[] = page.lines.flatMap((line) =>
    line.words.map((w: OcrWord) => ({
      text: w.text.trim().replace(/[–—]/g, "-"),
      confidence: w.confidence,
      box: w.box,
    }))
  ).filter((w) => w.text !== "" && w.box.right > w.box.left && w.box.bottom > w.box.top);
  // Card borders and icons are sometimes read as one tall glyph spanning several lines;
  // they would glue rows together.
  const typical = median(words.map((w) => height(w.box)));
  return words.filter((w) => height(w.box) <= typical * 2.5 || /\p{L}{3}/u.test(w.text));
}

/** True for tokens that are icon or border noise rather than text. */
export function isNoise(word: Word): boolean {
  const t = word.text;
  if (/^-+$/.test(t)) return false;
  // Without letters, only numbers, times and marks like "(30)" carry meaning.
  if (!/\p{L}/u.test(t)) return !/\d[.:,]?\d|^\(?\d+\)?$|^\d+[.:,]?$/.test(t);
  return t.length <= 2 && word.confidence < 0.6;
}

function verticalOverlap(a: Box, b: Box): number {
  return Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
}

/**
 * Groups words into rows by their vertical band: a word joins a row when most of the
 * smaller height overlaps the row's core band (the median word of the row).
 */
export function groupRows(words: readonly Word[]): Row[] {
  const sorted = [...words].sort((a, b) => (a.box.top + a.box.bottom) - (b.box.top + b.box.bottom));
  const bands: { core: Box; words: Word[] }[] = [];
  for (const word of sorted) {
    const h = height(word.box);
    const band = bands.find((r) =>
      verticalOverlap(r.core, word.box) >= 0.5 * Math.min(h, height(r.core))
    );
    if (band) {
      band.words.push(word);
      const tops = median(band.words.map((w) => w.box.top));
      const bottoms = median(band.words.map((w) => w.box.bottom));
      band.core = { left: 0, right: 0, top: tops, bottom: Math.max(bottoms, tops + 1) };
    } else {
      bands.push({ core: { ...word.box }, words: [word] });
    }
  }
  return bands
    .map((b) => makeRow(b.words))
    .sort((a, b) => a.box.top - b.box.top);
}

export function makeRow(words: readonly Word[]): Row {
  const sorted = [...words].sort((a, b) => a.box.left - b.box.left);
  const rowHeight = median(sorted.map((w) => height(w.box)));
  const cells: Cell[] = [];
  let current: Word[] = [];
  for (const word of sorted) {
    const last = current[current.length - 1];
    if (last && word.box.left - last.box.right > Math.max(rowHeight * 1.2, 8)) {
      cells.push(makeCell(current));
      current = [];
    }
    current.push(word);
  }
  if (current.length) cells.push(makeCell(current));
  return { words: sorted, box: union(sorted.map((w) => w.box)), cells };
}

/** A row's text, its cells two spaces apart: the time grammar reads that gap as a cell's edge. */
export function rowText(row: Pick<Row, "cells">): string {
  return row.cells.map((c) => c.text).join("  ");
}

export function makeCell(words: readonly Word[]): Cell {
  return {
    words: [...words],
    box: union(words.map((w) => w.box)),
    text: words.map((w) => w.text).join(" "),
  };
}

/**
 * A lone capital set apart from the text after it by more than a word space is an icon the
 * OCR read as a letter (a map pin as "A"); a capital one-letter word ("I kassan") stands at
 * word spacing. A word space scales with the text's capitals, which the smaller of the two
 * boxes is nearer to: an icon may be drawn larger than the text, and a word with a descender
 * ("Sjukhuset") stands taller than its capitals.
 */
function isIconLetter(words: readonly Word[]): boolean {
  const [first, next] = words;
  if (!first || !next || !/^\p{Lu}$/u.test(first.text) || !/\p{L}{2}/u.test(next.text)) {
    return false;
  }
  const gap = next.box.left - first.box.right;
  const gaps = words.slice(2).map((w, i) => w.box.left - words[i + 1]!.box.right);
  const capitals = Math.min(height(first.box), height(next.box));
  return gap > capitals * 0.7 && (gaps.length === 0 || gap > median(gaps) * 1.2);
}

/** The cell's words without leading icon noise (a pin or cup icon read as "&", ">" or "A"). */
export function stripLeadingNoise(cell: Cell): Cell | null {
  const words = [...cell.words];
  // A dash opening a cell joins nothing: read with low confidence, it is a border or icon.
  const strayDash = (w: Word) => /^-+$/.test(w.text) && w.confidence < 0.5;
  while (words.length && (isNoise(words[0]!) || (words.length > 1 && strayDash(words[0]!)))) {
    words.shift();
  }
  if (isIconLetter(words)) words.shift();
  while (
    words.length && isNoise(words[words.length - 1]!) && words[words.length - 1]!.confidence < 0.6
  ) {
    words.pop();
  }
  return words.length ? makeCell(words) : null;
}

/**
 * A separator token between two words of text ("Kassa · Butik City"). OCR reads the middle dot
 * as a colon or, faintly, as a dash; a spaced dash between words parts them as well. A comma
 * is left out: between words of a label it lists ("Frukt , grönt"), it does not part a place.
 */
const SEPARATOR = new RegExp(`^[${SEPARATOR_MARKS}]$`);
const isSeparator = (w: Word) => SEPARATOR.test(w.text);

/** "Natt:" before "Lager Norr": a middle dot OCR glued to the word before it as a colon. */
const gluedColon = (w: Word) => /^\p{L}[\p{L}\d]*:$/u.test(w.text);

/**
 * Splits a cell at separator tokens standing between words: a label and a place printed on
 * one line. A colon inside a time ("07 : 00") stands between digits and is kept.
 */
export function splitAtSeparators(cell: Cell): Cell[] {
  const out: Cell[] = [];
  let current: Word[] = [];
  const flush = () => {
    if (current.length) out.push(makeCell(current));
    current = [];
  };
  cell.words.forEach((w, i) => {
    const before = cell.words[i - 1];
    const after = cell.words[i + 1];
    const opensWord = after !== undefined && /^\p{L}/u.test(after.text);
    if (isSeparator(w) && before && /\p{L}/u.test(before.text) && opensWord) {
      flush();
    } else if (gluedColon(w) && opensWord) {
      current.push({ ...w, text: w.text.slice(0, -1) });
      flush();
    } else current.push(w);
  });
  flush();
  return out;
}
