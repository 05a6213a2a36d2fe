import assert from "node:assert/strict";
import { emptyCounts, MergeError, mergeSummaries, sortLines } from "../../lib/summary.ts";
import type { BackfillSummary, SummaryLine } from "../../lib/schema/session_output.ts";

function line(id: string, status: SummaryLine["status"], code: string | null = null): SummaryLine {
  return {
    id,
    user_id: "1",
    status,
    error_code: code,
    message: null,
    images: 1,
    days: 0,
    notifications: 0,
    file: `${id}.json`,
  };
}

function shard(index: number, count: number, lines: SummaryLine[]): BackfillSummary {
  const counts = emptyCounts();
  for (const l of lines) {
    counts.sessions++;
    counts.by_status[l.status]!++;
    if (l.error_code) {
      counts.by_error_code[l.error_code] = (counts.by_error_code[l.error_code] ?? 0) + 1;
    }
    counts.images++;
  }
  return {
    format: "backfill-summary/1",
    tool: { name: "backfill", version: "1", deno: "2" },
    engine: { ocr: null, language: "swe" },
    options: { shard: { index, count } },
    started_at: `2026-01-0${index + 1}T00:00:00Z`,
    finished_at: `2026-01-0${index + 2}T00:00:00Z`,
    partial: false,
    fatal_error: null,
    counts,
    sessions: lines,
  };
}

Deno.test("shard summaries merge into one: lines in id order, counts added, times spanned", () => {
  const merged = mergeSummaries([
    {
      file: "a/r.json",
      summary: shard(1, 2, [line("10", "ok"), line("9", "failed", "image_missing")]),
      lineFile: (l) => `a/${l.file}`,
    },
    {
      file: "b/r.json",
      summary: shard(0, 2, [line("100", "no_schedule")]),
      lineFile: (l) => `b/${l.file}`,
    },
  ]);
  assert.deepEqual(merged.sessions.map((l) => [l.id, l.file]), [["9", "a/9.json"], [
    "10",
    "a/10.json",
  ], ["100", "b/100.json"]]);
  assert.deepEqual(merged.counts.by_status, { ok: 1, no_schedule: 1, failed: 1 });
  assert.deepEqual(merged.counts.by_error_code, { image_missing: 1 });
  assert.equal(merged.counts.sessions, 3);
  assert.equal(merged.started_at, "2026-01-01T00:00:00Z");
  assert.equal(merged.finished_at, "2026-01-03T00:00:00Z");
  assert.equal(merged.partial, false);
  assert.deepEqual(merged.shards?.map((s) => s.index), [0, 1]);
});

Deno.test("a missing shard makes the merge partial; a repeated one or session is refused", () => {
  assert.equal(
    mergeSummaries([{ file: "a", summary: shard(0, 3, []), lineFile: (l) => l.file }]).partial,
    true,
  );
  assert.throws(
    () =>
      mergeSummaries([
        { file: "a", summary: shard(0, 2, []), lineFile: (l) => l.file },
        { file: "b", summary: shard(0, 2, []), lineFile: (l) => l.file },
      ]),
    MergeError,
  );
  assert.throws(
    () =>
      mergeSummaries([
        { file: "a", summary: shard(0, 2, [line("5", "ok")]), lineFile: (l) => l.file },
        { file: "b", summary: shard(1, 2, [line("5", "ok")]), lineFile: (l) => l.file },
      ]),
    /Session "5" appears in more than one summary/,
  );
});

Deno.test("ids sort as numbers, not as text", () => {
  assert.deepEqual(
    sortLines([line("10", "ok"), line("9", "ok"), line("100", "ok")]).map((l) => l.id),
    ["9", "10", "100"],
  );
});
