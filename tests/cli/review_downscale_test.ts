/**
 * The review page's downscaler against image-js, which decodes every kind of file the same way:
 * the native PNG path must give the same pixels as a decoder that knows nothing of it.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { decode, encodeJpeg, encodePng, Image } from "image-js";
import { downscaleToJpeg, PICTURE_MAX_WIDTH } from "../../cli/review_downscale.ts";
import { encodeJpegRgba } from "../../cli/review_jpeg.ts";
import { IMAGES } from "./backfill_support.ts";

// A phone screenshot whose rows use all four PNG filters (sub, up, average, Paeth).
const PHONE = join(IMAGES, "captures/4410293857/2026/01/5dbc8636-558a-4750-a843-45e52946b05a.png");

/** Mean absolute difference per channel value between two RGB(A) images of one size. */
function difference(a: Image, b: Image): number {
  assert.deepEqual([a.width, a.height], [b.width, b.height]);
  const [x, y] = [a.convertColor("RGB"), b.convertColor("RGB")];
  const [p, q] = [x.getRawImage().data, y.getRawImage().data];
  let sum = 0;
  for (let i = 0; i < p.length; i++) sum += Math.abs(p[i]! - q[i]!);
  return sum / p.length;
}

Deno.test("a screenshot comes out a JPEG 360 px wide that looks like image-js's own downscale", async () => {
  const bytes = await Deno.readFile(PHONE);
  const original = decode(bytes);
  const jpeg = await downscaleToJpeg(bytes);
  assert.deepEqual([...jpeg.subarray(0, 3)], [0xff, 0xd8, 0xff]);
  const small = decode(jpeg);
  assert.equal(small.width, PICTURE_MAX_WIDTH);
  assert.equal(small.height, Math.round(original.height * PICTURE_MAX_WIDTH / original.width));
  // image-js interpolates between a few source pixels where this averages all of them, and the
  // JPEG loses a little: a shifted, swapped or mis-scaled picture differs by several times this.
  const reference = original.resize({ width: small.width, height: small.height });
  const diff = difference(small, reference);
  assert.ok(diff < 8, `mean difference ${diff.toFixed(2)} from image-js's resize`);
  assert.ok(jpeg.length < 40_000, `${jpeg.length} bytes`);
});

Deno.test("the native PNG path gives the pixels image-js decodes, whatever the row filters", async () => {
  const bytes = await Deno.readFile(PHONE);
  // The same pixels written again by image-js, rows unfiltered, and as a JPEG image-js decodes.
  const plain = encodePng(decode(bytes));
  assert.notDeepEqual(plain, bytes);
  assert.deepEqual(await downscaleToJpeg(plain), await downscaleToJpeg(bytes));
  const viaJpeg = await downscaleToJpeg(
    encodeJpeg(decode(bytes).convertColor("RGBA"), { quality: 100 }),
  );
  assert.ok(difference(decode(viaJpeg), decode(await downscaleToJpeg(bytes))) < 2);
});

Deno.test("the page's JPEG encoder loses about what jpeg-js loses on the same pixels", async () => {
  const original = decode(await Deno.readFile(PHONE));
  const small = original.resize({ width: 360 }).convertColor("RGBA");
  const pixels = small.getRawImage().data as Uint8Array;
  for (const quality of [60, 95]) {
    const ours = encodeJpegRgba(small.width, small.height, pixels, quality);
    const theirs = encodeJpeg(small, { quality });
    const [a, b] = [difference(decode(ours), small), difference(decode(theirs), small)];
    // Colour at half resolution costs a little on coloured text, and saves a third of the bytes.
    assert.ok(a < b * 1.5 + 0.3, `quality ${quality}: ${a.toFixed(2)} against ${b.toFixed(2)}`);
    assert.ok(ours.length < theirs.length, `${ours.length} against ${theirs.length} bytes`);
  }
  // Odd sizes pad their last blocks rather than reading past the pixels.
  const odd = original.resize({ width: 37, height: 23 }).convertColor("RGBA");
  const back = decode(encodeJpegRgba(37, 23, odd.getRawImage().data as Uint8Array, 90));
  assert.ok(difference(back, odd) < 6);
});

/** Stripes of colour and a dark bar, as a screenshot's text and chips. */
function pattern(width: number, height: number): Image {
  const image = new Image(width, height, { colorModel: "RGB" });
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const dark = y > height / 3 && y < height / 2 && x % 12 < 6;
      image.setPixel(x, y, dark ? [20, 30, 40] : [(x * 3) % 256, (y * 5) % 256, 200]);
    }
  }
  return image;
}

Deno.test("grey, grey with alpha, RGB and RGBA screenshots of the same picture come out the same", async () => {
  const rgb = pattern(900, 600);
  const fromRgb = await downscaleToJpeg(encodePng(rgb));
  assert.deepEqual(decode(fromRgb).width, 360);
  assert.deepEqual(await downscaleToJpeg(encodePng(rgb.convertColor("RGBA"))), fromRgb);
  const grey = rgb.grey();
  assert.deepEqual(
    await downscaleToJpeg(encodePng(grey.convertColor("GREYA"))),
    await downscaleToJpeg(encodePng(grey.convertColor("RGB"))),
  );
  assert.deepEqual(
    await downscaleToJpeg(encodePng(grey)),
    await downscaleToJpeg(encodePng(grey.convertColor("RGB"))),
  );
});

Deno.test("transparent parts are white and a narrow screenshot keeps its width", async () => {
  const clear = new Image(200, 100, { colorModel: "RGBA" });
  clear.fill([0, 0, 0, 0]);
  const out = decode(await downscaleToJpeg(encodePng(clear)));
  assert.deepEqual([out.width, out.height], [200, 100]);
  const data = out.getRawImage().data;
  assert.ok(data.every((v) => v >= 250), "transparent black is shown as white");
});

Deno.test("a file no decoder reads is an error, not a picture", async () => {
  await assert.rejects(() => downscaleToJpeg(new Uint8Array([1, 2, 3, 4])));
});
