import assert from "node:assert/strict";
import { linkPlanItems, type WorkDay, type WorkItem } from "../../lib/apply_plan.ts";
import { workDay as day } from "./apply_work_day.ts";

const item = (id: string, user: string, at: string, days: WorkDay[]): WorkItem => ({
  session_id: id,
  user_id: user,
  captured_at: at,
  days,
});

Deno.test("linking orders by capture time and lets a shared day accept every content", () => {
  const later = item("2", "9", "2026-01-11T08:00:00Z", [day("2026-01-12", "b")]);
  const earlier = item("1", "9", "2026-01-10T08:00:00Z", [
    day("2026-01-12", "a"),
    day("2026-01-13", "c"),
  ]);
  const other = item("3", "8", "2026-01-09T08:00:00Z", [day("2026-01-12", "d")]);
  const linked = linkPlanItems([later, earlier, other]);
  assert.deepEqual(linked.map((i) => i.session_id), ["3", "1", "2"]);
  assert.deepEqual(linked.map((i) => i.shares_days), [false, true, true]);
  assert.deepEqual(linked.map((i) => i.days.map((d) => d.accepted_hashes)), [
    [["d"]],
    [["b", "a"], ["c"]],
    [["b", "a"]],
  ]);
  // The items given are left as they were.
  assert.deepEqual(later.days[0]!.accepted_hashes, ["b"]);
  assert.equal(later.shares_days, undefined);
});
