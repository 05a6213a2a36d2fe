/**
 * Levels filled shapes on a preprocessed page (white background) so that their text is dark on
 * white, as the page-wide levels make it everywhere else. Tesseract binarises the page as a whole:
 * a status chip, a badge or a shift block in a colour of its own becomes one black blob that its
 * layout analysis takes for a picture, so the text in it is never recognised (and its retry of
 * badly read lines in inverted colours never sees it).
 *
 * - Light text on a dark shape (chips, badges, dark cards): a connected dark region that encloses
 *   light regions (the letters) spread along a line, and is solid: the shape with its letters
 *   fills most of its bounding box, and the dark part is a good share of that. It is inverted,
 *   its own shade going to white. Dark text does not pass: a glyph's counters are few and stacked,
 *   round letters that touch leave their box's corners empty, and a table's rules enclose cells
 *   that are nearly all light.
 * - A round badge (today's date in a calendar) holds only one or two letters and fills less of its
 *   box. It passes when its light parts are strokes, not the convex counters a bold O or D
 *   encloses, and when they are small against the badge and it is mostly dark.
 * - Dark text on a grey shape (a block in a dark theme, once the page is inverted; a grey header
 *   bar): a solid region of one mid-grey shade with darker pixels in it. Its shade goes to white.
 */
import {
  type Components,
  components,
  eachVerticalPair,
  histogramOf,
  mapComponent,
} from "./pixel_runs.ts";
import { modeOfCounts } from "./level_counts.ts";
import type { GreyImage } from "./png_grey.ts";

/** Darker than this is a dark shape or dark text. */
const DARK = 160;
/** Darker than this is not the page's background. */
const NOT_BACKGROUND = 232;
/** light parts a dark shape must enclose: a bold 8 or B encloses two */
const MIN_LETTERS = 3;
/** the letters' width against the tallest letter */
const MIN_LINE_SHAPE = 1.5;
/** (shape + letters) / bounding box: a pill is over 0.9, touching round letters under 0.8 */
const MIN_SOLIDITY = 0.85;
/** shape / (shape + letters) */
const MIN_DARK_SHARE = 0.4;
/** a badge holds fewer letters than a line... */
const MAX_BADGE_LETTERS = 2;
/** ...and is larger than a bold glyph at body size, whose small counters are not yet round */
const MIN_BADGE_AREA = 1000;
/** a badge's solidity: a circle fills 0.785 of its box */
const MIN_BADGE_SOLIDITY = 0.72;
/** a badge's shape / (shape + letters): a bold O is about half ring, half counter */
const MIN_BADGE_DARK_SHARE = 0.65;
/** a badge's letters against its height: a glyph's counter is taller */
const BADGE_LETTER_HEIGHT = { low: 0.25, high: 0.6 };
/** a light stroke (2, 7, a 0's ring) fills less of its box than a counter (an ellipse: 0.785) */
const MAX_STROKE_FILL = 0.68;
/** a letter touches its shape and its own counters (a, B, 8: at most two) */
const SLOTS = 4;
/** smaller shapes are icons or glyph parts */
const MIN_AREA = 300;
/** a grey shape's shade lies in this range: darker is text, lighter the page's binarisation */
const GREY_SHADES = { low: 40, high: 200 };
/** text on a grey shape is at least this much darker than the shade... */
const TEXT_CONTRAST = 60;
/** ...and at least this many pixels: a tall block may hold a single line */
const MIN_TEXT_PIXELS = 100;

/** Levels a component's pixels so that `shade` becomes white, inverted for light text. */
function level(image: GreyImage, c: Components, id: number, shade: number, invert: boolean) {
  const ceiling = Math.max(64, (invert ? 255 - shade : shade) - 16);
  const table = new Uint8Array(256);
  for (let v = 0; v < 256; v++) {
    table[v] = (Math.min(invert ? 255 - v : v, ceiling) / ceiling) * 255;
  }
  mapComponent(image, c, id, table);
}

