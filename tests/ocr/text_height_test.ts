import assert from "node:assert/strict";
import { textHeight } from "../../ocr/text_height.ts";
import type { GreyImage } from "../../ocr/png_grey.ts";

function page(width: number, height: number): GreyImage {
  return { width, height, data: new Uint8Array(width * height).fill(255) };
}

function fill(image: GreyImage, x: number, y: number, w: number, h: number, value: number) {
  for (let r = y; r < y + h; r++) {
    image.data.fill(value, r * image.width + x, r * image.width + x + w);
  }
}

/** A glyph like an "n": two stems and a bar, `h` pixels high. */
function glyph(image: GreyImage, x: number, y: number, h: number) {
  const w = Math.round(h * 0.6);
  const stroke = Math.max(1, Math.round(h / 6));
  fill(image, x, y, stroke, h, 20);
  fill(image, x + w - stroke, y, stroke, h, 20);
  fill(image, x, y, w, stroke, 20);
}

Deno.test("a page's text height is the median height of its glyphs", () => {
  const image = page(400, 200);
  for (let k = 0; k < 9; k++) glyph(image, 10 + k * 14, 20, 10);
  for (let k = 0; k < 4; k++) glyph(image, 10 + k * 30, 80, 24);
  assert.equal(textHeight(image), 10);
});

Deno.test("pictures, rules and specks are not glyphs", () => {
  const image = page(400, 300);
  for (let k = 0; k < 3; k++) glyph(image, 10 + k * 40, 20, 30);
  // A filled photo, a wide rule and dots outnumber the glyphs.
  fill(image, 200, 20, 150, 150, 60);
  for (let k = 0; k < 5; k++) fill(image, 10, 200 + k * 10, 300, 2, 0);
  for (let k = 0; k < 10; k++) fill(image, 10 + k * 8, 280, 2, 2, 0);
  // Light grey is background, not ink.
  for (let k = 0; k < 10; k++) fill(image, 10 + k * 8, 260, 5, 8, 180);
  assert.equal(textHeight(image), 30);
});

Deno.test("a page without glyphs has no text height", () => {
  const image = page(100, 100);
  fill(image, 0, 0, 100, 10, 0);
  assert.equal(textHeight(image), null);
});
