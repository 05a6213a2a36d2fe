/**
 * PNG to and from 8-bit grey bytes, with the runtime's native zlib. A pure-JS inflate and deflate
 * cost about half a second on a phone screenshot, as much as a third of its recognition.
 */
import { deflateSync, inflateSync } from "node:zlib";
import { readPngLayout, SIGNATURE, unfilterRow } from "./png_format.ts";

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

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, body: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + body.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, body.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(body, 8);
  view.setUint32(8 + body.length, crc32(out.subarray(4, 8 + body.length)));
  return out;
}

/**
 * An 8-bit grey PNG of these pixels, rows unfiltered (screens are flat: zlib alone does well), at
 * zlib's fastest level: it is read once, in memory, and level 6 takes four times as long.
 */
export function encodePngGrey(image: GreyImage): Uint8Array {
  const { width, height, data } = image;
  const raw = new Uint8Array((width + 1) * height);
  for (let y = 0; y < height; y++) {
    raw.set(data.subarray(y * width, (y + 1) * width), y * (width + 1) + 1);
  }
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  header[8] = 8; // bit depth
  header[9] = 0; // grey
  const parts = [
    new Uint8Array(SIGNATURE),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(raw, { level: 1 })),
    chunk("IEND", new Uint8Array()),
  ];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  parts.reduce((at, p) => (out.set(p, at), at + p.length), 0);
  return out;
}
