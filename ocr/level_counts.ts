/**
 * Counts of values (grey levels 0-255, glyph heights) and the statistics read off them, so that a
 * page's levels are scanned once and each statistic costs one pass over the counts.
 */

/** How many pixels have each grey level. */
export function levelCounts(data: Uint8Array): Float64Array {
  const counts = new Float64Array(256);
  for (let i = 0; i < data.length; i++) counts[data[i]!]!++;
  return counts;
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
