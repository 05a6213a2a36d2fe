/** Database state helpers shared by the apply tests. */
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import postgres from "postgres";
import { runApply } from "../../cli/apply_run.ts";
import { openTestDatabase } from "../support/test_database.ts";
import { loadCorpus } from "../../db/load_corpus.ts";
import { linkPlanItems, planEntry, type WorkItem } from "../../lib/apply_plan.ts";
import { buildSession, type SessionSpec } from "./apply_plan_builder.ts";

export type TestDatabase = Awaited<ReturnType<typeof openTestDatabase>>;
export { openTestDatabase };

export function adminSql(db: TestDatabase): postgres.Sql {
  return postgres(db.adminUrl, { onnotice: () => {} });
}

export function tempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), "apply_test_"));
}

/** A fresh database, its admin connection and a scratch directory, all released together. */
export async function openApplyScene() {
  const db = await openTestDatabase();
  const sql = adminSql(db);
  const dir = await tempDir();
  return {
    db,
    sql,
    dir,
    async [Symbol.asyncDispose]() {
      try {
        await sql.end();
        await rm(dir, { recursive: true });
      } finally {
        await db[Symbol.asyncDispose]();
      }
    },
  };
}

/** A scene plus the one writer connection a run holds. */
export async function openWriterScene() {
  const scene = await openApplyScene();
  const conn = postgres(scene.db.writerUrl, { max: 1, onnotice: () => {} });
  return {
    ...scene,
    conn,
    async [Symbol.asyncDispose]() {
      try {
        await conn.end();
      } finally {
        await scene[Symbol.asyncDispose]();
      }
    },
  };
}

/** The linked work item a plan makes of `spec`, which must be one to apply. */
export async function workItem(
  sql: postgres.Sql,
  schema: string,
  spec: SessionSpec,
): Promise<WorkItem> {
  const entry = planEntry(await buildSession(sql, schema, spec), 0.6);
  assert.equal(entry.kind, "apply");
  return linkPlanItems([(entry as { item: WorkItem }).item])[0]!;
}

/** Capture rows for the sessions the tests apply, so apply has something to leave alone. */
export async function seedCaptures(
  sql: postgres.Sql,
  schema: string,
  sessions: readonly { id: number; user_id: number; created_at: string }[],
): Promise<void> {
  await loadCorpus(sql, schema, sessions.map((s) => ({ ...s, state: "done", images: [] })));
}

/** The persisted counts of a run that wrote nothing, spelled out rather than derived. */
export const NOTHING_PERSISTED = {
  snapshots_written: 0,
  snapshots_refreshed: 0,
  events_inserted: 0,
  events_updated: 0,
  events_deleted: 0,
  notifications_stored: 0,
} as const;

/** A digest of every row of a table, to prove it byte-for-byte unchanged. */
export async function tableDigest(sql: postgres.Sql, schema: string, table: string) {
  const [row] = await sql<{ digest: string | null; n: number }[]>`
    select md5(string_agg(t::text, E'\\n' order by t::text)) as digest, count(*)::int as n
    from ${sql(`${schema}.${table}`)} t`;
  return row;
}

/** Output rows without generated ids and timestamps, comparable across databases. */
export async function outputState(sql: postgres.Sql, schema: string) {
  const snapshots = await sql`
    select user_id::text, day::text, status, shifts, source_session_id::text,
      source_captured_at, content_hash
    from ${sql(`${schema}.day_snapshot`)} order by user_id, day`;
  const events = await sql`
    select user_id::text, day::text, starts_at, ends_at, label, location, break_minutes,
      source_session_id::text
    from ${sql(`${schema}.schedule_event`)} order by user_id, day, starts_at`;
  const notifications = await sql`
    select user_id::text, day::text, kind, fingerprint, source_session_id::text
    from ${sql(`${schema}.notification`)} order by user_id, day, kind, fingerprint`;
  return {
    snapshots: snapshots.map((r) => ({ ...r })),
    events: events.map((r) => ({ ...r })),
    notifications: notifications.map((r) => ({ ...r })),
  };
}

export function apply(
  db: TestDatabase,
  planPath: string,
  opts: { storeNotifications?: boolean; minConfidence?: number; concurrency?: number } = {},
) {
  return runApply({
    databaseUrl: db.writerUrl,
    schema: db.schema,
    planPath,
    reportPath: join(planPath, "..", "apply_report.json"),
    storeNotifications: opts.storeNotifications ?? false,
    minConfidence: opts.minConfidence ?? 0.6,
    concurrency: opts.concurrency ?? 2,
    log: () => {},
  });
}
