import assert from "node:assert/strict";
import { diffDay, diffSession, previewTotals } from "../../lib/day_diff.ts";
import { dayContentHash } from "../../lib/content_hash.ts";
import { events, shift, stored } from "./day_preview_support.ts";

const D = "2026-01-12";
const day = { date: D, status: "work" as const, shifts: [shift(D, "07:00", "15:30", "Kassa")] };
const empty = { snapshots: new Map(), events: new Map() };
const stateOf = (d: typeof day, capturedAt = "2026-01-10T09:00:00+01:00") => ({
  snapshots: new Map([[D, stored(d, capturedAt)]]),
  events: new Map([[D, events(d)]]),
});

Deno.test("a day never stored is an insert of all its events", () => {
  const p = diffDay(day, empty, "2026-01-11T09:00:00+01:00");
  assert.deepEqual(p, {
    date: D,
    action: "insert",
    snapshot_hash_before: null,
    content_hash_after: dayContentHash(day),
    events: { insert: 1, update: 0, delete: 0, unchanged: 0 },
  });
});

Deno.test("the same content is unchanged", () => {
  const p = diffDay(day, stateOf(day), "2026-01-11T09:00:00+01:00");
  assert.equal(p.action, "unchanged");
  assert.equal(p.snapshot_hash_before, p.content_hash_after);
  assert.deepEqual(p.events, { insert: 0, update: 0, delete: 0, unchanged: 1 });
});

Deno.test("a changed end time updates the event with the same start", () => {
  const later = { ...day, shifts: [shift(D, "07:00", "16:00", "Kassa")] };
  const p = diffDay(later, stateOf(day), "2026-01-11T09:00:00+01:00");
  assert.equal(p.action, "update");
  assert.deepEqual(p.events, { insert: 0, update: 1, delete: 0, unchanged: 0 });
  assert.equal(p.snapshot_hash_before, dayContentHash(day));
});

Deno.test("a moved shift deletes the old event and inserts the new one", () => {
  const moved = { ...day, shifts: [shift(D, "09:00", "17:00", "Kassa")] };
  const p = diffDay(moved, stateOf(day), "2026-01-11T09:00:00+01:00");
  assert.equal(p.action, "update");
  assert.deepEqual(p.events, { insert: 1, update: 0, delete: 1, unchanged: 0 });
});

Deno.test("a work day that becomes a day off deletes its events", () => {
  const off = { date: D, status: "off" as const, shifts: [] };
  const p = diffDay(off, stateOf(day), "2026-01-11T09:00:00+01:00");
  assert.equal(p.action, "delete");
  assert.deepEqual(p.events, { insert: 0, update: 0, delete: 1, unchanged: 0 });
});

Deno.test("a day stored from a newer capture is skipped, whatever this one says", () => {
  const changed = { ...day, shifts: [shift(D, "09:00", "17:00")] };
  const p = diffDay(
    changed,
    stateOf(day, "2026-01-12T08:00:00+01:00"),
    "2026-01-11T09:00:00+01:00",
  );
  assert.equal(p.action, "skipped_older");
  assert.deepEqual(p.events, { insert: 0, update: 0, delete: 0, unchanged: 0 });
  assert.equal(p.snapshot_hash_before, dayContentHash(day));
});

Deno.test("days come out in date order with totals per action and per event kind", () => {
  const tuesday = { date: "2026-01-13", status: "off" as const, shifts: [] };
  const previews = diffSession([tuesday, day], stateOf(day), "2026-01-11T09:00:00+01:00");
  assert.deepEqual(previews.map((p) => [p.date, p.action]), [
    [D, "unchanged"],
    ["2026-01-13", "insert"],
  ]);
  assert.deepEqual(previewTotals(previews), {
    days: { insert: 1, update: 0, delete: 0, unchanged: 1, skipped_older: 0 },
    events: { insert: 0, update: 0, delete: 0, unchanged: 1 },
  });
});
