/**
 * Screenshots for the review page: each file is read and checked on the main thread, a copy
 * downscaled by an earlier run is taken from the cache folder, and the others are downscaled by
 * a few workers at once (decoding and encoding is CPU work that would otherwise hold up the
 * page for about a tenth of a second per screenshot).
 */
import { Buffer } from "node:buffer";
import { dirname, join } from "node:path";
import { writeFileAtomic } from "../io/atomic_write.ts";
import type { ReviewPicture } from "../lib/review_page.ts";
import type { ImageMapping } from "../lib/schema/session_output.ts";
import { checkImage } from "../ocr/image_check.ts";
import { DEFAULT_MAX_PIXELS } from "../ocr/mod.ts";
import { WorkerPool } from "../ocr/worker_pool.ts";
import { PICTURE_VERSION } from "./review_downscale.ts";
import type { DownscaleReply, DownscaleRequest } from "./review_downscale_worker.ts";

/** Beside the OCR cache entries, keyed by the file's content as they are. */
function cachedPicturePath(cacheDir: string, sha256: string): string {
  return join(cacheDir, sha256.slice(0, 2), `${sha256}-${PICTURE_VERSION}.jpg`);
}

/**
 * Long enough for the largest file OCR accepts (40 MP): a 40 MP JPEG, which image-js decodes in
 * JavaScript, takes about 20 s on one core, a phone screenshot a tenth of a second. A picture
 * that takes longer is left out of the page with a note, and its worker replaced.
 */
export const PICTURE_TIMEOUT_MS = 60_000;

export interface ReviewPicturesOptions {
  /** where downscaled copies are kept for the next run; null keeps none */
  cacheDir: string | null;
  /** workers downscaling at once, started on the first file to downscale */
  concurrency: number;
  timeoutMs?: number;
}

export class ReviewPictures {
  readonly #cacheDir: string | null;
  #pool: WorkerPool<DownscaleRequest, DownscaleReply>;

  constructor(options: ReviewPicturesOptions) {
    this.#cacheDir = options.cacheDir;
    this.#pool = new WorkerPool({
      script: new URL("./review_downscale_worker.ts", import.meta.url),
      size: Math.max(1, options.concurrency),
      timeoutMs: options.timeoutMs ?? PICTURE_TIMEOUT_MS,
      task: "downscaling",
    });
  }

  /** A screenshot downscaled for the page, with its original size for the region boxes. */
  async picture(image: ImageMapping): Promise<ReviewPicture> {
    if (!image.local_path) return { ok: false, reason: "no local file for this key" };
    let bytes: Uint8Array<ArrayBuffer>;
    try {
      bytes = await Deno.readFile(image.local_path);
    } catch (err) {
      return { ok: false, reason: `cannot read ${image.local_path}: ${(err as Error).message}` };
    }
    // The same checks OCR makes: a truncated or huge file never reaches the decoder.
    const checked = checkImage(bytes, image.local_path, DEFAULT_MAX_PIXELS);
    if (!checked.ok) return { ok: false, reason: checked.error.message };
    const size = { width: checked.width, height: checked.height };
    // Keyed by the bytes read now: the run may have hashed none (a session that failed
    // early), or the file may have changed since.
    const cached = this.#cacheDir ? cachedPicturePath(this.#cacheDir, await sha256(bytes)) : null;
    let jpeg: Uint8Array | null = cached ? await Deno.readFile(cached).catch(() => null) : null;
    if (!jpeg) {
      // The bytes move to the worker: nothing here reads them again.
      const outcome = await this.#pool.run({ bytes }, [bytes.buffer]);
      const reply = outcome.ok
        ? outcome.reply
        : { ok: false as const, message: outcome.error.message };
      if (!reply.ok) {
        return { ok: false, reason: `cannot decode ${image.local_path}: ${reply.message}` };
      }
      jpeg = reply.jpeg;
      if (cached) await store(cached, jpeg);
    }
    return {
      ok: true,
      src: `data:image/jpeg;base64,${Buffer.from(jpeg).toString("base64")}`,
      ...size,
    };
  }

  close(): void {
    this.#pool.close();
  }
}

async function sha256(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** A cache that cannot be written only costs the next run the same work again. */
async function store(path: string, jpeg: Uint8Array): Promise<void> {
  await Deno.mkdir(dirname(path), { recursive: true })
    // Runs that share the cache folder may store the same screenshot at once.
    .then(() => writeFileAtomic(path, jpeg, { shared: true }))
    .catch(() => {});
}
