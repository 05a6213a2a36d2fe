/** The worker pool with a real worker module, one that can hang, crash or refuse on request. */
import assert from "node:assert/strict";
import { type PoolOutcome, WorkerPool } from "../../ocr/worker_pool.ts";
import type { EchoReply, EchoRequest } from "./worker_pool_echo_worker.ts";

const SCRIPT = new URL("./worker_pool_echo_worker.ts", import.meta.url);

function openPool(size: number, timeoutMs = 30_000) {
  return new WorkerPool<EchoRequest, EchoReply>({ script: SCRIPT, size, timeoutMs, task: "echo" });
}

/** "MÅNDAG" for a reply, the worker's message for its own failure, the pool's code for none. */
function summary(outcome: PoolOutcome<EchoReply>): string {
  if (!outcome.ok) return outcome.error.code;
  return outcome.reply.ok ? outcome.reply.text : outcome.reply.message;
}

Deno.test("a hung job is stopped at its time limit while the other jobs finish", async () => {
  // Far above what an answer takes, even for a worker starting on a busy machine.
  const pool = openPool(2, 5_000);
  try {
    const settled: string[] = [];
    const texts = ["måndag", "hang", "tisdag", "onsdag", "torsdag", "fredag"];
    const outcomes = await Promise.all(texts.map(async (text) => {
      const outcome = await pool.run({ text });
      settled.push(text);
      return outcome;
    }));
    assert.deepEqual(outcomes.map(summary), [
      "MÅNDAG",
      "job_timeout",
      "TISDAG",
      "ONSDAG",
      "TORSDAG",
      "FREDAG",
    ]);
    assert.equal(settled.at(-1), "hang", "the other jobs did not wait for the hung one");
    const hung = outcomes[1]!;
    assert.equal(
      hung.ok ? "" : hung.error.message,
      "echo took longer than 5000 ms and was stopped",
    );
    // The hung worker was replaced: two jobs at once still find two workers.
    const after = await Promise.all([pool.run({ text: "lördag" }), pool.run({ text: "söndag" })]);
    assert.deepEqual(after.map(summary), ["LÖRDAG", "SÖNDAG"]);
  } finally {
    pool.close();
  }
});

Deno.test("a crashing job fails alone and the next one gets a fresh worker", async () => {
  const pool = openPool(1);
  try {
    const outcomes = await Promise.all(
      ["crash", "måndag", "refuse", "tisdag"].map((text) => pool.run({ text })),
    );
    assert.deepEqual(outcomes.map(summary), [
      "worker_crashed",
      "MÅNDAG",
      'refused "refuse"',
      "TISDAG",
    ]);
    const crashed = outcomes[0]!;
    assert.match(
      crashed.ok ? "" : crashed.error.message,
      /^the echo worker crashed: .*cannot handle "crash"/,
    );
  } finally {
    pool.close();
  }
});

Deno.test("a busy worker killed from outside fails only its job", async () => {
  const pool = openPool(1);
  try {
    const hung = pool.run({ text: "hang" });
    const next = pool.run({ text: "måndag" });
    assert.equal(pool.killBusyWorker(), true);
    assert.equal(summary(await hung), "worker_crashed");
    assert.equal(summary(await next), "MÅNDAG");
    assert.equal(pool.killBusyWorker(), false, "no worker is busy any more");
  } finally {
    pool.close();
  }
});

Deno.test("closing the pool answers running, queued and later jobs without a reply", async () => {
  const pool = openPool(1);
  const running = pool.run({ text: "hang" });
  const queued = pool.run({ text: "måndag" });
  pool.close();
  assert.deepEqual([await running, await queued].map(summary), ["pool_closed", "pool_closed"]);
  assert.equal(summary(await pool.run({ text: "tisdag" })), "pool_closed");
});

Deno.test("bytes handed over are moved to the worker, not copied", async () => {
  const pool = openPool(1);
  try {
    const bytes = new Uint8Array(1024);
    const outcome = pool.run({ text: "måndag", bytes }, [bytes.buffer]);
    assert.equal(bytes.byteLength, 0, "the buffer now belongs to the worker");
    assert.equal(summary(await outcome), "MÅNDAG 1024");
  } finally {
    pool.close();
  }
});
