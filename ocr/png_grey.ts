/**
 * PNG to and from 8-bit grey bytes, with the runtime's native zlib. A pure-JS inflate and deflate
 * cost about half a second on a phone screenshot, as much as a third of its recognition.
 */
import { deflateSync, inflateSync } from "node:zlib";

export interface GreyImage {
  width: number;
  height: number;
  /** one byte per pixel, row after row */
  data: Uint8Array;
}

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
/** channels per colour type, for the types read here (no palette) */
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 4: 2, 6: 4 };

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/** Undoes the per-row filters in place; the filter byte of each row is left as it was. */
function unfilter(raw: Uint8Array, stride: number, height: number, bpp: number): void {
  const line = stride + 1;
  for (let y = 0; y < height; y++) {
    const row = y * line + 1;
    const up = row - line;
    const filter = raw[row - 1];
    if (filter === 0) continue;
    if (y === 0 && filter !== 1) {
      // No row above: up adds nothing, average halves the left, Paeth takes the left.
      for (let i = 0; i < stride; i++) {
        const left = i >= bpp ? raw[row + i - bpp]! : 0;
        raw[row + i] = raw[row + i]! + (filter === 3 ? left >> 1 : filter === 4 ? left : 0);
      }
    } else if (filter === 1) {
      for (let i = bpp; i < stride; i++) raw[row + i] = raw[row + i]! + raw[row + i - bpp]!;
    } else if (filter === 2) {
      for (let i = 0; i < stride; i++) raw[row + i] = raw[row + i]! + raw[up + i]!;
    } else if (filter === 3) {
      for (let i = 0; i < bpp; i++) raw[row + i] = raw[row + i]! + (raw[up + i]! >> 1);
      for (let i = bpp; i < stride; i++) {
        raw[row + i] = raw[row + i]! + ((raw[row + i - bpp]! + raw[up + i]!) >> 1);
      }
    } else if (filter === 4) {
      for (let i = 0; i < bpp; i++) raw[row + i] = raw[row + i]! + raw[up + i]!;
      for (let i = bpp; i < stride; i++) {
        raw[row + i] = raw[row + i]! +
          paeth(raw[row + i - bpp]!, raw[up + i]!, raw[up + i - bpp]!);
      }
    } else throw new Error(`PNG row filter ${filter} is not one of 0-4`);
  }
}

/**
 * Grey bytes of an 8-bit, non-interlaced grey or RGB PNG (with or without alpha), or null for any
 * other kind, which the caller decodes another way. Grey is ITU-R BT.709 luma in 15-bit fixed
 * point and transparency is merged towards black, as image-js computes them, so either way gives
 * the same pixels.
 */
export function decodePngGrey(bytes: Uint8Array): GreyImage | null {
  if (!SIGNATURE.every((b, i) => bytes[i] === b)) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let width = 0;
  let height = 0;
  let channels = 0;
  const idat: Uint8Array[] = [];
  for (let at = 8; at + 8 <= bytes.length;) {
    const length = view.getUint32(at);
    const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8));
    const body = bytes.subarray(at + 8, at + 8 + length);
    if (type === "IHDR") {
      width = view.getUint32(at + 8);
      height = view.getUint32(at + 12);
      const [depth, colour, , , interlace] = body.subarray(8, 13);
      channels = depth === 8 && interlace === 0 ? CHANNELS[colour!] ?? 0 : 0;
      if (channels === 0) return null;
    } else if (type === "IDAT") idat.push(body);
    else if (type === "IEND") break;
    at += 12 + length;
  }
  if (channels === 0 || width === 0 || height === 0) return null;
  const compressed = new Uint8Array(idat.reduce((n, c) => n + c.length, 0));
  idat.reduce((at, c) => (compressed.set(c, at), at + c.length), 0);
  const raw = inflateSync(compressed);
  const stride = width * channels;
  if (raw.length < (stride + 1) * height) {
    throw new Error("PNG pixel data is shorter than its size");
  }
  unfilter(raw, stride, height, channels);
  const data = new Uint8Array(width * height);
  for (let y = 0, o = 0; y < height; y++) {
    let i = y * (stride + 1) + 1;
    for (let x = 0; x < width; x++, o++, i += channels) {
      let v: number;
      if (channels <= 2) v = raw[i]!;
      else v = (raw[i]! * 6966 + raw[i + 1]! * 23436 + raw[i + 2]! * 2366) >> 15;
      if (channels === 2 || channels === 4) v = (v * raw[i + channels - 1]!) / 255;
      data[o] = v;
    }
  }
  return { width, height, data };
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

/** An 8-bit grey PNG of these pixels, rows unfiltered (screens are flat: zlib alone does well). */
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
    chunk("IDAT", deflateSync(raw)),
    chunk("IEND", new Uint8Array()),
  ];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  parts.reduce((at, p) => (out.set(p, at), at + p.length), 0);
  return out;
}
