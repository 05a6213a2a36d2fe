/**
 * Prepares a screenshot for Tesseract: grey, light text on dark themes inverted to dark on light
 * (Tesseract reads dark-theme chips as garbage), and small screenshots enlarged. A screenshot
 * whose shorter side is under 1000 px was taken at 1x device scale, where body text is about
 * 11 px high: Tesseract misreads many such words ("15:15" as "EBTE"), and reads them right at
 * twice the size. Phone screenshots at 2x-3x are left at their size.
 *
 * The per-pixel work is one histogram pass and one lookup-table pass over the grey bytes, and
 * PNGs are decoded and encoded with the runtime's zlib (`png_grey.ts`): image-js's generic
 * filters and its JS zlib cost about half a second per phone screenshot. JPEGs and unusual PNGs
 * are decoded by image-js. The pixels are the same either way.
 */
import { decode } from "image-js";
import { levelFilledShapes } from "./filled_shapes.ts";
import { doubleSize } from "./grey_double.ts";
import { decodePngGrey, encodePngGrey, type GreyImage } from "./png_grey.ts";

export const PREPROCESS_VERSION = "grey-invert-upscale-level-shapes-badges-8";

const SMALL_SIDE = 1000;
/** `grey_double.ts` doubles */
const UPSCALE = 2;
const BACKGROUND_MARGIN = 16;

export interface Prepared {
  png: Uint8Array;
  /** the original file's size */
  width: number;
  height: number;
  /** divide the engine's coordinates by this to get the original file's */
  scale: number;
  inverted: boolean;
}

function decodeGrey(bytes: Uint8Array): GreyImage {
  let image = decode(bytes);
  if (image.bitDepth !== 8) image = image.convertBitDepth(8);
  if (image.colorModel !== "GREY") image = image.grey();
  return { width: image.width, height: image.height, data: image.getRawImage().data as Uint8Array };
}

function histogram(data: Uint8Array): Float64Array {
  const counts = new Float64Array(256);
  for (let i = 0; i < data.length; i++) counts[data[i]!]!++;
  return counts;
}

function mean(counts: Float64Array, total: number): number {
  let sum = 0;
  for (let v = 0; v < 256; v++) sum += v * counts[v]!;
  return sum / total;
}

/** The lower median (the value at sorted index floor((n - 1) / 2)), as image-js's median(). */
function median(counts: Float64Array, total: number): number {
  const k = Math.floor((total - 1) / 2);
  let seen = 0;
  for (let v = 0; v < 256; v++) {
    seen += counts[v]!;
    if (seen > k) return v;
  }
  return 255;
}

function reversed(counts: Float64Array): Float64Array {
  return counts.map((_, v) => counts[255 - v]!);
}

export function preprocess(bytes: Uint8Array): Prepared {
  const grey = decodePngGrey(bytes) ?? decodeGrey(bytes);
  const total = grey.width * grey.height;
  let counts = histogram(grey.data);
  const dark = mean(counts, total) < 128;
  const scale = Math.min(grey.width, grey.height) < SMALL_SIDE ? UPSCALE : 1;
  let image = grey;
  // Inversion is folded into the lookup table below unless the image is resized first.
  let invert = dark;
  if (scale !== 1) {
    const data = dark ? grey.data.map((v) => 255 - v) : grey.data;
    image = doubleSize({ width: grey.width, height: grey.height, data });
    counts = histogram(image.data);
    invert = false;
  } else if (invert) counts = reversed(counts);
  // Clip everything near the background to white: striped table rows then read as one flat
  // background (Tesseract blurs striped pages as a halftone) while light grey text keeps its shade.
  const background = median(counts, image.width * image.height);
  const top = Math.max(64, background - BACKGROUND_MARGIN);
  const table = new Uint8Array(256);
  for (let v = 0; v < 256; v++) table[v] = (Math.min(invert ? 255 - v : v, top) / top) * 255;
  const out = new Uint8Array(image.data.length);
  for (let i = 0; i < out.length; i++) out[i] = table[image.data[i]!]!;
  const prepared = { width: image.width, height: image.height, data: out };
  levelFilledShapes(prepared);
  const png = encodePngGrey(prepared);
  return { png, width: grey.width, height: grey.height, scale, inverted: dark };
}
