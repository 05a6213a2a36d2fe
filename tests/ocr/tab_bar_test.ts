import assert from "node:assert/strict";
import { join } from "node:path";
import type { GreyImage } from "../../ocr/png_grey.ts";
import { levelCounts } from "../../ocr/level_counts.ts";
import { otsuThreshold } from "../../ocr/otsu_levels.ts";
import { preprocess, withoutTabBar } from "../../ocr/preprocess.ts";
import { tabBarEdge } from "../../ocr/tab_bar.ts";

const W = 390;
const H = 844;

function blank(width = W, height = H): GreyImage {
  return { width, height, data: new Uint8Array(width * height).fill(255) };
}

function fill(image: GreyImage, left: number, top: number, w: number, h: number, level = 40) {
  for (let y = top; y < top + h; y++) {
    image.data.fill(level, y * image.width + left, y * image.width + left + w);
  }
}

/** A word of `letters` glyphs, 6 px wide with 2 px between them, centred on `centre`. */
function word(image: GreyImage, centre: number, top: number, height: number, letters: number) {
  const width = letters * 8 - 2;
  for (let i = 0; i < letters; i++) {
    fill(image, Math.round(centre - width / 2) + i * 8, top, 6, height);
  }
}

interface Phone {
  items?: number[];
  iconHeight?: number;
  rule?: boolean;
  /** rows of content drawn just above the bar: [top, height] */
  reaching?: [number, number];
}

/**
 * A phone page: lines of text down to row 716, then a tab bar of icons (rows 770-793) over
 * labels (rows 800-809) and the home indicator's pill; optionally a faint rule along row 764.
 */
function phone({ items = [49, 146, 244, 341], iconHeight = 24, rule = false, reaching }: Phone) {
  const image = blank();
  for (let top = 100; top < 700; top += 60) word(image, 120, top, 16, 12);
  for (const centre of items) {
    fill(image, centre - 12, 794 - iconHeight, 24, iconHeight);
    word(image, centre, 800, 10, 4);
  }
  fill(image, 128, 828, 134, 5, 10);
  if (rule) fill(image, 0, 764, W, 1, 238);
  if (reaching) fill(image, 20, reaching[0], 300, reaching[1]);
  return image;
}

Deno.test("a tab bar's edge is the faint rule drawn along it", () => {
  assert.equal(tabBarEdge(phone({ rule: true })), 764);
});

Deno.test("without a rule the edge is put in the gap above the icons, a label's height up", () => {
  // The icons start at row 770 and labels are 10 rows high.
  assert.equal(tabBarEdge(phone({})), 760);
});

Deno.test("a line the bar cuts through, a sliver against its rule, is left under the bar", () => {
  assert.equal(tabBarEdge(phone({ rule: true, reaching: [756, 8] })), 756);
  // Content taller than a label reaching the rule (a card's stripe) goes on under the bar.
  assert.equal(tabBarEdge(phone({ rule: true, reaching: [734, 30] })), 764);
});

Deno.test("pages without a tab bar for certain are left whole", () => {
  // Landscape: a desktop page or a tablet.
  assert.equal(tabBarEdge(blank(900, 440)), null);
  // Items not evenly spread over the width.
  assert.equal(tabBarEdge(phone({ items: [49, 90, 244, 341] })), null);
  // Two items only.
  assert.equal(tabBarEdge(phone({ items: [100, 290] })), null);
  // A week strip: weekday names over dates of the same height, no icons.
  assert.equal(tabBarEdge(phone({ iconHeight: 10 })), null);
  // Text running into the bar with neither a gap nor a rule.
  assert.equal(tabBarEdge(phone({ reaching: [716, 52] })), null);
});

Deno.test("the rows above the bar are split into ink and background as the whole page was", () => {
  const page = phone({ rule: true });
  // Text in many shades, from black to a grey near the page's threshold, with grey edges.
  for (let i = 0; i < 700 * W; i++) {
    if (page.data[i]! < 255) page.data[i] = 20 + ((i * 7) % 170);
  }
  const t = otsuThreshold(levelCounts(page.data));
  const cut = withoutTabBar(page)!;
  assert.equal(cut.edge, 764);
  assert.deepEqual([cut.image.width, cut.image.height], [W, 764]);
  // Without the bar's dark icons Otsu alone would split the rows elsewhere.
  assert.notEqual(otsuThreshold(levelCounts(page.data.subarray(0, 764 * W))), t);
  const split = otsuThreshold(levelCounts(cut.image.data));
  cut.image.data.forEach((v, i) => assert.equal(v <= split, page.data[i]! <= t, `pixel ${i}`));
});

const IMAGES = new URL("../../fixtures/corpus/dev/images/captures/", import.meta.url).pathname;

Deno.test("a phone screenshot is read without its tab bar; a desktop page keeps all its rows", async () => {
  // An agenda list at 1170x2532: its tab bar starts at the rule along rows 2292-2294, which a
  // shift card's stripe runs into.
  const bytes = await Deno.readFile(
    join(IMAGES, "8225717176/2026/01/ab9331c7-5a1c-41de-a206-e3eeeff35443.png"),
  );
  const phone = preprocess(bytes);
  assert.equal(phone.visibleBottom, 2292);
  assert.equal(phone.image.height, 2292);
  assert.equal(phone.height, 2532);
  // A 1440x900 web page, read at twice its size.
  const desktop = preprocess(
    await Deno.readFile(
      join(IMAGES, "4410293857/2026/03/c89023be-a60b-4a87-b55b-77f703f76210.png"),
    ),
  );
  assert.equal(desktop.visibleBottom, null);
  assert.equal(desktop.image.height, 1800);
});
