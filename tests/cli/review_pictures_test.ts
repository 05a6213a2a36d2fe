/** The review page's screenshots through the real downscaling workers and cache folder. */
import assert from "node:assert/strict";
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import type { ImageMapping } from "../../lib/schema/session_output.ts";
import { ReviewPictures } from "../../cli/review_pictures.ts";
import { IMAGES } from "./backfill_support.ts";

const PHONE = join(IMAGES, "captures/4410293857/2026/01/5dbc8636-558a-4750-a843-45e52946b05a.png");

function mapping(localPath: string): ImageMapping {
  return {
    sequence: 1,
    r2_key: "captures/4410293857/2026/01/5dbc8636-558a-4750-a843-45e52946b05a.png",
    local_path: localPath,
    resolution: "exact_path",
    sha256: null,
    bytes: null,
    ocr: { status: "not_run", mean_confidence: null, ms: null, cache_hit: null, error: null },
  };
}

async function cacheFiles(dir: string): Promise<string[]> {
  const files: string[] = [];
  for (const sub of await readdir(dir)) files.push(...await readdir(join(dir, sub)));
  return files;
}

Deno.test("a screenshot whose downscaling overruns is left out with a note and not cached", async () => {
  const cacheDir = await Deno.makeTempDir();
  try {
    // No worker starts and answers within a millisecond.
    const pictures = new ReviewPictures({ cacheDir, concurrency: 1, timeoutMs: 1 });
    try {
      const [first, second] = await Promise.all([
        pictures.picture(mapping(PHONE)),
        pictures.picture(mapping(PHONE)),
      ]);
      for (const picture of [first, second]) {
        assert.deepEqual(picture, {
          ok: false,
          reason: `cannot decode ${PHONE}: downscaling took longer than 1 ms and was stopped`,
        });
      }
    } finally {
      pictures.close();
    }
    assert.deepEqual(await cacheFiles(cacheDir), []);
  } finally {
    await Deno.remove(cacheDir, { recursive: true });
  }
});

Deno.test("a downscaled screenshot is kept whole in the cache and served from it next time", async () => {
  const cacheDir = await Deno.makeTempDir();
  try {
    const cold = new ReviewPictures({ cacheDir, concurrency: 1 });
    const picture = await cold.picture(mapping(PHONE)).finally(() => cold.close());
    assert.ok(picture.ok);
    // The boxes are drawn in the original's pixels: its size as the PNG header gives it.
    const header = new DataView((await Deno.readFile(PHONE)).buffer, 16, 8);
    assert.deepEqual([picture.width, picture.height], [header.getUint32(0), header.getUint32(4)]);
    assert.ok(picture.src.startsWith("data:image/jpeg;base64,/9j/"));
    const files = await cacheFiles(cacheDir);
    assert.equal(files.length, 1, `one entry and no temporary file: ${files.join(", ")}`);
    assert.match(files[0]!, /^[0-9a-f]{64}-review-.*\.jpg$/);
    // Served from the cache: a downscale could not finish within this limit.
    const warm = new ReviewPictures({ cacheDir, concurrency: 1, timeoutMs: 1 });
    assert.deepEqual(await warm.picture(mapping(PHONE)).finally(() => warm.close()), picture);
  } finally {
    await Deno.remove(cacheDir, { recursive: true });
  }
});
