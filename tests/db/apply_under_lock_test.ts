import assert from "node:assert/strict";
import type { SessionSpec } from "./apply_plan_builder.ts";
import { openWriterScene, outputState, workItem } from "./apply_fixture.ts";
import { applyUnderLock } from "../../db/apply_session.ts";
import { dayKey } from "../../lib/apply_state.ts";

const opts = { sanitizeOps: false, sanitizeResources: false };

const WEEK: SessionSpec = {
  id: 811,
  user_id: 7311,
  created_at: "2026-01-10T09:00:00+01:00",
  days: [
    { date: "2026-01-12", shifts: [{ start: "07:00", end: "15:30", label: "Kassa" }] },
    { date: "2026-01-13", status: "off", shifts: [] },
  ],
};
const DATES = WEEK.days.map((d) => d.date);

Deno.test(
  "a session that decides from its locked rows to write nothing gets its own value back",
  opts,
  async () => {
    await using scene = await openWriterScene();
    const { db, sql, conn } = scene;
    const snapshots = sql(`${db.schema}.day_snapshot`);
    await sql`insert into ${snapshots}
      (user_id, day, status, shifts, source_session_id, source_captured_at, content_hash)
      values (7311, '2026-01-13', 'work', '[]', 900, '2026-01-20T08:00:00+01:00', 'newer')`;
    const before = await outputState(sql, db.schema);
    const value = await applyUnderLock(conn, {
      user_id: "7311",
      dates: DATES,
      decide: (rows) => ({
        item: null,
        value: [...rows].map(([key, day]) => [key, day.snapshot?.content_hash]),
      }),
    }, { schema: db.schema, storeNotifications: false });
    assert.deepEqual(value, [[dayKey("7311", "2026-01-13"), "newer"]]);
    assert.deepEqual(await outputState(sql, db.schema), before);
    // The transaction ended with the decision: the row it locked is free again.
    await sql`select 1 from ${snapshots} where user_id = 7311 for update nowait`;
  },
);

Deno.test(
  "a session applied under lock gets back what it makes of the result",
  opts,
  async () => {
    await using scene = await openWriterScene();
    const { db, sql, conn } = scene;
    const item = await workItem(sql, db.schema, WEEK);
    const value = await applyUnderLock(conn, {
      user_id: item.user_id,
      dates: DATES,
      decide: () => ({
        item,
        applied: (result) => ({
          decision: result.decision.kind,
          snapshots: result.persisted.snapshots_written,
          events: result.persisted.events_inserted,
        }),
      }),
    }, { schema: db.schema, storeNotifications: false });
    assert.deepEqual(value, { decision: "write", snapshots: 2, events: 1 });
    const state = await outputState(sql, db.schema);
    assert.deepEqual(state.snapshots.map((r) => [r.day, r.source_session_id]), [
      ["2026-01-12", "811"],
      ["2026-01-13", "811"],
    ]);
    assert.equal(state.events.length, 1);
  },
);
