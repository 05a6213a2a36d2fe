/**
 * A fixed number of OCR workers fed from one queue. A worker that crashes or overruns its time
 * is terminated and replaced; only the image it was working on fails.
 */
import type { WorkerReply, WorkerRequest } from "./scribe_worker.ts";

export type PoolReply =
  | { ok: true; page: Extract<WorkerReply, { ok: true }>["page"] }
  | { ok: false; code: string; message: string };

interface Job {
  bytes: Uint8Array;
  resolve: (reply: PoolReply) => void;
}

interface Slot {
  worker: Worker;
  job: Job | null;
  timer: ReturnType<typeof setTimeout> | null;
}

export class WorkerPool {
  #slots: Slot[] = [];
  #queue: Job[] = [];
  #nextId = 0;
  #closed = false;

  constructor(
    size: number,
    private readonly timeoutMs: number,
    private readonly langDir: string,
    private readonly lang: string,
  ) {
    for (let i = 0; i < size; i++) this.#slots.push(this.#spawn());
  }

  #spawn(): Slot {
    const worker = new Worker(new URL("./scribe_worker.ts", import.meta.url), { type: "module" });
    const slot: Slot = { worker, job: null, timer: null };
    worker.onmessage = (e: MessageEvent<WorkerReply>) => {
      const { id: _id, ...reply } = e.data;
      this.#finish(slot, reply);
    };
    worker.onerror = (e) => {
      e.preventDefault();
      this.#replace(slot, {
        ok: false,
        code: "ocr_failed",
        message: `OCR worker crashed: ${e.message}`,
      });
    };
    return slot;
  }

  #finish(slot: Slot, reply: PoolReply): void {
    if (slot.timer !== null) clearTimeout(slot.timer);
    const job = slot.job;
    slot.job = null;
    slot.timer = null;
    job?.resolve(reply);
    this.#pump();
  }

  #replace(slot: Slot, reply: PoolReply): void {
    slot.worker.terminate();
    const fresh = this.#spawn();
    const index = this.#slots.indexOf(slot);
    if (index >= 0) this.#slots[index] = fresh;
    if (slot.timer !== null) clearTimeout(slot.timer);
    const job = slot.job;
    slot.job = null;
    job?.resolve(reply);
    this.#pump();
  }

  #pump(): void {
    for (const slot of this.#slots) {
      if (this.#closed || slot.job || this.#queue.length === 0) continue;
      const job = this.#queue.shift()!;
      slot.job = job;
      slot.timer = setTimeout(() => {
        this.#replace(slot, {
          ok: false,
          code: "ocr_timeout",
          message: `OCR took longer than ${this.timeoutMs} ms and was stopped`,
        });
      }, this.timeoutMs);
      const request: WorkerRequest = {
        id: this.#nextId++,
        bytes: job.bytes,
        langDir: this.langDir,
        lang: this.lang,
      };
      slot.worker.postMessage(request);
    }
  }

  run(bytes: Uint8Array): Promise<PoolReply> {
    if (this.#closed) {
      return Promise.resolve({
        ok: false,
        code: "ocr_failed",
        message: "The OCR engine is closed",
      });
    }
    return new Promise((resolve) => {
      this.#queue.push({ bytes, resolve });
      this.#pump();
    });
  }

  /** Test hook and last resort: kill the worker busy on an image, as a crash would. */
  killBusyWorker(): boolean {
    const slot = this.#slots.find((s) => s.job);
    if (!slot) return false;
    this.#replace(slot, { ok: false, code: "ocr_failed", message: "OCR worker was killed" });
    return true;
  }

  close(): void {
    this.#closed = true;
    for (const slot of this.#slots) {
      if (slot.timer !== null) clearTimeout(slot.timer);
      slot.job?.resolve({ ok: false, code: "ocr_failed", message: "The OCR engine was closed" });
      slot.worker.terminate();
    }
    for (const job of this.#queue.splice(0)) {
      job.resolve({ ok: false, code: "ocr_failed", message: "The OCR engine was closed" });
    }
  }
}
