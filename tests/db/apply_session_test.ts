import assert from "node:assert/strict";
import { join } from "node:path";
import { buildSession, type SessionSpec, writePlan } from "./apply_plan_builder.ts";
import {
  apply,
  NOTHING_PERSISTED,
  openApplyScene,
  outputState,
  seedCaptures,
  tableDigest,
} from "./apply_fixture.ts";
import { acquireApplyLock } from "../../db/apply_lock.ts";

const opts = { sanitizeOps: false, sanitizeResources: false };

const WEEK: SessionSpec = {
  id: 501,
  user_id: 7001,
  created_at: "2026-01-10T09:00:00+01:00",
  days: [
    { date: "2026-01-12", shifts: [{ start: "07:00", end: "15:30", label: "Kassa" }] },
    { date: "2026-01-13", status: "off", shifts: [] },
    { date: "2026-01-14", shifts: [{ start: "22:00", end: "06:00", break_minutes: 30 }] },
  ],
};
const OTHER_USER: SessionSpec = {
  id: 502,
  user_id: 7002,
  created_at: "2026-01-11T10:00:00+01:00",
  days: [{
    date: "2026-01-12",
    shifts: [{ start: "09:00", end: "12:00" }, { start: "13:00", end: "17:00" }],
  }],
};

Deno.test(
  "a plan applied writes exactly its preview and a second apply writes nothing",
  opts,
  async () => {
    await using scene = await openApplyScene();
    const { db, sql, dir } = scene;
    await seedCaptures(sql, db.schema, [WEEK, OTHER_USER]);
    const captureBefore = [
      await tableDigest(sql, db.schema, "capture_session"),
      await tableDigest(sql, db.schema, "capture_image"),
    ];
    const plan = await writePlan(dir, [
      await buildSession(sql, db.schema, WEEK),
      await buildSession(sql, db.schema, OTHER_USER),
    ]);
    const first = await apply(db, plan);
    assert.equal(first.exitCode, 0);
    // A small plan's report is indented for reading by eye, and says what the run returned.
    const written = await Deno.readTextFile(join(plan, "..", "apply_report.json"));
    assert.ok(written.startsWith('{\n  "plan": '));
    assert.deepEqual(JSON.parse(written), first.report);
    for (const s of first.report!.sessions) {
      assert.equal(s.status, "applied");
      assert.equal(s.persisted.events_inserted, s.preview.events_inserted);
      assert.equal(s.persisted.events_updated, s.preview.events_updated);
      assert.equal(s.persisted.events_deleted, s.preview.events_deleted);
      assert.deepEqual(s.days.map((d) => d.applied_action), s.days.map((d) => d.preview_action));
    }
    const state = await outputState(sql, db.schema);
    assert.deepEqual(
      state.snapshots.map((r) => [r.user_id, r.day, r.status, r.source_session_id]),
      [
        ["7001", "2026-01-12", "work", "501"],
        ["7001", "2026-01-13", "off", "501"],
        ["7001", "2026-01-14", "work", "501"],
        ["7002", "2026-01-12", "work", "502"],
      ],
    );
    assert.deepEqual(
      state.events.map((
        r,
      ) => [
        r.day,
        (r.starts_at as Date).toISOString(),
        (r.ends_at as Date).toISOString(),
        r.break_minutes,
      ]),
      [
        ["2026-01-12", "2026-01-12T06:00:00.000Z", "2026-01-12T14:30:00.000Z", null],
        ["2026-01-14", "2026-01-14T21:00:00.000Z", "2026-01-15T05:00:00.000Z", 30],
        ["2026-01-12", "2026-01-12T08:00:00.000Z", "2026-01-12T11:00:00.000Z", null],
        ["2026-01-12", "2026-01-12T12:00:00.000Z", "2026-01-12T16:00:00.000Z", null],
      ],
    );

    const second = await apply(db, plan);
    assert.equal(second.exitCode, 0);
    assert.deepEqual(second.report!.persisted, NOTHING_PERSISTED);
    assert.deepEqual(await outputState(sql, db.schema), state);
    // A dry run made now previews no change.
    const again = await buildSession(sql, db.schema, WEEK);
    assert.deepEqual(again.preview.days.map((d) => d.action), [
      "unchanged",
      "unchanged",
      "unchanged",
    ]);
    assert.deepEqual(
      [
        await tableDigest(sql, db.schema, "capture_session"),
        await tableDigest(sql, db.schema, "capture_image"),
      ],
      captureBefore,
    );
  },
);

