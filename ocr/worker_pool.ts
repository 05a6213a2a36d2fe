/**
 * A fixed number of Deno workers running one module, fed from one queue, one job per worker at
 * a time. A worker that crashes or overruns its time is terminated and replaced; only the job it
 * was working on fails, with an error value rather than a throw. Workers start with the first
 * jobs that need them, so a run whose work all comes from a cache starts none.
 */

/** Why a job got no reply from its worker. */
export interface PoolError {
  code: "worker_crashed" | "job_timeout" | "pool_closed";
  message: string;
}

/** The worker's own reply (which may itself report a failure), or why there is none. */
export type PoolOutcome<Reply> = { ok: true; reply: Reply } | { ok: false; error: PoolError };

export interface WorkerPoolOptions {
  /** the worker module; it answers each `{ id, ...request }` message with one `{ id, ...reply }` */
  script: URL;
  size: number;
  /** from the moment a job is handed to a worker; the worker is then terminated */
  timeoutMs: number;
  /** what the workers do, for messages: "OCR", "downscaling" */
  task: string;
}

interface Job<Request, Reply> {
  request: Omit<Request, "id">;
  transfer: Transferable[];
  resolve: (outcome: PoolOutcome<Reply>) => void;
}

interface Slot<Request, Reply> {
  worker: Worker;
  job: Job<Request, Reply> | null;
  timer: ReturnType<typeof setTimeout> | null;
}

export class WorkerPool<Request extends { id: number }, Reply extends { id: number }> {
  #slots: Slot<Request, Reply>[] = [];
  #queue: Job<Request, Reply>[] = [];
  #nextId = 0;
  #closed = false;

  constructor(private readonly options: WorkerPoolOptions) {
    if (options.size < 1) throw new RangeError(`A worker pool needs a size of at least 1`);
  }

  #spawn(): Slot<Request, Reply> {
    // Named for the uncaught error Deno prints when one crashes.
    const worker = new Worker(this.options.script, { type: "module", name: this.options.task });
    const slot: Slot<Request, Reply> = { worker, job: null, timer: null };
    worker.onmessage = (e: MessageEvent<Reply>) => this.#settle(slot, { ok: true, reply: e.data });
    worker.onerror = (e) => {
      e.preventDefault();
      this.#drop(slot, "worker_crashed", `the ${this.options.task} worker crashed: ${e.message}`);
    };
    this.#slots.push(slot);
    return slot;
  }

  #settle(slot: Slot<Request, Reply>, outcome: PoolOutcome<Reply>): void {
    if (slot.timer !== null) clearTimeout(slot.timer);
    const job = slot.job;
    slot.job = null;
    slot.timer = null;
    job?.resolve(outcome);
    this.#pump();
  }

  /** Ends a worker whatever it is doing; a fresh one starts when the queue needs it. */
  #drop(slot: Slot<Request, Reply>, code: PoolError["code"], message: string): void {
    slot.worker.terminate();
    const index = this.#slots.indexOf(slot);
    if (index >= 0) this.#slots.splice(index, 1);
    this.#settle(slot, { ok: false, error: { code, message } });
  }

  #pump(): void {
    while (!this.#closed && this.#queue.length) {
      const slot = this.#slots.find((s) => !s.job) ??
        (this.#slots.length < this.options.size ? this.#spawn() : null);
      if (!slot) return;
      const job = this.#queue.shift()!;
      slot.job = job;
      const { timeoutMs, task } = this.options;
      slot.timer = setTimeout(() => {
        this.#drop(slot, "job_timeout", `${task} took longer than ${timeoutMs} ms and was stopped`);
      }, timeoutMs);
      slot.worker.postMessage({ ...job.request, id: this.#nextId++ }, job.transfer);
    }
  }

  /**
   * Queues one job. `transfer` moves buffers of the request to the worker instead of copying
   * them; they are then unusable here.
   */
  run(request: Omit<Request, "id">, transfer: Transferable[] = []): Promise<PoolOutcome<Reply>> {
    if (this.#closed) return Promise.resolve(this.#closedOutcome());
    return new Promise((resolve) => {
      this.#queue.push({ request, transfer, resolve });
      this.#pump();
    });
  }

  /** Test hook and last resort: kill the worker busy on a job, as a crash would. */
  killBusyWorker(): boolean {
    const slot = this.#slots.find((s) => s.job);
    if (!slot) return false;
    this.#drop(slot, "worker_crashed", `the ${this.options.task} worker was killed`);
    return true;
  }

  /** Stops every worker; jobs running or queued get `pool_closed`. */
  close(): void {
    this.#closed = true;
    const closed = this.#closedOutcome();
    for (const slot of this.#slots.splice(0)) {
      if (slot.timer !== null) clearTimeout(slot.timer);
      slot.worker.terminate();
      slot.job?.resolve(closed);
    }
    for (const job of this.#queue.splice(0)) job.resolve(closed);
  }

  #closedOutcome(): PoolOutcome<Reply> {
    return {
      ok: false,
      error: { code: "pool_closed", message: `the ${this.options.task} workers were closed` },
    };
  }
}
