/**
 * Words printed in light grey ("Semester", "Ledig" in a pale shade). Tesseract binarises the page
 * as a whole, and a grey well above its threshold leaves no mark there, so such a word is never
 * read. Darkening them on the page itself changes how Tesseract splits the rest of the page into
 * blocks and lines, and with it what it reads elsewhere; so they are found here, on the prepared
 * page, and each one Tesseract did not read is recognised on its own, darkened
 * (`scribe_worker.ts`).
 *
 * A glyph is light when no pixel of it is dark: the anti-aliased edges of dark text are as pale,
 * but belong to glyphs with a dark core. Light glyphs side by side on a line make a word; a faded
 * day number alone ("28" in a calendar) is not one.
 */
import { components } from "./pixel_runs.ts";
import type { GreyImage } from "./png_grey.ts";

/** lighter than this is background (the page's levels put it at white) */
const INK = 232;
/** a glyph whose darkest pixel is lighter than this leaves no mark once binarised */
const LIGHTEST_DARK = 150;
/** a light word has this many glyphs at least */
const MIN_GLYPHS = 3;
/** glyph heights: smaller is a speck or a rule, larger a picture */
const HEIGHT = { low: 6, high: 200 };
/** a filled block (a chip's pale shade, a picture) is not a glyph */
const MAX_FILL = 0.85;
/** where a faint word's darkest shade goes */
const TARGET = 40;

export interface FaintWord {
  /** in the prepared page's pixels, right and bottom exclusive */
  left: number;
  top: number;
  right: number;
  bottom: number;
  /** the darkest shade in the word */
  darkest: number;
  /** its glyphs' boxes, left to right, in the same pixels */
  glyphs: { left: number; top: number; right: number; bottom: number }[];
}

/** The light-grey words of a page with dark text on white, top to bottom. */
export function faintWords(image: GreyImage): FaintWord[] {
  const c = components(image, INK);
  const { runs, root, area, top, bottom, left, right, edge } = c;
  const n = root.length;
  const darkest = new Uint8Array(n).fill(255);
  for (let i = 0; i < n; i++) {
    if (!runs.dark[i]) continue;
    const base = runs.row[i]! * image.width;
    let min = darkest[root[i]!]!;
    for (let x = runs.start[i]!; x < runs.end[i]!; x++) min = Math.min(min, image.data[base + x]!);
    darkest[root[i]!] = min;
  }
  const light: number[] = [];
  for (let i = 0; i < n; i++) {
    if (root[i] !== i || !runs.dark[i] || edge[i] || darkest[i]! < LIGHTEST_DARK) continue;
    const height = bottom[i]! - top[i]! + 1;
    const width = right[i]! - left[i]!;
    if (height < HEIGHT.low || height > HEIGHT.high) continue;
    if (area[i]! > MAX_FILL * width * height) continue;
    light.push(i);
  }
  light.sort((a, b) => left[a]! - left[b]!);
  const word = new Map<number, number>(light.map((i) => [i, i]));
  const find = (i: number): number => {
    while (word.get(i) !== i) i = word.get(i)!;
    return i;
  };
  for (let a = 0; a < light.length; a++) {
    const i = light[a]!;
    const hi = bottom[i]! - top[i]! + 1;
    for (let b = a + 1; b < light.length; b++) {
      const j = light[b]!;
      const hj = bottom[j]! - top[j]! + 1;
      // Sorted by left edge: once a glyph starts a letter-height past this one, all later do.
      if (left[j]! - right[i]! > Math.max(hi, hj)) break;
      const overlap = Math.min(bottom[i]!, bottom[j]!) - Math.max(top[i]!, top[j]!) + 1;
      if (overlap >= 0.5 * Math.min(hi, hj)) word.set(find(j), find(i));
    }
  }
  const words = new Map<number, FaintWord>();
  for (const i of light) {
    const glyph = { left: left[i]!, top: top[i]!, right: right[i]!, bottom: bottom[i]! + 1 };
    const w = words.get(find(i));
    if (!w) {
      words.set(find(i), { ...glyph, darkest: darkest[i]!, glyphs: [glyph] });
      continue;
    }
    w.left = Math.min(w.left, glyph.left);
    w.top = Math.min(w.top, glyph.top);
    w.right = Math.max(w.right, glyph.right);
    w.bottom = Math.max(w.bottom, glyph.bottom);
    w.darkest = Math.min(w.darkest, darkest[i]!);
    w.glyphs.push(glyph);
  }
  return [...words.values()]
    .filter((w) => w.glyphs.length >= MIN_GLYPHS)
    .sort((a, b) => a.top - b.top || a.left - b.left);
}

export interface Cutout {
  image: GreyImage;
  /** where the cut-out's first pixel lies on the page */
  left: number;
  top: number;
}

/**
 * The word's surroundings, `pad` word heights on each side, with its shade stretched so that
 * its darkest pixel is nearly black: the cut-out Tesseract reads it from.
 */
export function faintCutout(image: GreyImage, word: FaintWord, pad: number): Cutout {
  const margin = Math.round((word.bottom - word.top) * pad);
  const left = Math.max(0, word.left - margin);
  const top = Math.max(0, word.top - margin);
  const right = Math.min(image.width, word.right + margin);
  const bottom = Math.min(image.height, word.bottom + margin);
  const width = right - left;
  const table = new Uint8Array(256);
  const from = word.darkest;
  for (let v = 0; v < 256; v++) {
    table[v] = v <= from ? TARGET : TARGET + ((v - from) * (255 - TARGET)) / (255 - from);
  }
  const data = new Uint8Array(width * (bottom - top));
  for (let y = top; y < bottom; y++) {
    for (let x = left; x < right; x++) {
      data[(y - top) * width + (x - left)] = table[image.data[y * image.width + x]!]!;
    }
  }
  return { image: { width, height: bottom - top, data }, left, top };
}