Deno.test(
  "an older capture leaves a day untouched and a newer one replaces it with notifications",
  opts,
  async () => {
    await using scene = await openApplyScene();
    const { db, sql, dir } = scene;
    const base = { ...WEEK, created_at: "2026-01-10T09:00:00+01:00" };
    await apply(db, await writePlan(`${dir}/a`, [await buildSession(sql, db.schema, base)]));
    const older: SessionSpec = {
      id: 503,
      user_id: 7001,
      created_at: "2026-01-09T08:00:00+01:00",
      days: [{ date: "2026-01-12", shifts: [{ start: "10:00", end: "18:00" }] }],
    };
    const newer: SessionSpec = {
      id: 504,
      user_id: 7001,
      created_at: "2026-01-11T08:00:00+01:00",
      days: [
        { date: "2026-01-13", shifts: [{ start: "08:00", end: "12:00" }] },
        { date: "2026-01-14", shifts: [{ start: "22:00", end: "06:00", break_minutes: 45 }] },
      ],
    };
    const before = await outputState(sql, db.schema);
    const plan = await writePlan(`${dir}/b`, [
      await buildSession(sql, db.schema, older),
      await buildSession(sql, db.schema, newer),
    ]);
    const result = await apply(db, plan, { storeNotifications: true });
    assert.equal(result.exitCode, 0);
    const [o, n] = result.report!.sessions;
    assert.deepEqual(o?.days.map((d) => d.applied_action), ["skipped_older"]);
    assert.deepEqual(n?.days.map((d) => d.applied_action), ["update", "update"]);
    assert.deepEqual(n?.persisted, {
      snapshots_written: 2,
      snapshots_refreshed: 0,
      events_inserted: 1,
      events_updated: 1,
      events_deleted: 0,
      notifications_stored: 2,
    });
    const after = await outputState(sql, db.schema);
    const day12 = (s: typeof after) => s.snapshots.find((r) => r.day === "2026-01-12");
    assert.deepEqual(day12(after), day12(before));
    const e14 = after.events.filter((r) => r.day === "2026-01-14");
    assert.equal(e14.length, 1);
    assert.equal(e14[0]?.break_minutes, 45);
    assert.deepEqual(
      after.notifications.map((r) => [r.day, r.kind, r.source_session_id]),
      [["2026-01-13", "day_status_changed", "504"], ["2026-01-14", "shift_changed", "504"]],
    );
  },
);

