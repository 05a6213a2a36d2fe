import assert from "node:assert/strict";
import { decode, encodePng, Image } from "image-js";
import { decodePngGrey } from "../../ocr/png_grey.ts";

const LIGHT = new URL(
  "../../fixtures/corpus/dev/images/captures/8225717176/2026/01/ab9331c7-5a1c-41de-a206-e3eeeff35443.png",
  import.meta.url,
);

function sameAsImageJs(png: Uint8Array) {
  const ours = decodePngGrey(png);
  assert.ok(ours, "the PNG is one decodePngGrey reads");
  const theirs = decode(png).grey();
  assert.equal(ours.width, theirs.width);
  assert.equal(ours.height, theirs.height);
  assert.deepEqual(ours.data, new Uint8Array(theirs.getRawImage().data));
}

Deno.test("a screenshot decodes to the grey pixels image-js computes", async () => {
  sameAsImageJs(await Deno.readFile(LIGHT));
});

Deno.test("transparency is merged towards black as image-js merges it", () => {
  const width = 37;
  const height = 11;
  const data = new Uint8Array(width * height * 4).map((_, i) => (i * 97 + (i >> 5) * 13) % 256);
  sameAsImageJs(encodePng(new Image(width, height, { data, colorModel: "RGBA" })));
});

Deno.test("kinds it does not read are left to the caller", () => {
  const rgb16 = encodePng(new Image(4, 4, { colorModel: "RGB", bitDepth: 16 }));
  assert.equal(decodePngGrey(rgb16), null);
  assert.equal(decodePngGrey(new TextEncoder().encode("not a png")), null);
});
