import assert from "node:assert/strict";
import { applyFailed, applyTotals } from "../../lib/apply_totals.ts";
import type { ApplySessionReport, ApplySessionStatus } from "../../lib/schema/apply_report.ts";

function report(
  status: ApplySessionStatus,
  inserted: number,
  snapshots: number,
): ApplySessionReport {
  return {
    session_id: `s-${status}-${inserted}`,
    status,
    conflict_days: [],
    preview: { events_inserted: inserted, events_updated: 0, events_deleted: 0, notifications: 0 },
    persisted: {
      snapshots_written: snapshots,
      snapshots_refreshed: 0,
      events_inserted: inserted,
      events_updated: 0,
      events_deleted: 0,
      notifications_stored: 0,
    },
    days: [],
    notifications: [],
  };
}

Deno.test("totals count sessions by status and sum what each one persisted", () => {
  const totals = applyTotals(
    [report("applied", 3, 2), report("applied", 1, 1), report("needs_review", 0, 0)],
    true,
    0.4,
  );
  assert.equal(totals.counts.applied, 2);
  assert.equal(totals.counts.needs_review, 1);
  assert.equal(totals.counts.failed, 0);
  assert.equal(totals.persisted.events_inserted, 4);
  assert.equal(totals.persisted.snapshots_written, 3);
  assert.equal(totals.store_notifications, true);
  assert.equal(totals.min_confidence, 0.4);
});

Deno.test("only a conflict or a database failure counts as a failed apply", () => {
  assert.equal(applyFailed(report("conflict", 0, 0)), true);
  assert.equal(applyFailed(report("failed", 0, 0)), true);
  assert.equal(applyFailed(report("needs_review", 0, 0)), false);
  assert.equal(applyFailed(report("applied", 1, 1)), false);
});
