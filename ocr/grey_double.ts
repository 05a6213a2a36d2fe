/**
 * Doubles a grey image's size with exactly the pixels image-js's bilinear `resize({ xFactor: 2,
 * yFactor: 2 })` gives (pixel centres aligned, edges replicated, halves rounded to even), in one
 * pass over integer sums: image-js computes every output pixel through a generic transform and
 * takes about a quarter of a second on a 1x desktop screenshot.
 *
 * Output column 2k + 1 is source column k; output column 2k is the mean of columns k - 1 and k
 * (column 0 twice at the left edge). Rows likewise.
 */
import type { GreyImage } from "./png_grey.ts";

/** `sum / 2^shift` rounded half to even. */
function roundShift(sum: number, shift: number): number {
  if (shift === 0) return sum;
  const q = sum >> shift;
  const rest = sum - (q << shift);
  const half = 1 << (shift - 1);
  return rest < half ? q : rest > half ? q + 1 : q + (q & 1);
}

export function doubleSize(image: GreyImage): GreyImage {
  const { width, height, data } = image;
  const outWidth = width * 2;
  const out = new Uint8Array(outWidth * height * 2);
  const rowSum = new Uint16Array(width);
  for (let y = 0; y < height * 2; y++) {
    const k = y >> 1;
    const below = k * width;
    // Even output rows mix source rows k - 1 and k; odd ones are row k.
    const rowShift = y & 1 ? 0 : 1;
    if (rowShift) {
      const above = Math.max(0, k - 1) * width;
      for (let x = 0; x < width; x++) rowSum[x] = data[above + x]! + data[below + x]!;
    } else {
      for (let x = 0; x < width; x++) rowSum[x] = data[below + x]!;
    }
    const o = y * outWidth;
    for (let x = 0; x < width; x++) {
      const left = rowSum[Math.max(0, x - 1)]!;
      out[o + 2 * x] = roundShift(left + rowSum[x]!, rowShift + 1);
      out[o + 2 * x + 1] = roundShift(rowSum[x]!, rowShift);
    }
  }
  return { width: outWidth, height: height * 2, data: out };
}