/** Inverts dark shapes holding light text; returns how many. */
function flipDarkShapes(image: GreyImage): number {
  const c = components(image, DARK);
  const { runs, root, area, top, bottom, left, right, edge } = c;
  const n = root.length;
  // Up to SLOTS components that touch each component (more is never a letter or a counter).
  const touching = new Int32Array(n * SLOTS);
  const touchCount = new Uint8Array(n);
  // Called once per pair of touching runs: no allocation here.
  const note = (x: number, y: number) => {
    const count = touchCount[x]!;
    if (count > SLOTS) return;
    for (let k = 0; k < count; k++) if (touching[x * SLOTS + k] === y) return;
    if (count === SLOTS) touchCount[x] = SLOTS + 1;
    else touching[x * SLOTS + count] = y, touchCount[x] = count + 1;
  };
  const touch = (a: number, b: number) => {
    note(a, b);
    note(b, a);
  };
  // Runs alternate dark and light along a row.
  for (let i = 0; i + 1 < n; i++) {
    if (runs.row[i] === runs.row[i + 1]) touch(root[i]!, root[i + 1]!);
  }
  eachVerticalPair(runs, (a, b) => {
    if (runs.dark[a] !== runs.dark[b]) touch(root[a]!, root[b]!);
  });
  /** the component a dark counter or a light letter sits in, or -1 */
  const around = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    if (root[i] === i && runs.dark[i] && !edge[i] && touchCount[i] === 1) {
      around[i] = touching[i * SLOTS]!;
    }
  }
  for (let i = 0; i < n; i++) {
    if (root[i] !== i || runs.dark[i] || edge[i] || touchCount[i]! > SLOTS) continue;
    // A letter touches the shape around it and the counters inside it.
    let outside = -1;
    let count = 0;
    for (let k = 0; k < touchCount[i]!; k++) {
      const other = touching[i * SLOTS + k]!;
      if (around[other] !== i) outside = other, count++;
    }
    if (count === 1) around[i] = outside;
  }
  // What each dark component encloses: how many light parts, their area, their extent.
  const letters = new Float64Array(n);
  const letterArea = new Float64Array(n);
  const lettersLeft = new Int32Array(n).fill(image.width);
  const lettersRight = new Int32Array(n).fill(-1);
  const tallestLetter = new Int32Array(n);
  const fullestLetter = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    if (root[i] !== i || runs.dark[i] || around[i]! < 0) continue;
    const d = around[i]!;
    const height = bottom[i]! - top[i]! + 1;
    letters[d]!++;
    fullestLetter[d] = Math.max(fullestLetter[d]!, area[i]! / (height * (right[i]! - left[i]!)));
    letterArea[d]! += area[i]!;
    lettersLeft[d] = Math.min(lettersLeft[d]!, left[i]!);
    lettersRight[d] = Math.max(lettersRight[d]!, right[i]!);
    tallestLetter[d] = Math.max(tallestLetter[d]!, height);
  }
  const isLine = (i: number, whole: number, box: number) =>
    letters[i]! >= MIN_LETTERS && whole >= MIN_SOLIDITY * box &&
    area[i]! >= MIN_DARK_SHARE * whole &&
    // Text runs along a line; the counters of one dark glyph (8, B) sit one above the other.
    lettersRight[i]! - lettersLeft[i]! >= MIN_LINE_SHAPE * tallestLetter[i]!;
  const isBadge = (i: number, whole: number, box: number) => {
    const height = bottom[i]! - top[i]! + 1;
    return letters[i]! <= MAX_BADGE_LETTERS && whole >= MIN_BADGE_AREA &&
      whole >= MIN_BADGE_SOLIDITY * box && area[i]! >= MIN_BADGE_DARK_SHARE * whole &&
      fullestLetter[i]! <= MAX_STROKE_FILL &&
      tallestLetter[i]! >= BADGE_LETTER_HEIGHT.low * height &&
      tallestLetter[i]! <= BADGE_LETTER_HEIGHT.high * height;
  };
  let flipped = 0;
  for (let i = 0; i < n; i++) {
    if (root[i] !== i || !runs.dark[i] || letters[i] === 0) continue;
    const whole = area[i]! + letterArea[i]!;
    const box = (bottom[i]! - top[i]! + 1) * (right[i]! - left[i]!);
    if (whole < MIN_AREA || !(isLine(i, whole, box) || isBadge(i, whole, box))) continue;
    level(image, c, i, modeOfCounts(histogramOf(image, c, i)), true);
    flipped++;
  }
  return flipped;
}

/** Whitens the shade of grey shapes holding dark text; returns how many. */
function flattenGreyShapes(image: GreyImage): number {
  const c = components(image, NOT_BACKGROUND);
  const { runs, root, area, top, bottom, left, right } = c;
  let flattened = 0;
  for (let i = 0; i < root.length; i++) {
    if (root[i] !== i || !runs.dark[i] || area[i]! < MIN_AREA) continue;
    if (area[i]! < MIN_SOLIDITY * (bottom[i]! - top[i]! + 1) * (right[i]! - left[i]!)) continue;
    const counts = histogramOf(image, c, i);
    const shade = modeOfCounts(counts);
    if (shade < GREY_SHADES.low || shade > GREY_SHADES.high) continue;
    let text = 0;
    for (let v = 0; v < shade - TEXT_CONTRAST; v++) text += counts[v]!;
    if (text < MIN_TEXT_PIXELS) continue;
    level(image, c, i, shade, false);
    flattened++;
  }
  return flattened;
}

/** Levels the filled shapes of a preprocessed page in place; returns how many it levelled. */
export function levelFilledShapes(image: GreyImage): number {
  return flipDarkShapes(image) + flattenGreyShapes(image);
}
