/**
 * The parts of PNG decoding that OCR preprocessing and the review page's pictures share: the
 * chunk layout of the 8-bit, non-interlaced, non-palette files screenshots are, and the row
 * filters. Each caller inflates and converts the pixels its own way.
 */

export const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
/** channels per colour type, for the types read here (no palette) */
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 4: 2, 6: 4 };

export interface PngLayout {
  width: number;
  height: number;
  /** bytes per pixel: 1 grey, 2 grey+alpha, 3 RGB, 4 RGBA */
  channels: number;
  /** the compressed pixel data, chunk by chunk, as views of the file's bytes */
  idat: Uint8Array[];
}

/** The layout of a PNG this module can read, or null for any other file or kind of PNG. */
export function readPngLayout(bytes: Uint8Array): PngLayout | null {
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
  return { width, height, channels, idat };
}

/**
 * Undoes one row's filter in place. `row` is the offset of the row's first pixel byte (its
 * filter byte is just before it), `up` the offset of the row above's, or -1 for none.
 */
export function unfilterRow(
  raw: Uint8Array,
  row: number,
  up: number,
  stride: number,
  bpp: number,
): void {
  const filter = raw[row - 1];
  if (filter === 0) return;
  if (up < 0) {
    // No row above: up adds nothing, average halves the left, Paeth takes the left.
    if (filter === 2) return;
    for (let i = bpp; i < stride; i++) {
      const left = raw[row + i - bpp]!;
      raw[row + i] = raw[row + i]! + (filter === 3 ? left >> 1 : left);
    }
    return;
  }
  // Views of the row and the row above: plain indices keep the per-byte loops tight.
  const cur = raw.subarray(row, row + stride);
  const prev = raw.subarray(up, up + stride);
  if (filter === 1) {
    for (let i = bpp; i < stride; i++) cur[i] = cur[i]! + cur[i - bpp]!;
  } else if (filter === 2) {
    for (let i = 0; i < stride; i++) cur[i] = cur[i]! + prev[i]!;
  } else if (filter === 3) {
    for (let i = 0; i < bpp; i++) cur[i] = cur[i]! + (prev[i]! >> 1);
    for (let i = bpp; i < stride; i++) cur[i] = cur[i]! + ((cur[i - bpp]! + prev[i]!) >> 1);
  } else if (filter === 4) {
    for (let i = 0; i < bpp; i++) cur[i] = cur[i]! + prev[i]!;
    for (let i = bpp; i < stride; i++) {
      // Paeth, inlined: this loop runs over most bytes of a typical screenshot.
      const a = cur[i - bpp]!, b = prev[i]!, c = prev[i - bpp]!;
      const pa = b > c ? b - c : c - b;
      const pb = a > c ? a - c : c - a;
      const pc = a + b > 2 * c ? a + b - 2 * c : 2 * c - a - b;
      cur[i] = cur[i]! + (pa <= pb && pa <= pc ? a : pb <= pc ? b : c);
    }
  } else throw new Error(`PNG row filter ${filter} is not one of 0-4`);
}
