/**
 * Reads the rows of the days a run applies to, and writes one session's days in one
 * transaction: the day rows are locked, checked, and replaced or left alone; the whole
 * session commits or nothing of it does.
 */
import type postgres from "postgres";
import type { WorkItem } from "../lib/apply_plan.ts";
import { zeroCounts } from "../lib/apply_plan.ts";
import { decideSession, type SessionDecision } from "../lib/apply_decision.ts";
import {
  dayKeys,
  type DayRowsByKey,
  groupDayRows,
  rowVersions,
  sessionRows,
  type VersionedEvent,
  type VersionedSnapshot,
} from "../lib/apply_state.ts";
import { sessionWrites } from "../lib/apply_writes.ts";
import type { PersistedCounts } from "../lib/schema/apply_report.ts";
import { type WriteOutcome, writeSession } from "./apply_write.ts";

export interface ApplySessionOptions {
  schema: string;
  storeNotifications: boolean;
}

/** What applying a session decided, and the counts its committed transaction persisted. */
export interface SessionApplyResult {
  decision: SessionDecision;
  persisted: PersistedCounts;
}

type Sql = postgres.Sql;
type StateRow = { state: { snapshots: unknown[][]; events: unknown[][] } };

/** How often a locked read is retried when the unlocked event rows change under it. */
const CAREFUL_ATTEMPTS = 3;

function text(value: unknown): string | null {
  return value === null || value === undefined ? null : String(value);
}

/**
 * The query reading every snapshot and event row of `items`' days, with their versions;
 * `lock` also locks the snapshot rows until the transaction ends. One JSON value holding
 * arrays keeps the reply small and parsed in one go.
 */
function stateQuery(sql: Sql, schema: string, items: readonly WorkItem[], lock: boolean) {
  // The keys travel as one JSON value: serialising it is far cheaper than two arrays.
  const keys = sql.json(dayKeys(items) as unknown as postgres.JSONValue);
  const snapshots = sql`
    select s.user_id, s.day, s.status, s.shifts, s.content_hash, s.source_session_id,
      s.source_captured_at, s.xmin
    from ${sql(`${schema}.day_snapshot`)} s join k using (user_id, day)`;
  return sql<StateRow[]>`
    with k as (select distinct user_id, day from json_to_recordset(${keys}::json)
      as k(user_id bigint, day date)),
    s as materialized (${snapshots} ${lock ? sql`for update of s` : sql``})
    select json_build_object(
      'snapshots', (select coalesce(json_agg(json_build_array(user_id::text, day::text, status,
        shifts, content_hash, source_session_id::text, source_captured_at, xmin::text)), '[]')
        from s),
      'events', (select coalesce(json_agg(json_build_array(e.user_id::text, e.day::text,
        e.id::text, e.xmin::text, e.starts_at, e.ends_at, e.label, e.location, e.break_minutes)
        order by e.id), '[]')
        from ${sql(`${schema}.schedule_event`)} e join k using (user_id, day))
    ) as state`;
}

function parseState(row: StateRow | undefined): DayRowsByKey {
  const snapshots = (row?.state.snapshots ?? []).map((r) => ({
    user_id: String(r[0]),
    day: String(r[1]),
    status: String(r[2]),
    shifts: (r[3] as VersionedSnapshot["shifts"] | null) ?? [],
    content_hash: text(r[4]),
    source_session_id: text(r[5]),
    source_captured_at: text(r[6]),
    version: String(r[7]),
  }));
  const events = (row?.state.events ?? []).map((r) => ({
    user_id: String(r[0]),
    day: String(r[1]),
    id: String(r[2]),
    version: String(r[3]),
    starts_at: String(r[4]),
    ends_at: String(r[5]),
    label: text(r[6]),
    location: text(r[7]),
    break_minutes: (r[8] as number | null) ?? null,
  } satisfies VersionedEvent & { user_id: string; day: string }));
  return groupDayRows(snapshots, events);
}

/** The stored rows of `items`' days as of now, read in one statement without locking. */
export async function readDayRows(
  sql: Sql,
  schema: string,
  items: readonly WorkItem[],
): Promise<DayRowsByKey> {
  const [row] = await stateQuery(sql, schema, items, false);
  return parseState(row);
}

/** Settles every pipelined query before returning, so none is left to fail unobserved. */
async function pipelined<T extends readonly unknown[]>(
  queries: { [K in keyof T]: Promise<T[K]> },
): Promise<T> {
  const settled = await Promise.allSettled(queries);
  const failed = settled.find((r) => r.status === "rejected");
  if (failed) throw (failed as PromiseRejectedResult).reason;
  return settled.map((r) => (r as PromiseFulfilledResult<unknown>).value) as unknown as T;
}

/**
 * Applies `item` on `conn` (a reserved connection or a pool of one), reading its days under
 * lock in the transaction: the path for a session whose rows were not read ahead or changed
 * since.
 * BEGIN travels with the read and COMMIT with the write (pipelined). On an error the
 * transaction is rolled back before the error is rethrown.
 */
export async function applySession(
  conn: postgres.Sql,
  item: WorkItem,
  opts: ApplySessionOptions,
): Promise<SessionApplyResult> {
  try {
    for (let attempt = 1;; attempt++) {
      const [, [row]] = await pipelined<[unknown, StateRow[]]>([
        conn`begin`,
        stateQuery(conn, opts.schema, [item], true),
      ]);
      const rows = parseState(row);
      const { current, events } = sessionRows(item, rows);
      const decision = decideSession(item, current, events);
      const writes = decision.kind === "write"
        ? sessionWrites(decision, opts.storeNotifications)
        : null;
      if (!writes) {
        await (decision.kind === "conflict" ? conn`rollback` : conn`commit`);
        return { decision, persisted: zeroCounts() };
      }
      const [outcome] = await pipelined<[WriteOutcome, unknown]>([
        writeSession(conn, opts.schema, item, writes, rowVersions(item, rows)),
        conn`commit`,
      ]);
      if (outcome.ok) return { decision, persisted: outcome.persisted };
      // The snapshot rows are locked, but another writer changed an event row of these days
      // between the read and the write; nothing was written, so read again.
      if (attempt >= CAREFUL_ATTEMPTS) {
        throw new Error(
          `Session "${item.session_id}" not applied: its event rows kept changing during apply`,
        );
      }
    }
  } catch (err) {
    await conn`rollback`.catch(() => {});
    throw err;
  }
}
