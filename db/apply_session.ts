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
import { type SessionWrites, sessionWrites } from "../lib/apply_writes.ts";
import type { PersistedCounts } from "../lib/schema/apply_report.ts";

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

export interface WriteOutcome {
  /** false when the rows changed since `versions` were read: nothing was written */
  ok: boolean;
  persisted: PersistedCounts;
}

/**
 * Writes one session in one statement, which outside a transaction block is a transaction of
 * its own. Its guard locks the days' snapshot rows and writes only if every row of the days
 * still has the version the decision was made from.
 */
export function writeSession(
  sql: Sql,
  schema: string,
  item: WorkItem,
  writes: SessionWrites,
  versions: readonly string[],
): Promise<WriteOutcome> {
  const snapshotTable = sql(`${schema}.day_snapshot`);
  const eventTable = sql(`${schema}.schedule_event`);
  const { counts: _, ...rows } = writes;
  // Everything but the scalars travels as one JSON value, which is cheap to serialise.
  const payload = { ...rows, dates: item.days.map((d) => d.date), versions };
  // Deletes, updates and inserts touch disjoint start keys, so their order within the
  // statement does not matter.
  const user = item.user_id;
  // The statement is planned once per connection (plan_cache_mode), so every row it touches
  // is reached through the day's key, which keeps that one plan on the indexes whatever the
  // tables held when it was made.
  const query = sql<{ ok: boolean; notifications: number }[]>`
    with p as (select ${sql.json(payload as unknown as postgres.JSONValue)}::jsonb as j),
    a as materialized (
      select array(select jsonb_array_elements_text(j->'dates')::date) as dates,
        array(select jsonb_array_elements_text(j->'deletes')::bigint) as deletes
      from p
    ), locked as materialized (
      select 's' || day::text || ':' || xmin::text as k from ${snapshotTable}
      where user_id = ${user} and day = any((select dates from a)::date[])
      for update
    ), guard as materialized (
      select coalesce(jsonb_agg(k order by k collate "C"), '[]') = (select j->'versions' from p)
        as ok
      from (
        select k from locked
        union all
        select 'e' || id::text || ':' || xmin::text from ${eventTable}
        where user_id = ${user} and day = any((select dates from a)::date[])
      ) x
    ), deleted as (
      delete from ${eventTable}
      where user_id = ${user} and day = any((select dates from a)::date[])
        and id = any((select deletes from a)::bigint[]) and (select ok from guard)
      returning 1
    ), snapshots as (
      insert into ${snapshotTable} (user_id, day, status, shifts, source_session_id,
        source_captured_at, content_hash)
      select ${user}, v.day, v.status, v.shifts, ${item.session_id},
        ${item.captured_at}::timestamptz, v.content_hash
      from jsonb_to_recordset((select j->'snapshots' from p))
        as v(day date, status text, shifts jsonb, content_hash text)
      where (select ok from guard)
      on conflict (user_id, day) do update set
        status = excluded.status, shifts = excluded.shifts,
        source_session_id = excluded.source_session_id,
        source_captured_at = excluded.source_captured_at,
        content_hash = excluded.content_hash, updated_at = now()
      returning 1
    ), updated as (
      update ${eventTable} as e set
        ends_at = v.ends_at, label = v.label, location = v.location,
        break_minutes = v.break_minutes, source_session_id = ${item.session_id},
        updated_at = now()
      from jsonb_to_recordset((select j->'updates' from p))
        as v(id bigint, ends_at timestamptz, label text, location text, break_minutes int)
      where e.user_id = ${user} and e.day = any((select dates from a)::date[]) and e.id = v.id
        and (select ok from guard)
      returning 1
    ), inserted as (
      insert into ${eventTable} (user_id, day, starts_at, ends_at, label, location,
        break_minutes, source_session_id)
      select ${user}, v.day, v.starts_at, v.ends_at, v.label, v.location,
        v.break_minutes, ${item.session_id}
      from jsonb_to_recordset((select j->'inserts' from p)) as v(day date, starts_at timestamptz,
        ends_at timestamptz, label text, location text, break_minutes int)
      where (select ok from guard)
      returning 1
    ), notified as (
      insert into ${sql(`${schema}.notification`)} (user_id, day, kind, payload, fingerprint,
        source_session_id)
      select ${user}, v.day, v.kind, v.payload, v.fingerprint, ${item.session_id}
      from jsonb_to_recordset((select j->'notifications' from p))
        as v(day date, kind text, payload jsonb, fingerprint text)
      where (select ok from guard)
      on conflict do nothing
      returning 1
    )
    select (select ok from guard) as ok, (select count(*) from notified)::int as notifications,
      (select count(*) from deleted) + (select count(*) from snapshots)
        + (select count(*) from updated) + (select count(*) from inserted) as written`;
  return query.then(([row]) => ({
    ok: row?.ok === true,
    persisted: { ...writes.counts, notifications_stored: row?.notifications ?? 0 },
  }));
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
