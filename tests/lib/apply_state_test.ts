import assert from "node:assert/strict";
import type { WorkDay, WorkItem } from "../../lib/apply_plan.ts";
import { dayKey, groupDayRows, rowVersions, sessionRows } from "../../lib/apply_state.ts";
import { decideSession } from "../../lib/apply_decision.ts";
import { sessionWrites } from "../../lib/apply_writes.ts";

function day(date: string, hash: string, before: string | null): WorkDay {
  return {
    date,
    status: "work",
    shifts: [],
    events: [{
      starts_at: `${date}T07:00:00+01:00`,
      ends_at: `${date}T15:00:00+01:00`,
      label: null,
      location: null,
      break_minutes: null,
    }],
    content_hash: hash,
    snapshot_hash_before: before,
    accepted_hashes: [hash],
    preview: {
      date,
      action: before ? "update" : "insert",
      snapshot_hash_before: before,
      content_hash_after: hash,
      events: { insert: 1, update: 0, delete: 0, unchanged: 0 },
    },
  };
}

const item: WorkItem = {
  session_id: "5",
  user_id: "9",
  captured_at: "2026-01-10T08:00:00Z",
  days: [day("2026-01-12", "a", "old"), day("2026-01-13", "b", null)],
};

const rows = groupDayRows(
  [{
    user_id: "9",
    day: "2026-01-12",
    status: "work",
    shifts: [],
    content_hash: "old",
    source_session_id: "4",
    source_captured_at: "2026-01-09T08:00:00Z",
    version: "731",
  }, {
    // another user's row of the same day is not this session's
    user_id: "10",
    day: "2026-01-12",
    status: "off",
    shifts: [],
    content_hash: "x",
    source_session_id: "3",
    source_captured_at: "2026-01-09T08:00:00Z",
    version: "1",
  }],
  [10, 9].map((id) => ({
    user_id: "9",
    day: "2026-01-12",
    id: String(id),
    version: "740",
    starts_at: `2026-01-12T0${id - 3}:00:00+01:00`,
    ends_at: "2026-01-12T15:00:00+01:00",
    label: null,
    location: null,
    break_minutes: null,
  })),
);

Deno.test("rows read ahead are grouped per user and day", () => {
  assert.deepEqual([...rows.keys()], [dayKey("9", "2026-01-12"), dayKey("10", "2026-01-12")]);
  const state = sessionRows(item, rows);
  assert.deepEqual([...state.current.keys()], ["2026-01-12"]);
  assert.equal(state.events.get("2026-01-12")?.length, 2);
  const other = sessionRows({ ...item, user_id: "10" }, rows);
  assert.deepEqual([...other.current.values()].map((s) => s.content_hash), ["x"]);
  assert.equal(other.events.size, 0);
});

Deno.test("row versions are listed in byte order, as the server's guard sorts them", () => {
  assert.deepEqual(rowVersions(item, rows), ["e10:740", "e9:740", "s2026-01-12:731"]);
});

Deno.test("a decision's writes carry its rows and counts; one that changes nothing has none", () => {
  const state = sessionRows(item, rows);
  const decision = decideSession(item, state.current, state.events);
  assert.equal(decision.kind, "write");
  if (decision.kind !== "write") return;
  const writes = sessionWrites(decision, true)!;
  assert.deepEqual(writes.snapshots.map((s) => [s.day, s.content_hash]), [
    ["2026-01-12", "a"],
    ["2026-01-13", "b"],
  ]);
  assert.deepEqual(writes.inserts.map((e) => e.day), ["2026-01-13"]);
  assert.deepEqual(writes.deletes, ["9"]);
  assert.deepEqual(writes.counts, {
    snapshots_written: 2,
    snapshots_refreshed: 0,
    events_inserted: 1,
    events_updated: 0,
    events_deleted: 1,
    notifications_stored: 0,
  });
  const same = decideSession(
    { ...item, days: [day("2026-01-12", "old", "old")] },
    new Map([["2026-01-12", { ...state.current.get("2026-01-12")!, source_session_id: "5" }]]),
    new Map([["2026-01-12", [{
      ...state.events.get("2026-01-12")![1]!,
      starts_at: "2026-01-12T07:00:00+01:00",
      ends_at: "2026-01-12T15:00:00+01:00",
    }]]]),
  );
  assert.equal(same.kind === "write" && sessionWrites(same, true), null);
});
