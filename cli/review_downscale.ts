/**
 * A screenshot made small for the review page: decoded once, averaged down to a fixed width and
 * encoded as a JPEG. PNGs, which screenshots nearly always are, are inflated by the runtime's
 * native zlib and averaged down row by row as they are unfiltered, so no full-size image is ever
 * built: image-js's JS inflate, generic resize and RGBA copies cost about a quarter of a second
 * per phone screenshot. Other files are decoded by image-js.
 */
import { decode } from "image-js";
import { readPngLayout, unfilterRow } from "../ocr/png_format.ts";
import { encodeJpegRgba } from "./review_jpeg.ts";

/**
 * 360 px keeps a phone screenshot's 13-15 px body text (at 3x) readable beside its drawn boxes,
 * at about half the bytes of 480 px; the page shows pictures 240 px wide and zooms on demand.
 */
export const PICTURE_MAX_WIDTH = 360;
const PICTURE_QUALITY = 60;
/** Names cached copies: a change of size, quality or method must not reuse old ones. */
export const PICTURE_VERSION = `review-${PICTURE_MAX_WIDTH}q${PICTURE_QUALITY}-box-420`;

interface Rgba {
  width: number;
  height: number;
  data: Uint8Array;
}

/**
 * Sums source pixels into output pixels: each output pixel is the mean of the source block
 * that maps onto it (a box filter), which keeps thin text strokes rather than skipping them.
 */
class BoxReducer {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
  #column: Uint32Array;
  #columnCount: Uint32Array;
  #sums: Uint32Array;
  #rows = 0;
  #row = 0;
  #sourceHeight: number;

  constructor(sourceWidth: number, sourceHeight: number, maxWidth: number) {
    this.width = Math.min(sourceWidth, maxWidth);
    this.height = Math.max(1, Math.round(sourceHeight * this.width / sourceWidth));
    this.data = new Uint8Array(this.width * this.height * 4);
    this.#sourceHeight = sourceHeight;
    this.#column = new Uint32Array(sourceWidth);
    this.#columnCount = new Uint32Array(this.width);
    for (let x = 0; x < sourceWidth; x++) {
      const c = Math.min(this.width - 1, Math.floor(x * this.width / sourceWidth));
      this.#column[x] = c * 4;
      this.#columnCount[c]!++;
    }
    this.#sums = new Uint32Array(this.width * 4);
  }

  #outputRow(y: number): number {
    return Math.min(this.height - 1, Math.floor(y * this.height / this.#sourceHeight));
  }

  #flush(): void {
    const sums = this.#sums;
    const base = this.#row * this.width * 4;
    for (let c = 0; c < this.width; c++) {
      const n = this.#columnCount[c]! * this.#rows;
      for (let k = 0; k < 4; k++) {
        this.data[base + c * 4 + k] = (sums[c * 4 + k]! + (n >> 1)) / n;
      }
    }
    sums.fill(0);
    this.#rows = 0;
  }

  /**
   * Adds source row y, `channels` bytes a pixel from `at`: grey, grey+alpha, RGB or RGBA.
   * Rows must come in order.
   */
  add(y: number, row: Uint8Array, at: number, channels: number): void {
    const target = this.#outputRow(y);
    if (target !== this.#row) {
      this.#flush();
      this.#row = target;
    }
    const sums = this.#sums;
    const column = this.#column;
    const n = column.length;
    // One loop per layout: a branch per pixel costs more than the sums themselves.
    if (channels === 4) {
      for (let x = 0, i = at; x < n; x++, i += 4) {
        const o = column[x]!;
        sums[o] = sums[o]! + row[i]!;
        sums[o + 1] = sums[o + 1]! + row[i + 1]!;
        sums[o + 2] = sums[o + 2]! + row[i + 2]!;
        sums[o + 3] = sums[o + 3]! + row[i + 3]!;
      }
    } else if (channels === 3) {
      for (let x = 0, i = at; x < n; x++, i += 3) {
        const o = column[x]!;
        sums[o] = sums[o]! + row[i]!;
        sums[o + 1] = sums[o + 1]! + row[i + 1]!;
        sums[o + 2] = sums[o + 2]! + row[i + 2]!;
        sums[o + 3] = sums[o + 3]! + 255;
      }
    } else {
      for (let x = 0, i = at; x < n; x++, i += channels) {
        const o = column[x]!;
        const v = row[i]!;
        sums[o] = sums[o]! + v;
        sums[o + 1] = sums[o + 1]! + v;
        sums[o + 2] = sums[o + 2]! + v;
        sums[o + 3] = sums[o + 3]! + (channels === 2 ? row[i + 1]! : 255);
      }
    }
    this.#rows++;
  }

