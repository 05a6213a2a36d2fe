import type { OcrPage } from "../schema/mod.ts";
import { findDateLabels } from "../swedish_dates.ts";
import { findTimeRanges } from "../time_ranges.ts";
import { height, isNoise, type Row, rowText } from "./word_rows.ts";

/** The vertical span of the page where scrolling content is visible. */
export interface Viewport {
  top: number;
  bottom: number;
}

function hasScheduleText(row: Row): boolean {
  const text = rowText(row);
  return findTimeRanges(text).length > 0 || findDateLabels(text).length > 0;
}

/** A tab bar's label row: several short items spread over most of the width. */
function looksLikeTabLabels(row: Row, width: number): boolean {
  if (row.cells.length < 3) return false;
  const span = row.box.right - row.box.left;
  return span > width * 0.5 && row.cells.every((c) => c.words.length <= 2);
}

/**
 * Finds the bottom tab bar of a phone screenshot (label row plus icon row above it) and
 * returns the visible content span. Content under the bar is hidden, so anything that
 * reaches the bar's top edge may be cut. OCR that left the bar out says where it began.
 */
export function findViewport(
  rows: readonly Row[],
  page: Pick<OcrPage, "width" | "height" | "visible_bottom">,
): Viewport {
  const viewport: Viewport = { top: 0, bottom: page.visible_bottom ?? page.height };
  if (page.visible_bottom !== undefined || page.width >= page.height) return viewport;
  const zoneTop = page.height * 0.85;
  let chromeTop: Row | null = null;
  let sawLabels = false;
  for (let i = rows.length - 1; i >= 0; i--) {
    const row = rows[i]!;
    if (row.box.top < zoneTop || hasScheduleText(row)) break;
    const iconsOnly = row.words.every(isNoise) ||
      row.words.every((w) => w.confidence < 0.9 && w.text.length <= 3);
    if (looksLikeTabLabels(row, page.width)) sawLabels = true;
    else if (!iconsOnly) break;
    chromeTop = row;
  }
  if (chromeTop && sawLabels) {
    // The bar's edge sits above its icons by roughly half an icon's height.
    viewport.bottom = chromeTop.box.top - height(chromeTop.box) * 0.5;
  }
  return viewport;
}
