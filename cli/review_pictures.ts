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
import { PICTURE_VERSION } from "./review_downscale.ts";
import type { DownscaleReply, DownscaleRequest } from "./review_downscale_worker.ts";

/** Beside the OCR cache entries, keyed by the file's content as they are. */
function cachedPicturePath(cacheDir: string, sha256: string): string {
  return join(cacheDir, sha256.slice(0, 2), `${sha256}-${PICTURE_VERSION}.jpg`);
}

type Outcome = { ok: true; jpeg: Uint8Array } | { ok: false; message: string };

interface Job {
  bytes: Uint8Array;
  resolve: (outcome: Outcome) => void;
}

interface Slot {
  worker: Worker;
  job: Job | null;
}

/** Workers started on the first file to downscale: a rerun served from the cache starts none. */
class DownscalePool {
  #slots: Slot[] = [];
  #queue: Job[] = [];
  #nextId = 0;

  constructor(private readonly size: number) {}

  #spawn(): Slot {
    const worker = new Worker(new URL("./review_downscale_worker.ts", import.meta.url), {
      type: "module",
    });
    const slot: Slot = { worker, job: null };
    worker.onmessage = (e: MessageEvent<DownscaleReply>) => {
      const job = slot.job;
      slot.job = null;
      job?.resolve(e.data.ok ? e.data : { ok: false, message: e.data.message });
      this.#pump();
    };
    // A worker that dies (out of memory on a huge file) fails only the picture it held.
    worker.onerror = (e) => {
      e.preventDefault();
      worker.terminate();
      this.#slots.splice(this.#slots.indexOf(slot), 1);
      slot.job?.resolve({ ok: false, message: `the downscaling worker stopped: ${e.message}` });
      this.#pump();
    };
    this.#slots.push(slot);
    return slot;
  }

  #pump(): void {
    while (this.#queue.length) {
      const slot = this.#slots.find((s) => !s.job) ??
        (this.#slots.length < this.size ? this.#spawn() : null);
      if (!slot) return;
      const job = this.#queue.shift()!;
      slot.job = job;
      const request: DownscaleRequest = { id: this.#nextId++, bytes: job.bytes };
      slot.worker.postMessage(request, [job.bytes.buffer as ArrayBuffer]);
    }
  }

  run(bytes: Uint8Array): Promise<Outcome> {
    return new Promise((resolve) => {
      this.#queue.push({ bytes, resolve });
      this.#pump();
    });
  }

  close(): void {
    const closed: Outcome = { ok: false, message: "the page was not finished" };
    for (const slot of this.#slots) {
      slot.worker.terminate();
      slot.job?.resolve(closed);
    }
    for (const job of this.#queue.splice(0)) job.resolve(closed);
    this.#slots = [];
  }
}

export class ReviewPictures {
  #pool: DownscalePool;

  constructor(private readonly cacheDir: string | null, concurrency: number) {
    this.#pool = new DownscalePool(Math.max(1, concurrency));
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
    const cached = this.cacheDir ? cachedPicturePath(this.cacheDir, await sha256(bytes)) : null;
    let jpeg: Uint8Array | null = cached ? await Deno.readFile(cached).catch(() => null) : null;
    if (!jpeg) {
      const outcome = await this.#pool.run(bytes);
      if (!outcome.ok) {
        return { ok: false, reason: `cannot decode ${image.local_path}: ${outcome.message}` };
      }
      jpeg = outcome.jpeg;
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