Deno.test(
  "sessions of one plan replacing the same day are each told against what the one before wrote",
  opts,
  async () => {
    await using scene = await openApplyScene();
    const { db, sql, dir } = scene;
    const kassa = { start: "07:00", end: "15:30", label: "Kassa" };
    await apply(
      db,
      await writePlan(`${dir}/a`, [
        await buildSession(sql, db.schema, {
          id: 600,
          user_id: 7100,
          created_at: "2026-01-10T09:00:00+01:00",
          days: [{ date: "2026-01-12", shifts: [kassa] }],
        }),
      ]),
    );
    // Both are previewed against the state before the plan, as a dry run does.
    const first: SessionSpec = {
      id: 601,
      user_id: 7100,
      created_at: "2026-01-11T09:00:00+01:00",
      days: [
        { date: "2026-01-12", shifts: [{ ...kassa, end: "16:00" }] },
        { date: "2026-01-20", shifts: [{ start: "07:00", end: "12:00" }] },
      ],
    };
    const second: SessionSpec = {
      id: 602,
      user_id: 7100,
      created_at: "2026-01-12T09:00:00+01:00",
      days: [
        { date: "2026-01-12", status: "off", shifts: [] },
        { date: "2026-01-20", shifts: [{ start: "08:00", end: "12:00" }] },
      ],
    };
    const plan = await writePlan(`${dir}/b`, [
      await buildSession(sql, db.schema, second),
      await buildSession(sql, db.schema, first),
    ]);
    const result = await apply(db, plan, { storeNotifications: true });
    assert.equal(result.exitCode, 0);
    const rows = await sql<
      { session: string; day: string; kind: string; payload: unknown }[]
    >`select source_session_id::text as session, day::text, kind, payload
      from ${sql(`${db.schema}.notification`)} order by source_session_id, day, kind`;
    const shift = (start: string, end: string, label: string | null = null) => ({
      start,
      end,
      ends_next_day: false,
      label,
      location: null,
      break_minutes: null,
    });
    assert.deepEqual(rows.map((r) => ({ ...r })), [
      // 2026-01-20 is new to the user when the first session writes it: no notification.
      {
        session: "601",
        day: "2026-01-12",
        kind: "shift_changed",
        payload: {
          before: shift("07:00", "15:30", "Kassa"),
          after: shift("07:00", "16:00", "Kassa"),
        },
      },
      {
        session: "602",
        day: "2026-01-12",
        kind: "day_status_changed",
        payload: {
          before: { status: "work", shifts: [shift("07:00", "16:00", "Kassa")] },
          after: { status: "off", shifts: [] },
        },
      },
      {
        session: "602",
        day: "2026-01-20",
        kind: "shift_added",
        payload: { before: null, after: shift("08:00", "12:00") },
      },
      {
        session: "602",
        day: "2026-01-20",
        kind: "shift_removed",
        payload: { before: shift("07:00", "12:00"), after: null },
      },
    ]);
    // The report lists what was decided at apply time, stored or not.
    const reported = result.report!.sessions.flatMap((s) =>
      s.notifications.map((n) => [s.session_id, n.day, n.kind])
    ).sort();
    assert.deepEqual(reported, rows.map((r) => [r.session, r.day, r.kind]).sort());
    const again = await apply(db, plan, { storeNotifications: true });
    assert.equal(again.report!.persisted.notifications_stored, 0);
    assert.equal(
      (await sql`select 1 from ${sql(`${db.schema}.notification`)}`).length,
      rows.length,
    );
  },
);

Deno.test(
  "a stale plan is refused for sessions whose days changed and applied for the rest",
  opts,
  async () => {
    await using scene = await openApplyScene();
    const { db, sql, dir } = scene;
    const plan = await writePlan(dir, [
      await buildSession(sql, db.schema, WEEK),
      await buildSession(sql, db.schema, OTHER_USER),
    ]);
    // A newer capture lands on one of WEEK's days after the dry run.
    await sql`insert into ${sql(`${db.schema}.day_snapshot`)}
    (user_id, day, status, shifts, source_session_id, source_captured_at, content_hash)
    values (7001, '2026-01-13', 'work', '[]', 900, '2026-01-20T08:00:00+01:00', 'elsewhere')`;
    const result = await apply(db, plan);
    assert.equal(result.exitCode, 1);
    const [week, other] = result.report!.sessions;
    assert.equal(week?.status, "conflict");
    assert.deepEqual(week?.conflict_days, ["2026-01-13"]);
    assert.equal(other?.status, "applied");
    const state = await outputState(sql, db.schema);
    assert.deepEqual(
      state.snapshots.map((r) => [r.user_id, r.day, r.source_session_id]),
      [["7001", "2026-01-13", "900"], ["7002", "2026-01-12", "502"]],
    );
    assert.deepEqual(state.events.map((r) => r.user_id), ["7002", "7002"]);
  },
);

