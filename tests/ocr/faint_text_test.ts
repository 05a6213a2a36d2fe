import assert from "node:assert/strict";
import { faintCutout, faintWords } from "../../ocr/faint_text.ts";
import type { GreyImage } from "../../ocr/png_grey.ts";

function page(width: number, height: number): GreyImage {
  return { width, height, data: new Uint8Array(width * height).fill(255) };
}

function fill(image: GreyImage, x: number, y: number, w: number, h: number, value: number) {
  for (let r = y; r < y + h; r++) {
    image.data.fill(value, r * image.width + x, r * image.width + x + w);
  }
}

/** A glyph like an "n" in one shade, with a paler anti-aliased rim. */
function glyph(image: GreyImage, x: number, y: number, h: number, shade: number) {
  const w = Math.round(h * 0.6);
  const stroke = Math.max(2, Math.round(h / 6));
  fill(image, x - 1, y - 1, w + 2, stroke + 2, Math.round((shade + 255) / 2));
  fill(image, x, y, stroke, h, shade);
  fill(image, x + w - stroke, y, stroke, h, shade);
  fill(image, x, y, w, stroke, shade);
}

/** `n` glyphs of height `h` in a row from (x, y), a third of a glyph apart. */
function word(image: GreyImage, x: number, y: number, n: number, h: number, shade: number) {
  for (let i = 0; i < n; i++) glyph(image, x + i * Math.round(h * 0.8), y, h, shade);
}

Deno.test("a word in light grey is found, with its box, glyphs and darkest shade", () => {
  const image = page(400, 200);
  word(image, 40, 50, 5, 20, 190);
  const found = faintWords(image);
  assert.equal(found.length, 1);
  const [w] = found;
  assert.equal(w!.glyphs.length, 5);
  assert.equal(w!.darkest, 190);
  assert.ok(w!.left <= 40 && w!.right >= 40 + 4 * 16 + 12 && w!.top <= 50 && w!.bottom >= 70);
});

Deno.test("dark text is not faint, though its anti-aliased rims are as pale", () => {
  const image = page(400, 200);
  word(image, 40, 50, 5, 20, 30);
  assert.deepEqual(faintWords(image), []);
});

Deno.test("a faded number of two glyphs is no word", () => {
  const image = page(400, 200);
  word(image, 40, 50, 2, 20, 190);
  assert.deepEqual(faintWords(image), []);
});

Deno.test("a pale filled block is no glyph", () => {
  const image = page(400, 200);
  for (let i = 0; i < 4; i++) fill(image, 40 + i * 30, 50, 24, 20, 200);
  assert.deepEqual(faintWords(image), []);
});

Deno.test("light glyphs on separate lines make separate words", () => {
  const image = page(400, 200);
  word(image, 40, 30, 3, 20, 190);
  word(image, 40, 120, 4, 20, 180);
  assert.deepEqual(faintWords(image).map((w) => w.glyphs.length), [3, 4]);
});

Deno.test("the cut-out stretches the word's shade to nearly black and says where it lies", () => {
  const image = page(400, 200);
  word(image, 40, 50, 3, 20, 190);
  const [w] = faintWords(image);
  const cutout = faintCutout(image, w!, 0.5);
  assert.equal(cutout.left, w!.left - 11);
  assert.equal(cutout.top, w!.top - 11);
  const at = (x: number, y: number) =>
    cutout.image.data[(y - cutout.top) * cutout.image.width + (x - cutout.left)]!;
  assert.ok(at(41, 60) < 50, "the glyph's shade is nearly black");
  assert.equal(at(w!.left - 5, w!.top - 5), 255, "the background stays white");
  assert.equal(image.data[60 * 400 + 41], 190, "the page itself is not changed");
});
