import assert from "node:assert/strict";
import type postgres from "postgres";
import type { SessionSpec } from "./apply_plan_builder.ts";
import { openWriterScene, outputState, workItem } from "./apply_fixture.ts";
import { applySession } from "../../db/apply_session.ts";
import { readDayRows } from "../../db/day_state_reader.ts";
import { writeSession } from "../../db/apply_write.ts";
import type { WorkItem } from "../../lib/apply_plan.ts";
import { dayKeys, rowVersions } from "../../lib/apply_state.ts";
import { decideWrites } from "../../lib/apply_writes.ts";

const opts = { sanitizeOps: false, sanitizeResources: false };

const WEEK: SessionSpec = {
  id: 801,
  user_id: 7301,
  created_at: "2026-01-10T09:00:00+01:00",
  days: [
    { date: "2026-01-12", shifts: [{ start: "07:00", end: "15:30", label: "Kassa" }] },
    { date: "2026-01-13", status: "off", shifts: [] },
  ],
};

/** Reads the item's days ahead, as a run does, and decides its writes from them. */
async function readAhead(conn: postgres.Sql, schema: string, item: WorkItem) {
  const rows = await readDayRows(conn, schema, dayKeys([item]));
  const { decision, writes } = decideWrites(item, rows, false);
  assert.equal(decision.kind, "write");
  assert.ok(writes);
  return { writes, versions: rowVersions(item, rows) };
}

Deno.test(
  "a write decided from rows read ahead is refused whole when a row changed since",
  opts,
  async () => {
    await using scene = await openWriterScene();
    const { db, sql, conn } = scene;
    const item = await workItem(sql, db.schema, WEEK);
    const ahead = await readAhead(conn, db.schema, item);
    // A newer capture writes one of the days after the read.
    await sql`insert into ${sql(`${db.schema}.day_snapshot`)}
      (user_id, day, status, shifts, source_session_id, source_captured_at, content_hash)
      values (7301, '2026-01-13', 'work', '[]', 900, '2026-01-20T08:00:00+01:00', 'newer')`;
    const before = await outputState(sql, db.schema);
    const stale = await writeSession(conn, db.schema, item, ahead.writes, ahead.versions);
    assert.equal(stale.ok, false);
    assert.deepEqual(await outputState(sql, db.schema), before);
    // Read again under lock, the session is found stale for that day and writes nothing.
    const careful = await applySession(conn, item, {
      schema: db.schema,
      storeNotifications: false,
    });
    assert.deepEqual(careful.decision, { kind: "conflict", days: ["2026-01-13"] });
    assert.deepEqual(await outputState(sql, db.schema), before);
  },
);

Deno.test(
  "an event row added, changed or removed since the read also refuses the write",
  opts,
  async () => {
    await using scene = await openWriterScene();
    const { db, sql, conn } = scene;
    const first = await workItem(sql, db.schema, WEEK);
    const a = await readAhead(conn, db.schema, first);
    assert.equal((await writeSession(conn, db.schema, first, a.writes, a.versions)).ok, true);
    const events = sql(`${db.schema}.schedule_event`);
    const changes = [
      sql`insert into ${events} (user_id, day, starts_at, ends_at, source_session_id)
        values (7301, '2026-01-12', '2026-01-12T18:00:00+01:00', '2026-01-12T20:00:00+01:00', 900)`,
      sql`update ${events} set label = 'Lager' where user_id = 7301 and label = 'Kassa'`,
      sql`delete from ${events} where user_id = 7301`,
    ];
    const later = {
      ...WEEK,
      id: 802,
      created_at: "2026-01-11T09:00:00+01:00",
      days: [{ date: "2026-01-12", shifts: [{ start: "08:00", end: "16:00" }] }],
    };
    for (const change of changes) {
      const item = await workItem(sql, db.schema, later);
      const ahead = await readAhead(conn, db.schema, item);
      await change;
      const before = await outputState(sql, db.schema);
      const outcome = await writeSession(conn, db.schema, item, ahead.writes, ahead.versions);
      assert.equal(outcome.ok, false);
      assert.deepEqual(await outputState(sql, db.schema), before);
    }
    // Unchanged rows let the same write through.
    const item = await workItem(sql, db.schema, later);
    const ahead = await readAhead(conn, db.schema, item);
    const outcome = await writeSession(conn, db.schema, item, ahead.writes, ahead.versions);
    assert.equal(outcome.ok, true);
    assert.equal(outcome.persisted.events_inserted, 1);
    const state = await outputState(sql, db.schema);
    assert.deepEqual(
      state.events.map((r) => [r.day, (r.starts_at as Date).toISOString(), r.source_session_id]),
      [["2026-01-12", "2026-01-12T07:00:00.000Z", "802"]],
    );
  },
);