Deno.test(
  "a session with a shift below the confidence floor is held back unwritten",
  opts,
  async () => {
    await using scene = await openApplyScene();
    const { db, sql, dir } = scene;
    const doubtful: SessionSpec = {
      ...OTHER_USER,
      days: [{ date: "2026-01-12", shifts: [{ start: "09:00", end: "12:00", confidence: 0.4 }] }],
    };
    const plan = await writePlan(dir, [
      await buildSession(sql, db.schema, doubtful),
      await buildSession(sql, db.schema, WEEK),
    ]);
    const result = await apply(db, plan);
    assert.equal(result.exitCode, 0);
    assert.deepEqual(result.report!.sessions.map((s) => s.status), ["needs_review", "applied"]);
    const state = await outputState(sql, db.schema);
    assert.deepEqual([...new Set(state.snapshots.map((r) => r.user_id))], ["7001"]);
    const lowered = await apply(db, plan, { minConfidence: 0.3 });
    assert.equal(lowered.report!.sessions[0]?.status, "applied");
  },
);

Deno.test(
  "a second apply on the same database and schema is refused while one runs",
  opts,
  async () => {
    await using scene = await openApplyScene();
    const { db, sql, dir } = scene;
    const plan = await writePlan(dir, [await buildSession(sql, db.schema, WEEK)]);
    const running = await acquireApplyLock(sql, db.schema);
    assert.ok(running);
    const refused = await apply(db, plan);
    assert.equal(refused.exitCode, 1);
    assert.match(refused.message ?? "", /Another apply is running/);
    assert.equal((await outputState(sql, db.schema)).snapshots.length, 0);
    // Another schema is a different lock.
    assert.ok(
      await acquireApplyLock(sql, "other_schema").then((l) => l?.release().then(() => true)),
    );
    await running.release();
    assert.equal((await apply(db, plan)).exitCode, 0);
  },
);

Deno.test(
  "a session the database rejects is reported failed, rolled back, and the run exits 1",
  opts,
  async () => {
    await using scene = await openApplyScene();
    const { db, sql, dir } = scene;
    const plan = await writePlan(dir, [await buildSession(sql, db.schema, WEEK)]);
    await sql`revoke insert on ${sql(`${db.schema}.schedule_event`)} from backfill_writer`;
    const result = await apply(db, plan);
    assert.equal(result.exitCode, 1);
    assert.match(result.message ?? "", /permission denied/);
    const [s] = result.report!.sessions;
    assert.equal(s?.status, "failed");
    assert.equal(s?.error?.code, "db_error");
    const state = await outputState(sql, db.schema);
    assert.deepEqual([state.snapshots.length, state.events.length], [0, 0]);
  },
);

Deno.test(
  "a shift gone from a newer capture deletes its event and keeps the one still shown",
  opts,
  async () => {
    await using scene = await openApplyScene();
    const { db, sql, dir } = scene;
    await apply(
      db,
      await writePlan(`${dir}/a`, [await buildSession(sql, db.schema, OTHER_USER)]),
    );
    const events = () =>
      sql`select id::text, starts_at from ${sql(`${db.schema}.schedule_event`)} order by id`;
    const [kept] = await events();
    const newer: SessionSpec = {
      ...OTHER_USER,
      id: 505,
      created_at: "2026-01-12T07:00:00+01:00",
      days: [{ date: "2026-01-12", shifts: [{ start: "09:00", end: "12:00" }] }],
    };
    const plan = await writePlan(`${dir}/b`, [await buildSession(sql, db.schema, newer)]);
    const result = await apply(db, plan, { storeNotifications: true });
    assert.equal(result.exitCode, 0);
    const s = result.report!.sessions[0]!;
    assert.deepEqual(s.days.map((d) => d.applied_action), ["update"]);
    assert.deepEqual(s.persisted, {
      snapshots_written: 1,
      snapshots_refreshed: 0,
      events_inserted: 0,
      events_updated: 0,
      events_deleted: 1,
      notifications_stored: 1,
    });
    const after = await outputState(sql, db.schema);
    // The shift still shown keeps its row; the one gone is deleted.
    assert.deepEqual([...await events()], [kept]);
    assert.equal((kept!.starts_at as Date).toISOString(), "2026-01-12T08:00:00.000Z");
    assert.deepEqual(after.notifications.map((n) => n.kind), ["shift_removed"]);
    assert.equal(
      (await apply(db, plan, { storeNotifications: true })).report!.persisted
        .events_deleted,
      0,
    );
  },
);
