/**
 * Prepares a screenshot for Tesseract: grey, and light text on dark themes inverted to dark on
 * light (Tesseract reads dark-theme chips as garbage). The pixel size is kept, so the boxes
 * Tesseract returns are already in the original file's coordinates.
 */
import { decode, encodePng } from "image-js";

export const PREPROCESS_VERSION = "grey-invert-1";

export interface Prepared {
  png: Uint8Array;
  width: number;
  height: number;
  inverted: boolean;
}

export function preprocess(bytes: Uint8Array): Prepared {
  const grey = decode(bytes).grey();
  const mean = (grey.mean() as number[])[0] ?? 255;
  const dark = mean < 128;
  const image = dark ? grey.invert() : grey;
  return { png: encodePng(image), width: image.width, height: image.height, inverted: dark };
}
