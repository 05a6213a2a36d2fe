/**
 * Writes the review page beside the summary: reads each session's file back, turns each of
 * its screenshots into a small JPEG data URI, and streams the page part by part through a
 * temporary file that is renamed at the end, so memory holds one session's pictures at a time
 * and a killed run never leaves half a page.
 */
import { Buffer } from "node:buffer";
import { dirname, join, resolve } from "node:path";
import { decode, encodeJpeg } from "image-js";
import { tempPathOf } from "../io/atomic_json.ts";
import {
  reviewPageHead,
  reviewPageTail,
  type ReviewPicture,
  reviewSessionPart,
} from "../lib/review_page.ts";
import type {
  BackfillSummary,
  ImageMapping,
  RunError,
  SessionOutput,
} from "../lib/schema/session_output.ts";
import { checkImage } from "../ocr/image_check.ts";
import { DEFAULT_MAX_PIXELS } from "../ocr/mod.ts";

/** Wide enough to read a shift card, small enough that thousands of sessions stay one file. */
export const PICTURE_MAX_WIDTH = 480;
export const PICTURE_QUALITY = 60;
const PICTURE_VERSION = `review-${PICTURE_MAX_WIDTH}q${PICTURE_QUALITY}`;

/** Beside the OCR cache entries, keyed by the file's content as they are. */
function cachedPicturePath(cacheDir: string, sha256: string): string {
  return join(cacheDir, sha256.slice(0, 2), `${sha256}-${PICTURE_VERSION}.jpg`);
}

/** Decoding and re-encoding costs about a third of a second per screenshot: a rerun reuses it. */
async function downscaled(bytes: Uint8Array, sha256: string | null, cacheDir: string | null) {
  const cached = cacheDir && sha256 ? cachedPicturePath(cacheDir, sha256) : null;
  if (cached) {
    const hit = await Deno.readFile(cached).catch(() => null);
    if (hit) return hit;
  }
  let picture = decode(bytes);
  if (picture.width > PICTURE_MAX_WIDTH) picture = picture.resize({ width: PICTURE_MAX_WIDTH });
  const jpeg = encodeJpeg(picture, { quality: PICTURE_QUALITY });
  if (cached) {
    const temp = `${cached}.${crypto.randomUUID()}.tmp`;
    // A cache that cannot be written only costs the next run the same work again.
    await Deno.mkdir(dirname(cached), { recursive: true })
      .then(() => Deno.writeFile(temp, jpeg))
      .then(() => Deno.rename(temp, cached))
      .catch(() => Deno.remove(temp).catch(() => {}));
  }
  return jpeg;
}

/** A screenshot downscaled for the page, with its original size for the region boxes. */
export async function reviewPicture(
  image: ImageMapping,
  cacheDir: string | null = null,
): Promise<ReviewPicture> {
  if (!image.local_path) return { ok: false, reason: "no local file for this key" };
  let bytes: Uint8Array;
  try {
    bytes = await Deno.readFile(image.local_path);
  } catch (err) {
    return { ok: false, reason: `cannot read ${image.local_path}: ${(err as Error).message}` };
  }
  // The same checks OCR makes: a truncated or huge file never reaches the decoder.
  const checked = checkImage(bytes, image.local_path, DEFAULT_MAX_PIXELS);
  if (!checked.ok) return { ok: false, reason: checked.error.message };
  try {
    const jpeg = await downscaled(bytes, image.sha256, cacheDir);
    return {
      ok: true,
      src: `data:image/jpeg;base64,${Buffer.from(jpeg).toString("base64")}`,
      width: checked.width,
      height: checked.height,
    };
  } catch (err) {
    return { ok: false, reason: `cannot decode ${image.local_path}: ${(err as Error).message}` };
  }
}

/**
 * The page for the sessions the summary lists, in its order. A failure to write it is an
 * error value: the dry run's own outputs are already complete.
 */
export async function writeReviewPage(
  file: string,
  summaryFile: string,
  summary: BackfillSummary,
  cacheDir: string | null = null,
): Promise<RunError | null> {
  const temp = tempPathOf(file);
  const enc = new TextEncoder();
  let out: Deno.FsFile | null = null;
  try {
    out = await Deno.open(temp, { write: true, create: true, truncate: true });
    const write = async (text: string) => {
      const data = enc.encode(text);
      let written = 0;
      while (written < data.length) written += await out!.write(data.subarray(written));
    };
    await write(reviewPageHead(summary));
    for (const line of summary.sessions) {
      const path = resolve(dirname(summaryFile), line.file);
      const output = JSON.parse(await Deno.readTextFile(path)) as SessionOutput;
      const pictures: ReviewPicture[] = [];
      for (const image of output.images) pictures.push(await reviewPicture(image, cacheDir));
      await write(reviewSessionPart({ output, pictures, file: line.file }));
    }
    await write(reviewPageTail());
    await out.syncData();
    out.close();
    out = null;
    await Deno.rename(temp, file);
    return null;
  } catch (err) {
    out?.close();
    await Deno.remove(temp).catch(() => {});
    return {
      code: "review_not_written",
      message: `Cannot write the review page "${file}": ${(err as Error).message}`,
      details: null,
    };
  }
}
