/**
 * Finds the tab bar at the bottom of a phone screenshot: a row of three to six evenly spaced
 * items, each an icon over a short label, parted from the page above by a gap or a rule, with at
 * most the home indicator's pill below. It holds no schedule, and reading its icons and labels
 * costs about a tenth of a phone screenshot's recognition time, so the page is cut off above it.
 * Anything less certain is left alone: a week strip (weekdays over dates) has no icon row taller
 * than its labels, a schedule row is one line, and a page that is not portrait has no tab bar.
 *
 * The bar's edge also tells where the visible list stops, which decides whether the last day
 * shown may go on under the bar. A rule drawn along the edge marks it exactly; without one, the
 * edge is put halfway across the gap above the icons, at most a label's height above them.
 */
import type { GreyImage } from "./png_grey.ts";

/** darker than this is ink (the page has dark text on white by now) */
const INK = 160;
/** a phone screenshot in portrait is at least this much taller than wide */
const MIN_ASPECT = 1.9;
/** the bar lies in this bottom share of the page */
const ZONE = 0.18;
/** the home indicator: a pill at most this share of the page's height and width */
const PILL = { height: 0.012, width: 0.45, offCentre: 0.05 };
/** the icon row's height against the label row's */
const ICON_HEIGHT = { low: 1.3, high: 4 };
/** icons sit over their labels, at most this many label heights apart */
const MAX_ICON_GAP = 1.5;
/** tab bars have this many items */
const ITEMS = { low: 3, high: 6 };
/** items' centres stray at most this share of their spacing from even steps */
const EVEN = 0.15;
/** the items spread over at least this share of the width */
const MIN_SPREAD = 0.5;
/** a rule parting the bar from the page: at most this thick, over this share of the width */
const RULE = { thickness: 4, width: 0.8 };
/** lighter than ink but not the background: a faint rule along the bar's edge */
const NOT_WHITE = 250;

interface Band {
  top: number;
  /** exclusive */
  bottom: number;
}
interface Item {
  left: number;
  right: number;
}

function rowHasInk({ width, data }: GreyImage, y: number): boolean {
  for (let i = y * width, end = i + width; i < end; i++) if (data[i]! < INK) return true;
  return false;
}

/** Runs of rows with ink, from the bottom of the page up to row `from`. */
function bandsFromBottom(image: GreyImage, from: number): Band[] {
  const bands: Band[] = [];
  let bottom = -1;
  for (let y = image.height - 1; y >= from; y--) {
    const ink = rowHasInk(image, y);
    if (ink && bottom < 0) bottom = y + 1;
    if (!ink && bottom >= 0) {
      bands.push({ top: y + 1, bottom });
      bottom = -1;
    }
  }
  if (bottom >= 0) bands.push({ top: from, bottom });
  return bands;
}

/** Runs of columns with ink in a band, joined across gaps of up to `gap` pixels. */
function items(image: GreyImage, band: Band, gap: number): Item[] {
  const { width, data } = image;
  const ink = new Uint8Array(width);
  for (let y = band.top; y < band.bottom; y++) {
    for (let x = 0, i = y * width; x < width; x++, i++) if (data[i]! < INK) ink[x] = 1;
  }
  const found: Item[] = [];
  let last = -Infinity;
  for (let x = 0; x < width; x++) {
    if (!ink[x]) continue;
    if (found.length > 0 && x - last <= gap) found.at(-1)!.right = x + 1;
    else found.push({ left: x, right: x + 1 });
    last = x;
  }
  return found;
}

const centre = (item: Item) => (item.left + item.right) / 2;
const heightOf = (band: Band) => band.bottom - band.top;

function isPill(image: GreyImage, band: Band): boolean {
  const [only, ...more] = items(image, band, image.width);
  return !!only && more.length === 0 && heightOf(band) <= PILL.height * image.height &&
    only.right - only.left < PILL.width * image.width &&
    Math.abs(centre(only) - image.width / 2) < PILL.offCentre * image.width;
}

function evenlySpread(labels: Item[], icons: Item[], width: number): boolean {
  const first = centre(labels[0]!);
  const spacing = (centre(labels.at(-1)!) - first) / (labels.length - 1);
  if (spacing * (labels.length - 1) < MIN_SPREAD * width) return false;
  return labels.every((label, i) =>
    Math.abs(centre(label) - (first + i * spacing)) <= EVEN * spacing &&
    Math.abs(centre(icons[i]!) - centre(label)) <= EVEN * spacing
  );
}

function isRuleRow({ width, data }: GreyImage, y: number): boolean {
  let n = 0;
  for (let i = y * width, end = i + width; i < end; i++) if (data[i]! < NOT_WHITE) n++;
  return n > RULE.width * width;
}

/** The top row of the lowest faint or dark rule between `from` (exclusive) and `to`. */
function ruleAbove(image: GreyImage, from: number, to: number): number | null {
  for (let y = from - 1; y >= to; y--) {
    if (!isRuleRow(image, y)) continue;
    while (y > to && isRuleRow(image, y - 1)) y--;
    return y;
  }
  return null;
}

/**
 * The first row hidden by a tab bar (the page's visible part is the rows above it), or null when
 * the page shows no tab bar for certain.
 */
export function tabBarEdge(image: GreyImage): number | null {
  const { width, height } = image;
  if (height < MIN_ASPECT * width) return null;
  const zoneTop = Math.floor(height * (1 - ZONE));
  const bands = bandsFromBottom(image, zoneTop);
  const skip = bands[0] && isPill(image, bands[0]) ? 1 : 0;
  const [labelRow, iconRow, above] = bands.slice(skip);
  if (!labelRow || !iconRow) return null;
  const labelHeight = heightOf(labelRow);
  const iconHeight = heightOf(iconRow);
  if (iconHeight < ICON_HEIGHT.low * labelHeight || iconHeight > ICON_HEIGHT.high * labelHeight) {
    return null;
  }
  if (labelRow.top - iconRow.bottom > MAX_ICON_GAP * labelHeight) return null;
  // Letters of a label are closer than its height; items are further apart.
  const labels = items(image, labelRow, labelHeight);
  const icons = items(image, iconRow, labelHeight);
  if (labels.length < ITEMS.low || labels.length > ITEMS.high) return null;
  if (icons.length !== labels.length || !evenlySpread(labels, icons, width)) return null;
  const gap = iconRow.top - (above ? above.bottom : zoneTop);
  const rule = !!above && heightOf(above) <= RULE.thickness &&
    items(image, above, 2).reduce((n, r) => n + r.right - r.left, 0) > RULE.width * width;
  if (gap < labelHeight / 2 && !rule) return null;
  const ruleTop = ruleAbove(image, iconRow.top, above ? above.top : zoneTop);
  if (ruleTop === null) return iconRow.top - Math.min(Math.floor(gap / 2), labelHeight);
  // A line the bar cuts through shows as a sliver, less than a label high, that reaches the rule:
  // it cannot be read, so the visible page ends above it. Anything taller reaching the rule (a
  // card's side stripe) is content that goes on under the bar.
  let top = ruleTop;
  for (const band of bands.slice(skip + 2)) {
    if (band.bottom < top - labelHeight / 2) break;
    top = band.top;
  }
  return ruleTop - top <= labelHeight ? top : ruleTop;
}
