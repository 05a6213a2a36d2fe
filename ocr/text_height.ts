/**
 * How tall a page's letters are, in pixels: the median height of the dark components shaped like
 * glyphs. It decides whether a screenshot needs enlarging before OCR, which the file's size alone
 * cannot tell: a phone screenshot saved at a fraction of its size and a desktop page at 1x have
 * small letters at any resolution.
 */
import { lowerMedian } from "./level_counts.ts";
import { components } from "./pixel_runs.ts";
import type { GreyImage } from "./png_grey.ts";

/** darker than this is ink, on a page whose text is dark */
const INK = 128;
/** glyph heights considered: smaller is noise or dots, larger icons and pictures */
const HEIGHT = { low: 4, high: 120 };
/** a glyph, or a few touching, is at most this much wider than tall */
const MAX_ASPECT = 3;

/** The median glyph height of a page with dark text, or null when it shows no glyphs. */
export function textHeight(image: GreyImage): number | null {
  const { runs, root, area, top, bottom, left, right, edge } = components(image, INK);
  const counts = new Int32Array(HEIGHT.high + 1);
  let total = 0;
  for (let i = 0; i < root.length; i++) {
    if (root[i] !== i || !runs.dark[i] || edge[i]) continue;
    const height = bottom[i]! - top[i]! + 1;
    const width = right[i]! - left[i]!;
    if (height < HEIGHT.low || height > HEIGHT.high || width > MAX_ASPECT * height) continue;
    // A filled box (a rule, a bullet, a picture) is not a glyph.
    if (area[i]! > 0.9 * width * height) continue;
    counts[height]!++;
    total++;
  }
  return lowerMedian(counts, total);
}
