/**
 * PNG to 8-bit grey bytes, with the runtime's native zlib. A pure-JS inflate costs about a quarter
 * of a second on a phone screenshot.
 */
import { inflateSync } from "node:zlib";
import { readPngLayout, unfilterRow } from "./png_format.ts";

export interface GreyImage {
  width: number;
  height: number;
  /** one byte per pixel, row after row */
  data: Uint8Array;
}

/**
 * Grey bytes of an 8-bit, non-interlaced grey or RGB PNG (with or without alpha), or null for any
 * other kind, which the caller decodes another way. Grey is ITU-R BT.709 luma in 15-bit fixed
 * point and transparency is merged towards black, as image-js computes them, so either way gives
 * the same pixels.
 */
export function decodePngGrey(bytes: Uint8Array): GreyImage | null {
  const layout = readPngLayout(bytes);
  if (!layout) return null;
  const { width, height, channels, idat } = layout;
  const compressed = new Uint8Array(idat.reduce((n, c) => n + c.length, 0));
  idat.reduce((at, c) => (compressed.set(c, at), at + c.length), 0);
  const raw = inflateSync(compressed);
  const stride = width * channels;
  if (raw.length < (stride + 1) * height) {
    throw new Error("PNG pixel data is shorter than its size");
  }
  const line = stride + 1;
  for (let y = 0; y < height; y++) {
    unfilterRow(raw, y * line + 1, y === 0 ? -1 : (y - 1) * line + 1, stride, channels);
  }
  const data = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) greyRow(raw, y * line + 1, data, y * width, width, channels);
  return { width, height, data };
}

/** One row of pixels to grey; a loop per kind of pixel keeps the per-pixel work free of tests. */
function greyRow(
  raw: Uint8Array,
  i: number,
  out: Uint8Array,
  o: number,
  n: number,
  channels: number,
) {
  const end = o + n;
  if (channels === 1) out.set(raw.subarray(i, i + n), o);
  else if (channels === 3) {
    for (; o < end; o++, i += 3) {
      out[o] = (raw[i]! * 6966 + raw[i + 1]! * 23436 + raw[i + 2]! * 2366) >> 15;
    }
  } else if (channels === 4) {
    for (; o < end; o++, i += 4) {
      const v = (raw[i]! * 6966 + raw[i + 1]! * 23436 + raw[i + 2]! * 2366) >> 15;
      out[o] = (v * raw[i + 3]!) / 255;
    }
  } else for (; o < end; o++, i += 2) out[o] = (raw[i]! * raw[i + 1]!) / 255;
}
