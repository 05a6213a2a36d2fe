/**
 * Prepares a screenshot for Tesseract: grey, light text on dark themes inverted to dark on light
 * (Tesseract reads dark-theme chips as garbage), and pages with small letters enlarged. The size of
 * the letters is measured (`text_height.ts`), not guessed from the file's size: at 1x device scale
 * (a desktop page, a phone screenshot saved small) glyphs are 7-12 px high and Tesseract misreads
 * many words ("15:15" as "EBTE"); it reads them right at twice the size. Under 20 px it still
 * drops the odd word; from 20 px up, as on phone screenshots at 2x-3x, enlarging changes nothing
 * read and costs Tesseract 8-30% more time.
 *
 * A phone screenshot's tab bar is cut off (`tab_bar.ts`): about a tenth of its recognition time
 * goes on icons and labels that hold no schedule. The levels of what is left are then remapped so
 * that Tesseract's binarisation splits it exactly as it split the whole page (`otsu_levels.ts`):
 * the bar's dark icons weigh in Otsu's choice of threshold, and without them grey text near the
 * threshold would be binarised differently and read differently.
 *
 * The per-pixel work is a histogram pass, a lookup-table pass and the run-length passes of
 * `text_height.ts` and `filled_shapes.ts` over the grey bytes (with a tab bar cut off, one more
 * of each of the first two), and PNGs are decoded with the runtime's zlib (`png_grey.ts`):
 * image-js's generic filters and its JS zlib cost about half a second per phone screenshot. JPEGs
 * and unusual PNGs are decoded by image-js. The pixels are the same either way. The result stays
 * raw pixels: Tesseract takes them as they are.
 */
import { decode } from "image-js";
import { levelFilledShapes } from "./filled_shapes.ts";
import { doubleSize } from "./grey_double.ts";
import { levelCounts, lowerMedian, meanOfCounts } from "./level_counts.ts";
import { levelsKeepingSplit, otsuThreshold } from "./otsu_levels.ts";
import { decodePngGrey, type GreyImage } from "./png_grey.ts";
import { tabBarEdge } from "./tab_bar.ts";
import { textHeight } from "./text_height.ts";

export const PREPROCESS_VERSION =
  "grey-invert-upscale-by-text-height-level-shapes-badges-tab-bar-cut-10";

/** median glyph height, in pixels, under which a page is enlarged */
const SMALL_TEXT = 20;
/** `grey_double.ts` doubles */
const UPSCALE = 2;
const BACKGROUND_MARGIN = 16;

export interface Prepared {
  /** the pixels Tesseract reads */
  image: GreyImage;
  /** the original file's size */
  width: number;
  height: number;
  /** divide the engine's coordinates by this to get the original file's */
  scale: number;
  inverted: boolean;
  /** where a tab bar cut off from `image` began, in the original file's rows; null if none */
  visibleBottom: number | null;
}

function decodeGrey(bytes: Uint8Array): GreyImage {
  let image = decode(bytes);
  if (image.bitDepth !== 8) image = image.convertBitDepth(8);
  if (image.colorModel !== "GREY") image = image.grey();
  return { width: image.width, height: image.height, data: image.getRawImage().data as Uint8Array };
}

function reversed(counts: Float64Array): Float64Array {
  return counts.map((_, v) => counts[255 - v]!);
}

/**
 * The rows above a tab bar, with their levels remapped so that Otsu splits them where it split
 * the whole page; null when there is no tab bar or no such remapping.
 */
export function withoutTabBar(image: GreyImage): { image: GreyImage; edge: number } | null {
  const edge = tabBarEdge(image);
  if (edge === null) return null;
  const { data } = image;
  const end = edge * image.width;
  // The kept rows and the bar are counted apart, so the page's levels are read once in all.
  const kept = levelCounts(data.subarray(0, end));
  const bar = levelCounts(data.subarray(end));
  const table = levelsKeepingSplit(kept, otsuThreshold(kept.map((n, v) => n + bar[v]!)));
  if (!table) return null;
  const remapped = new Uint8Array(end);
  for (let i = 0; i < end; i++) remapped[i] = table[data[i]!]!;
  return { image: { width: image.width, height: edge, data: remapped }, edge };
}

/** Inverts in place: a loop, as a typed array's map() costs ten times as much. */
function invertInPlace(data: Uint8Array) {
  for (let i = 0; i < data.length; i++) data[i] = 255 - data[i]!;
}

export function preprocess(bytes: Uint8Array): Prepared {
  const grey = decodePngGrey(bytes) ?? decodeGrey(bytes);
  const { width, height } = grey;
  let counts = levelCounts(grey.data);
  const dark = meanOfCounts(counts, width * height) < 128;
  // From here on the page has dark text on a light background. Both decoders return fresh pixels.
  if (dark) {
    invertInPlace(grey.data);
    counts = reversed(counts);
  }
  const letters = textHeight(grey);
  const scale = letters !== null && letters < SMALL_TEXT ? UPSCALE : 1;
  let image = grey;
  if (scale !== 1) {
    image = doubleSize(grey);
    counts = levelCounts(image.data);
  }
  // Clip everything near the background to white: striped table rows then read as one flat
  // background (Tesseract blurs striped pages as a halftone) while light grey text keeps its shade.
  const background = lowerMedian(counts, image.width * image.height) ?? 255;
  const top = Math.max(64, background - BACKGROUND_MARGIN);
  const table = new Uint8Array(256);
  for (let v = 0; v < 256; v++) table[v] = (Math.min(v, top) / top) * 255;
  const data = image.data;
  for (let i = 0; i < data.length; i++) data[i] = table[data[i]!]!;
  levelFilledShapes(image);
  const cut = withoutTabBar(image);
  return {
    image: cut?.image ?? image,
    width,
    height,
    scale,
    inverted: dark,
    visibleBottom: cut ? cut.edge / scale : null,
  };
}
