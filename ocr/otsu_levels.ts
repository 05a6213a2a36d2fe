/**
 * Tesseract splits a page into ink and background with one Otsu threshold computed over the whole
 * page, and its layout analysis works on that split alone. Cutting part of a page off (a tab bar)
 * changes the grey levels counted, and so the threshold, by a few levels: enough to turn the
 * anti-aliased edges of grey text from ink to background and change which lines and columns
 * Tesseract finds in what is left. A monotone remapping of the levels that makes Otsu split the
 * cut page where it split the whole one keeps that analysis as it was.
 */

/**
 * Tesseract's global Otsu threshold for grey level counts: levels at or below it are ink. -1 when
 * the counts hold fewer than two levels.
 */
export function otsuThreshold(counts: ArrayLike<number>): number {
  let total = 0;
  let sum = 0;
  for (let v = 0; v < 256; v++) {
    total += counts[v]!;
    sum += v * counts[v]!;
  }
  let best = -1;
  let bestSpread = 0;
  let below = 0;
  let belowSum = 0;
  for (let t = 0; t < 255; t++) {
    below += counts[t]!;
    belowSum += t * counts[t]!;
    if (below === 0) continue;
    const above = total - below;
    if (above === 0) break;
    const gap = belowSum / below - (sum - belowSum) / above;
    const spread = gap * gap * below * above;
    if (best < 0 || spread > bestSpread) {
      bestSpread = spread;
      best = t;
    }
  }
  return best;
}

/** Levels 0..t onto 0..to, and t+1..254 onto to+1..254; white stays white. */
function stretch(t: number, to: number): Uint8Array {
  const table = new Uint8Array(256);
  for (let v = 0; v < 256; v++) {
    table[v] = v <= t
      ? Math.round((v * to) / Math.max(t, 1))
      : v === 255
      ? 255
      : Math.round(to + 1 + ((v - t - 1) * (253 - to)) / Math.max(253 - t, 1));
  }
  return table;
}

/**
 * A lookup table for grey levels such that Otsu, run on the remapped `counts`, splits exactly
 * where threshold `t` splits the original levels: ink stays ink and background stays background.
 * Of the tables that do, the one that moves the levels least; null when none does.
 */
export function levelsKeepingSplit(counts: ArrayLike<number>, t: number): Uint8Array | null {
  if (t < 0 || t > 253) return null;
  const targets = Array.from({ length: 254 }, (_, to) => to)
    .sort((a, b) => Math.abs(a - t) - Math.abs(b - t));
  for (const to of targets) {
    const table = stretch(t, to);
    const mapped = new Float64Array(256);
    for (let v = 0; v < 256; v++) mapped[table[v]!]! += counts[v]!;
    if (otsuThreshold(mapped) === to) return table;
  }
  return null;
}
