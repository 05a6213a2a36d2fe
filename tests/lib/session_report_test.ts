import assert from "node:assert/strict";
import { failedSession, scheduledSession, unreadImage } from "../../lib/session_report.ts";
import { countSession, emptyCounts, exitCode, summaryLine } from "../../lib/summary.ts";
import { PlanSession } from "../../lib/schema/apply_report.ts";
import type { SessionSchedule } from "../../lib/schema/schedule.ts";
import { publishedSchemaErrors } from "../support/published_schema.ts";
import { events, shift, stored } from "./day_preview_support.ts";

const row = {
  id: "2101",
  user_id: "8225717176",
  state: "done",
  created_at: "2026-01-13T08:45:07.181Z",
};
const ctx = { timeZone: "Europe/Stockholm", defaultYear: null };
const D = "2026-01-14";
const day = {
  date: D,
  status: "work" as const,
  shifts: [shift(D, "07:00", "15:30", "Kassa")],
  header_text: "Onsdag 14 januari",
  year_source: "capture_date" as const,
  regions: [],
};
const schedule: SessionSchedule = {
  status: "ok",
  reference_date: "2026-01-13",
  date_range: { first: D, last: D },
  days: [day],
  warnings: [],
};
const image = {
  ...unreadImage({ sequence: 1, r2_key: "captures/1/a.png" }),
  local_path: "/imgs/captures/1/a.png",
  resolution: "exact_path" as const,
  sha256: "ab".repeat(32),
  bytes: 1234,
  ocr: { status: "ok" as const, mean_confidence: 0.91, ms: 850, cache_hit: true, error: null },
};

Deno.test("a read session carries its days, the preview and the notifications apply would send", async () => {
  const old = { ...day, shifts: [shift(D, "07:00", "12:00", "Kassa")] };
  const state = {
    snapshots: new Map([[D, stored(old, "2026-01-10T08:00:00Z")]]),
    events: new Map([[D, events(old)]]),
  };
  const out = scheduledSession(row, [image], schedule, state, ctx);
  assert.equal(out.status, "ok");
  assert.equal(out.dates.reference_date, "2026-01-13");
  assert.deepEqual(out.preview.days.map((p) => [p.action, p.events.update]), [["update", 1]]);
  assert.deepEqual(out.notifications.map((n) => n.kind), ["shift_changed"]);
  assert.deepEqual(await publishedSchemaErrors("backfill_session.schema.json", out), []);
  // apply reads the same file
  assert.ok(PlanSession.safeParse(JSON.parse(JSON.stringify(out))).success);
});

Deno.test("a schedule without days is no_schedule, a failure keeps its error and images", async () => {
  const none = scheduledSession(row, [image], {
    ...schedule,
    status: "no_schedule",
    days: [],
    date_range: null,
  }, {
    snapshots: new Map(),
    events: new Map(),
  }, ctx);
  assert.equal(none.status, "no_schedule");
  const failed = failedSession(row, [unreadImage({ sequence: 2, r2_key: "x.png" })], {
    code: "image_missing",
    message: 'Cannot resolve image "x.png": no file with that path or basename under the root',
    details: { r2_key: "x.png" },
  }, ctx);
  assert.equal(failed.status, "failed");
  assert.equal(failed.images[0]!.ocr.status, "not_run");
  for (const out of [none, failed]) {
    assert.deepEqual(await publishedSchemaErrors("backfill_session.schema.json", out), []);
  }
  const counts = emptyCounts();
  countSession(counts, none);
  countSession(counts, failed);
  assert.deepEqual(counts.by_status, { ok: 0, no_schedule: 1, failed: 1 });
  assert.deepEqual(counts.by_error_code, { image_missing: 1 });
  assert.equal(counts.ocr_cache_hits, 1);
  assert.equal(summaryLine(failed, "2101.json").error_code, "image_missing");
  assert.equal(exitCode({ counts, fatal_error: null }, false), 1);
  assert.equal(exitCode({ counts: emptyCounts(), fatal_error: null }, false), 0);
  assert.equal(exitCode({ counts: emptyCounts(), fatal_error: null }, true), 130);
});

Deno.test("a document missing a required field fails the published schema", async () => {
  const out = failedSession(row, [], { code: "x", message: "y", details: null }, ctx);
  const { status: _, ...broken } = out;
  assert.notDeepEqual(await publishedSchemaErrors("backfill_session.schema.json", broken), []);
});