  finish(): Rgba {
    if (this.#rows) this.#flush();
    return { width: this.width, height: this.height, data: this.data };
  }
}

/**
 * An 8-bit, non-interlaced grey, grey+alpha, RGB or RGBA PNG reduced to `maxWidth`, or null
 * for any other kind, which image-js decodes instead. The pixel data is inflated as a stream
 * into two rows, the one being unfiltered and the one above it: a phone screenshot's 10 MB of
 * raw pixels never exist at once.
 */
async function reducePng(bytes: Uint8Array, maxWidth: number): Promise<Rgba | null> {
  const layout = readPngLayout(bytes);
  if (!layout) return null;
  const { width, height, channels } = layout;
  // Blob wants bytes of its own, not views of a shared buffer.
  const idat = layout.idat.map((chunk) => chunk.slice());
  const stride = width * channels;
  const line = stride + 1;
  const rows = new Uint8Array(2 * line);
  const reducer = new BoxReducer(width, height, maxWidth);
  let y = 0;
  let filled = 0;
  const inflated = new Blob(idat).stream().pipeThrough(new DecompressionStream("deflate"));
  for await (const chunk of inflated) {
    for (let at = 0; at < chunk.length && y < height;) {
      const row = (y & 1) * line;
      const take = Math.min(line - filled, chunk.length - at);
      rows.set(chunk.subarray(at, at + take), row + filled);
      filled += take;
      at += take;
      if (filled < line) continue;
      unfilterRow(rows, row + 1, y === 0 ? -1 : line - row + 1, stride, channels);
      reducer.add(y, rows, row + 1, channels);
      y++;
      filled = 0;
    }
  }
  if (y < height) throw new Error("PNG pixel data is shorter than its size");
  return reducer.finish();
}

function reduceDecoded(bytes: Uint8Array, maxWidth: number): Rgba {
  let image = decode(bytes);
  if (image.bitDepth !== 8) image = image.convertBitDepth(8);
  if (!["GREY", "GREYA", "RGB", "RGBA"].includes(image.colorModel)) {
    image = image.convertColor("RGBA");
  }
  const channels = image.channels;
  const data = image.getRawImage().data as Uint8Array;
  const reducer = new BoxReducer(image.width, image.height, maxWidth);
  const stride = image.width * channels;
  for (let y = 0; y < image.height; y++) reducer.add(y, data, y * stride, channels);
  return reducer.finish();
}

/** Transparent parts of a screenshot are shown over white, as a page would show them. */
function overWhite(image: Rgba): void {
  const d = image.data;
  for (let i = 0; i < d.length; i += 4) {
    const a = d[i + 3]!;
    if (a === 255) continue;
    for (let k = 0; k < 3; k++) d[i + k] = (d[i + k]! * a + 255 * (255 - a) + 127) / 255;
    d[i + 3] = 255;
  }
}

/** The screenshot as a JPEG at most `maxWidth` wide; rejects when it cannot be decoded. */
export async function downscaleToJpeg(
  bytes: Uint8Array,
  maxWidth = PICTURE_MAX_WIDTH,
): Promise<Uint8Array> {
  const small = (await reducePng(bytes, maxWidth)) ?? reduceDecoded(bytes, maxWidth);
  overWhite(small);
  return encodeJpegRgba(small.width, small.height, small.data, PICTURE_QUALITY);
}
