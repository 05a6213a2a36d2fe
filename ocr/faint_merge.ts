/**
 * Puts light-grey words read on their own (`faint_text.ts`, `scribe_worker.ts`) into the page
 * Tesseract read whole: which faint words it left unread, and what each one read again replaces.
 */
import { union } from "../lib/layout/word_rows.ts";
import type { Box, OcrLine, OcrPage, OcrWord } from "../lib/schema/mod.ts";
import type { FaintWord } from "./faint_text.ts";

/** a word read over this share of a faint word's box has read it */
const READ_OVERLAP = 0.3;
/** a cut-out's icons and specks read as letters with less confidence than this */
const MIN_CONFIDENCE = 0.6;
/** a page word this much inside a faint word read again was a guess at it */
const INSIDE = 0.5;

/** `word`'s box in the original file's pixels */
const pageBox = (word: FaintWord, scale: number): Box => ({
  left: word.left / scale,
  top: word.top / scale,
  right: word.right / scale,
  bottom: word.bottom / scale,
});

function overlap(a: Box, b: Box): number {
  const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
  const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
  return w > 0 && h > 0 ? w * h : 0;
}

const area = (b: Box) => (b.right - b.left) * (b.bottom - b.top);

const boxOf = (words: readonly OcrWord[]): Box => union(words.map((w) => w.box));

/** The faint words (prepared page's pixels, `scale` per original pixel) no word of `page` covers. */
export function unreadFaintWords(page: OcrPage, faint: FaintWord[], scale: number): FaintWord[] {
  const words = page.lines.flatMap((l) => l.words);
  return faint.filter((f) => {
    const box = pageBox(f, scale);
    return !words.some((w) => overlap(w.box, box) >= READ_OVERLAP * area(box));
  });
}

/**
 * Read as one line, a word's box spans the whole cut-out's height: it is kept to the height of
 * the glyphs under it (an icon beside it is no part of it).
 */
function onGlyphs(box: Box, word: FaintWord, scale: number): Box {
  const under = word.glyphs.filter((g) => {
    const centre = (g.left + g.right) / 2 / scale;
    return centre >= box.left && centre <= box.right;
  });
  const glyphs = under.length > 0 ? under : word.glyphs;
  return {
    ...box,
    top: Math.min(...glyphs.map((g) => g.top)) / scale,
    bottom: Math.max(...glyphs.map((g) => g.bottom)) / scale,
  };
}

/**
 * The page with each faint word's own reading added as lines, and whatever the page's reading
 * made of it (a fragment, an icon's guess) taken out.
 */
export function withRereads(
  page: OcrPage,
  rereads: { word: FaintWord; lines: OcrLine[] }[],
  scale: number,
): OcrPage {
  const added: OcrLine[] = [];
  const replaced: Box[] = [];
  for (const { word, lines } of rereads) {
    for (const line of lines) {
      const words = line.words.filter((w) => w.confidence >= MIN_CONFIDENCE)
        .map((w) => ({ ...w, box: onGlyphs(w.box, word, scale) }));
      if (words.length === 0) continue;
      added.push({ box: boxOf(words), words });
      replaced.push(pageBox(word, scale));
    }
  }
  const kept = page.lines.map((line) => {
    const words = line.words.filter((w) =>
      !replaced.some((r) => overlap(w.box, r) >= INSIDE * area(w.box))
    );
    return words.length === line.words.length ? line : { box: boxOf(words), words };
  }).filter((line) => line.words.length > 0);
  return { ...page, lines: [...kept, ...added] };
}
