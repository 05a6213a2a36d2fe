import assert from "node:assert/strict";
import { type CurrentSnapshot, decideSession } from "../../lib/apply_decision.ts";
import type { WorkDay, WorkItem } from "../../lib/apply_plan.ts";
import { workDay as day } from "./apply_work_day.ts";

const item = (days: WorkDay[]): WorkItem => ({
  session_id: "5",
  user_id: "9",
  captured_at: "2026-01-10T08:00:00Z",
  days,
});

const snap = (day: string, hash: string, at: string, session = "4"): CurrentSnapshot => ({
  day,
  content_hash: hash,
  status: "off",
  shifts: [],
  source_session_id: session,
  source_captured_at: at,
});

Deno.test("each day is inserted, replaced, confirmed or skipped by capture time", () => {
  const d = decideSession(
    item([
      day("2026-01-12", "new", null),
      day("2026-01-13", "b", "a"),
      day("2026-01-14", "c", "c"),
      day("2026-01-15", "d", "x"),
    ]),
    new Map([
      ["2026-01-13", snap("2026-01-13", "a", "2026-01-09T08:00:00Z")],
      ["2026-01-14", snap("2026-01-14", "c", "2026-01-09T08:00:00Z")],
      ["2026-01-15", snap("2026-01-15", "x", "2026-01-11T08:00:00Z")],
    ]),
    new Map(),
  );
  assert.equal(d.kind, "write");
  if (d.kind !== "write") return;
  assert.deepEqual(d.days.map((w) => [w.action, w.snapshot]), [
    ["insert", "write"],
    ["update", "write"],
    ["unchanged", "refresh"],
    ["skipped_older", "none"],
  ]);
  // Only a replaced day that existed before gets its notification, told against that row.
  assert.deepEqual(d.notifications.map((n) => [n.day, n.kind, n.payload]), [
    [
      "2026-01-13",
      "day_status_changed",
      { before: { status: "off", shifts: [] }, after: { status: "work", shifts: [] } },
    ],
  ]);
});

Deno.test("a day changed since the dry run makes the whole session a conflict", () => {
  const days = [day("2026-01-12", "b", "a"), day("2026-01-13", "d", null)];
  const stale = decideSession(
    item(days),
    new Map([["2026-01-12", snap("2026-01-12", "zzz", "2026-01-09T08:00:00Z")]]),
    new Map(),
  );
  assert.deepEqual(stale, { kind: "conflict", days: ["2026-01-12"] });
  const appeared = decideSession(
    item(days),
    new Map([
      ["2026-01-12", snap("2026-01-12", "a", "2026-01-09T08:00:00Z")],
      ["2026-01-13", snap("2026-01-13", "e", "2026-01-09T08:00:00Z")],
    ]),
    new Map(),
  );
  assert.deepEqual(appeared, { kind: "conflict", days: ["2026-01-13"] });
  // A snapshot deleted since the dry run is a change too.
  const vanished = decideSession(item(days), new Map(), new Map());
  assert.deepEqual(vanished, { kind: "conflict", days: ["2026-01-12"] });
});

Deno.test("content another session of the same plan wrote is not a conflict", () => {
  const d = decideSession(
    item([day("2026-01-12", "b", "a", ["b", "z"])]),
    new Map([["2026-01-12", snap("2026-01-12", "z", "2026-01-11T08:00:00Z", "6")]]),
    new Map(),
  );
  assert.equal(d.kind, "write");
  assert.deepEqual(d.kind === "write" && d.days.map((w) => w.action), ["skipped_older"]);
});

Deno.test("a session already applied decides no write at all", () => {
  const d = decideSession(
    item([day("2026-01-12", "b", "a")]),
    new Map([["2026-01-12", snap("2026-01-12", "b", "2026-01-10T08:00:00Z", "5")]]),
    new Map(),
  );
  assert.equal(d.kind, "write");
  if (d.kind !== "write") return;
  assert.deepEqual(d.days.map((w) => [w.action, w.snapshot]), [["unchanged", "none"]]);
  assert.deepEqual(d.notifications, []);
});
