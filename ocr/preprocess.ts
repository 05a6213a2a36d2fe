/**
 * Prepares a screenshot for Tesseract: grey, light text on dark themes inverted to dark on light
 * (Tesseract reads dark-theme chips as garbage), and small screenshots enlarged. A screenshot
 * whose shorter side is under 1000 px was taken at 1x device scale, where body text is about
 * 11 px high: Tesseract misreads many such words ("15:15" as "EBTE"), and reads them right at
 * twice the size. Phone screenshots at 2x-3x are left at their size.
 */
import { decode, encodePng } from "image-js";

export const PREPROCESS_VERSION = "grey-invert-upscale-level-4";

const SMALL_SIDE = 1000;
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

export function preprocess(bytes: Uint8Array): Prepared {
  const grey = decode(bytes).grey();
  const mean = (grey.mean() as number[])[0] ?? 255;
  const dark = mean < 128;
  const scale = Math.min(grey.width, grey.height) < SMALL_SIDE ? UPSCALE : 1;
  let image = dark ? grey.invert() : grey;
  if (scale !== 1) image = image.resize({ xFactor: scale, yFactor: scale });
  // Clip everything near the background to white: striped table rows then read as one flat
  // background (Tesseract blurs striped pages as a halftone) while light grey text keeps its shade.
  const background = image.median()[0] ?? 255;
  image = image.level({ inputMin: 0, inputMax: Math.max(64, background - BACKGROUND_MARGIN) });
  return { png: encodePng(image), width: grey.width, height: grey.height, scale, inverted: dark };
}
