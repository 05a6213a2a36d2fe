/**
 * Tesseract's TSV output as an `OcrPage`. Each row is one element of the page: level (1 page,
 * 2 block, 3 paragraph, 4 line, 5 word), its place in the page, its box (left, top, width, height)
 * in the engine's pixels, a confidence (0-100, -1 above the word level) and, for a word, its text.
 */
import { union } from "../lib/layout/word_rows.ts";
import { OcrPage, type OcrWord } from "../lib/schema/mod.ts";

const LINE = "4";
const WORD = "5";
const COLUMNS = 12;

export interface TsvPageInput {
  tsv: string;
  /** the original file's size */
  width: number;
  height: number;
  /** the engine's pixels per original pixel */
  scale: number;
  /** where the recognised pixels' first one lies on the page the engine was given */
  origin?: { left: number; top: number };
}

export function pageFromTsv(
  { tsv, width, height, scale, origin = { left: 0, top: 0 } }: TsvPageInput,
): OcrPage {
  const lines: OcrWord[][] = [];
  for (const row of tsv.split("\n")) {
    const cells = row.split("\t");
    if (cells.length < COLUMNS) continue;
    if (cells[0] === LINE) lines.push([]);
    const text = cells[11]!.trim();
    // Tesseract reads marks with no letters (icons, rules) as empty words.
    if (cells[0] !== WORD || text === "") continue;
    const [x, y, w, h, conf] = cells.slice(6, 11).map(Number) as [
      number,
      number,
      number,
      number,
      number,
    ];
    const left = x + origin.left;
    const top = y + origin.top;
    if (lines.length === 0) lines.push([]);
    lines.at(-1)!.push({
      text,
      confidence: Math.min(1, Math.max(0, conf / 100)),
      box: {
        left: left / scale,
        top: top / scale,
        right: (left + w) / scale,
        bottom: (top + h) / scale,
      },
    });
  }
  return OcrPage.parse({
    width,
    height,
    // A line's box is its words' box: Tesseract's own can leave out marks at the ends.
    lines: lines.filter((words) => words.length > 0).map((words) => ({
      box: union(words.map((w) => w.box)),
      words,
    })),
  });
}
