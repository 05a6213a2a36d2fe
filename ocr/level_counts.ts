/**
 * Counts of values (grey levels 0-255, glyph heights) and the statistics read off them, so that a
 * page's levels are scanned once and each statistic costs one pass over the counts.
 */

/**
 * How many pixels have each grey level. Four integer tallies filled in turn: consecutive pixels
 * mostly share a level, and one tally would wait on its own last increment at every pixel.
 */
export function levelCounts(data: Uint8Array): Float64Array {
  const a = new Int32Array(256);
  const b = new Int32Array(256);
  const c = new Int32Array(256);
  const d = new Int32Array(256);
  const whole = data.length & ~3;
  let i = 0;
  for (; i < whole; i += 4) {
    a[data[i]!]!++;
    b[data[i + 1]!]!++;
    c[data[i + 2]!]!++;
    d[data[i + 3]!]!++;
  }
  for (; i < data.length; i++) a[data[i]!]!++;
  return Float64Array.from({ length: 256 }, (_, v) => a[v]! + b[v]! + c[v]! + d[v]!);
}

export function meanOfCounts(counts: ArrayLike<number>, total: number): number {
  let sum = 0;
  for (let v = 0; v < counts.length; v++) sum += v * counts[v]!;
  return sum / total;
}

/**
 * The lower median (the value at sorted index floor((n - 1) / 2), as image-js's median()), or null
 * when nothing is counted.
 */
export function lowerMedian(counts: ArrayLike<number>, total: number): number | null {
  if (total <= 0) return null;
  const k = Math.floor((total - 1) / 2);
  let seen = 0;
  for (let v = 0; v < counts.length; v++) {
    seen += counts[v]!;
    if (seen > k) return v;
  }
  return null;
}

/** The most frequent value (the lowest of equals). */
export function modeOfCounts(counts: ArrayLike<number>): number {
  let best = 0;
  for (let v = 1; v < counts.length; v++) if (counts[v]! > counts[best]!) best = v;
  return best;
}
