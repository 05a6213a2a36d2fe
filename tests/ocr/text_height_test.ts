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
function glyph(image: GreyImage, x: number, y: number, h: number, value = 20) {
  const w = Math.round(h * 0.6);
  const stroke = Math.max(1, Math.round(h / 6));
  fill(image, x, y, stroke, h, value);
  fill(image, x + w - stroke, y, stroke, h, value);
  fill(image, x, y, w, stroke, value);
}

Deno.test("a page's text height is the median height of its glyphs", () => {
  const image = page(400, 200);
  for (let k = 0; k < 9; k++) glyph(image, 10 + k * 14, 20, 10);
  for (let k = 0; k < 4; k++) glyph(image, 10 + k * 30, 80, 24);
  assert.equal(textHeight(image), 10);
});

Deno.test("pictures, rules, specks, pale marks and cut-off marks are not glyphs", () => {
  // Three glyphs; each kind of mark below comes four times at another height, so counting any
  // one kind moves the median off 30.
  const image = page(600, 400);
  for (let k = 0; k < 3; k++) glyph(image, 10 + k * 40, 20, 30);
  // Filled pictures.
  for (let k = 0; k < 4; k++) fill(image, 150 + k * 70, 20, 60, 60, 60);
  // Wide frames, hollow: too wide for a glyph.
  for (let k = 0; k < 4; k++) {
    fill(image, 10, 100 + k * 20, 300, 1, 0);
    fill(image, 10, 109 + k * 20, 300, 1, 0);
    fill(image, 10, 100 + k * 20, 1, 10, 0);
    fill(image, 309, 100 + k * 20, 1, 10, 0);
  }
  // Specks shaped like an L, three pixels high.
  for (let k = 0; k < 4; k++) {
    fill(image, 10 + k * 10, 200, 1, 3, 0);
    fill(image, 10 + k * 10, 202, 3, 1, 0);
  }
  // Glyphs in a pale grey, lighter than ink.
  for (let k = 0; k < 4; k++) glyph(image, 10 + k * 30, 220, 20, 180);
  // Glyphs cut by the page's bottom edge.
  for (let k = 0; k < 4; k++) glyph(image, 100 + k * 40, 350, 50);
  assert.equal(textHeight(image), 30);
});

Deno.test("a page without glyphs has no text height", () => {
  const image = page(100, 100);
  fill(image, 0, 0, 100, 10, 0);
  assert.equal(textHeight(image), null);
});
