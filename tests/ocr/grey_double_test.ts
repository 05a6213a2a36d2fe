import assert from "node:assert/strict";
import { Image } from "image-js";
import { doubleSize } from "../../ocr/grey_double.ts";
import { decodePngGrey } from "../../ocr/png_grey.ts";

const SMALL_SCREENSHOT = new URL(
  "../../fixtures/corpus/dev/images/captures/7304418862/2026/03/dc7384b0-7c9a-4f8e-9877-c5fa780f907e.png",
  import.meta.url,
);

function imageJsDouble(width: number, height: number, data: Uint8Array): Uint8Array {
  const resized = new Image(width, height, { data, colorModel: "GREY" })
    .resize({ xFactor: 2, yFactor: 2 });
  return new Uint8Array(resized.getRawImage().data);
}

Deno.test("doubling gives the pixels image-js's bilinear resize gives, edges and ties included", () => {
  // Every sum parity and both edges: neighbours differing by odd and even amounts.
  for (const [width, height] of [[2, 2], [2, 3], [17, 9], [64, 5]] as const) {
    const data = new Uint8Array(width * height).map((_, i) => (i * 97 + (i >> 3) * 31) % 256);
    const ours = doubleSize({ width, height, data });
    assert.equal(ours.width, width * 2);
    assert.equal(ours.height, height * 2);
    assert.deepEqual(ours.data, imageJsDouble(width, height, data), `${width}x${height}`);
  }
});

Deno.test("a 1x screenshot doubles to the same pixels as with image-js", async () => {
  const grey = decodePngGrey(await Deno.readFile(SMALL_SCREENSHOT));
  assert.ok(grey);
  assert.ok(Math.min(grey.width, grey.height) < 1000, "the fixture is a small screenshot");
  assert.deepEqual(doubleSize(grey).data, imageJsDouble(grey.width, grey.height, grey.data));
});
