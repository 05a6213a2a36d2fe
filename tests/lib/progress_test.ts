import assert from "node:assert/strict";
import { formatDuration, periodicLineDue, progressLine } from "../../lib/progress.ts";

Deno.test("the progress line shows done/total, rate, ETA and failures", () => {
  assert.equal(
    progressLine({ done: 10, total: 40, failed: 2, startedMs: 0, nowMs: 20_000 }),
    "10/40 sessions, 0.50/s, ETA 1:00, 2 failed, elapsed 0:20",
  );
  assert.equal(
    progressLine({ done: 0, total: 5, failed: 0, startedMs: 0, nowMs: 0 }),
    "0/5 sessions, 0.00/s, ETA ?, 0 failed, elapsed 0:00",
  );
  assert.equal(
    progressLine({ done: 3, total: null, failed: 0, startedMs: 0, nowMs: 1000 }),
    "3 sessions, 3.00/s, 0 failed, elapsed 0:01",
  );
});

Deno.test("durations read as m:ss or h:mm:ss", () => {
  assert.equal(formatDuration(59.6), "1:00");
  assert.equal(formatDuration(3725), "1:02:05");
  assert.equal(formatDuration(Infinity), "?");
});

Deno.test("a periodic line is due after the interval and at the end", () => {
  const p = { done: 1, total: 3, failed: 0, startedMs: 0, nowMs: 4000 };
  assert.equal(periodicLineDue(p, 0, 5000), false);
  assert.equal(periodicLineDue({ ...p, nowMs: 5000 }, 0, 5000), true);
  assert.equal(periodicLineDue({ ...p, done: 3 }, 0, 5000), true);
});
