import assert from "node:assert/strict";
import { levelFilledShapes } from "../../ocr/filled_shapes.ts";
import type { GreyImage } from "../../ocr/png_grey.ts";

const WHITE = 255;

function page(width: number, height: number): GreyImage {
  return { width, height, data: new Uint8Array(width * height).fill(WHITE) };
}

function fill(image: GreyImage, x: number, y: number, w: number, h: number, value: number) {
  for (let r = y; r < y + h; r++) {
    image.data.fill(value, r * image.width + x, r * image.width + x + w);
  }
}

function ring(image: GreyImage, cx: number, cy: number, r: number, stroke: number, value: number) {
  for (let y = cy - r; y <= cy + r; y++) {
    for (let x = cx - r; x <= cx + r; x++) {
      const d = Math.hypot(x - cx, y - cy);
      if (d <= r && d > r - stroke) image.data[y * image.width + x] = value;
    }
  }
}

const at = (image: GreyImage, x: number, y: number) => image.data[y * image.width + x]!;

/** A grey chip with four white letters, the second with a dark counter as an "a" or "P" has. */
function chip(image: GreyImage, x: number, y: number) {
  fill(image, x, y, 140, 50, 100);
  for (let k = 0; k < 4; k++) fill(image, x + 20 + k * 28, y + 12, 18, 26, WHITE);
  fill(image, x + 48 + 6, y + 20, 6, 8, 100);
}

Deno.test("light letters on a dark chip become dark letters on white", () => {
  const image = page(200, 80);
  chip(image, 20, 15);
  assert.equal(levelFilledShapes(image), 1);
  assert.equal(at(image, 25, 20), WHITE, "the chip's own shade is white");
  assert.equal(at(image, 45, 40), 0, "a letter is black");
  assert.equal(at(image, 77, 38), WHITE, "a letter's counter is white");
  assert.equal(at(image, 5, 5), WHITE, "the page around is untouched");
});

Deno.test("dark glyphs and table rules are left as they are", () => {
  const image = page(300, 120);
  // A bold 8: a dark block with two counters one above the other.
  fill(image, 10, 10, 24, 36, 20);
  fill(image, 17, 16, 10, 9, WHITE);
  fill(image, 17, 31, 10, 9, WHITE);
  // A table: 1 px rules around three cells holding dark text.
  for (let k = 0; k <= 3; k++) fill(image, 60 + k * 60, 10, 1, 61, 40);
  for (const y of [10, 70]) fill(image, 60, y, 181, 1, 40);
  for (let k = 0; k < 3; k++) fill(image, 75 + k * 60, 30, 25, 12, 30);
  // Bold round letters that touch, each with a counter: "ooo".
  for (let k = 0; k < 3; k++) ring(image, 70 + k * 13, 95, 7, 3, 20);
  const before = image.data.slice();
  assert.equal(levelFilledShapes(image), 0);
  assert.deepEqual(image.data, before);
});

Deno.test("a shape at the page's edge is flipped, and its shade sets the levels", () => {
  const image = page(160, 60);
  fill(image, 0, 0, 160, 60, 60);
  for (let k = 0; k < 3; k++) fill(image, 20 + k * 30, 20, 20, 20, 200);
  assert.equal(levelFilledShapes(image), 1);
  assert.equal(at(image, 5, 5), WHITE);
  // 200 on 60 inverts to 55 on 195: the letters end up dark, well under the background.
  assert.ok(at(image, 30, 30) < 100, `letter ${at(image, 30, 30)}`);
});

Deno.test("dark text on a grey block keeps its shade while the block turns white", () => {
  const image = page(200, 120);
  fill(image, 20, 20, 160, 80, 150);
  fill(image, 35, 35, 60, 10, 10);
  fill(image, 35, 55, 90, 10, 10);
  // Grey text on the page, with nothing darker in it, is not a block.
  fill(image, 20, 105, 120, 12, 128);
  assert.equal(levelFilledShapes(image), 1);
  assert.equal(at(image, 25, 25), WHITE, "the block's shade is white");
  assert.ok(at(image, 40, 40) < 30, `text ${at(image, 40, 40)}`);
  assert.equal(at(image, 30, 110), 128, "grey text is untouched");
});

function disc(image: GreyImage, cx: number, cy: number, r: number, value: number) {
  ring(image, cx, cy, r, r + 1, value);
}

Deno.test("a round badge with two light digits is flipped; a bold O is not", () => {
  const image = page(260, 100);
  // Today's date in a calendar: a dark disc holding "20", a stroke like a 2 and a ring.
  disc(image, 50, 50, 35, 90);
  fill(image, 28, 34, 16, 5, WHITE);
  fill(image, 39, 34, 5, 16, WHITE);
  fill(image, 28, 46, 16, 5, WHITE);
  fill(image, 28, 46, 5, 20, WHITE);
  fill(image, 28, 61, 16, 5, WHITE);
  ring(image, 62, 50, 12, 5, WHITE);
  // A heavy O as large as the badge: only its counter, round and filling its box, tells it apart.
  ring(image, 180, 50, 35, 16, 20);
  const before = image.data.slice();
  assert.equal(levelFilledShapes(image), 1);
  assert.equal(at(image, 50, 20), WHITE, "the badge's own shade is white");
  assert.equal(at(image, 30, 36), 0, "the 2 is black");
  assert.equal(at(image, 74, 50), 0, "the 0 is black");
  assert.equal(at(image, 62, 50), WHITE, "the 0's counter is white");
  for (let y = 10; y < 90; y++) {
    for (let x = 140; x < 220; x++) {
      assert.equal(at(image, x, y), before[y * image.width + x], `O at ${x},${y}`);
    }
  }
});
