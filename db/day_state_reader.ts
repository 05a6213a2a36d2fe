/**
 * Reads the stored days sessions are previewed and applied against: each (user, day)'s
 * snapshot and events with their row versions, many users' days in one statement. The dry run
 * reads one session's days without locking; apply reads them ahead in batches, or under lock
 * in the session's own transaction.
 */
import type postgres from "postgres";
import type { DayState } from "../lib/day_diff.ts";
import {
  type DayRowsByKey,
  dayState,
  groupDayRows,
  type VersionedEvent,
  type VersionedSnapshot,
} from "../lib/apply_state.ts";

type Sql = postgres.Sql;
type StateRow = { state: { snapshots: unknown[][]; events: unknown[][] } };

/** One user's day to read. */
export interface DayKey {
  user_id: string;
  day: string;
}

function text(value: unknown): string | null {
  return value === null || value === undefined ? null : String(value);
}

/**
 * The query reading every snapshot and event row of `keys`' days, with their versions;
 * `lock` also locks the snapshot rows until the transaction ends. One JSON value holding
 * arrays keeps the reply small and parsed in one go.
 */
export function dayStateQuery(
  sql: Sql,
  schema: string,
  keys: readonly DayKey[],
  lock: boolean,
) {
  // The keys travel as one JSON value: serialising it is far cheaper than two arrays.
  const json = sql.json(keys as unknown as postgres.JSONValue);
  // Each key's rows are looked up through the day's index: a lateral subquery the planner
  // cannot merge into a join (offset 0), as a join it may choose scans all of schedule_event
  // and day_snapshot for the days of one session, once per session.
  return sql<StateRow[]>`
    with k as (select distinct user_id, day from json_to_recordset(${json}::json)
      as k(user_id bigint, day date)),
    s as materialized (
      select s.* from k cross join lateral (
        select user_id, day, status, shifts, content_hash, source_session_id, source_captured_at,
          xmin from ${sql(`${schema}.day_snapshot`)}
        where user_id = k.user_id and day = k.day offset 0 ${lock ? sql`for update` : sql``}
      ) s
    )
    select json_build_object(
      'snapshots', (select coalesce(json_agg(json_build_array(user_id::text, day::text, status,
        shifts, content_hash, source_session_id::text, source_captured_at, xmin::text)), '[]')
        from s),
      'events', (select coalesce(json_agg(json_build_array(e.user_id::text, e.day::text,
        e.id::text, e.xmin::text, e.starts_at, e.ends_at, e.label, e.location, e.break_minutes)
        order by e.day, e.starts_at, e.id), '[]')
        from k cross join lateral (
          select user_id, day, id, xmin, starts_at, ends_at, label, location, break_minutes
          from ${sql(`${schema}.schedule_event`)}
          where user_id = k.user_id and day = k.day offset 0
        ) e)
    ) as state`;
}

/** The rows of `dayStateQuery`'s reply, keyed by `dayKey`. */
export function parseDayState(row: StateRow | undefined): DayRowsByKey {
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

/** The stored rows of `keys`' days as of now, read in one statement without locking. */
export async function readDayRows(
  sql: Sql,
  schema: string,
  keys: readonly DayKey[],
): Promise<DayRowsByKey> {
  const [row] = await dayStateQuery(sql, schema, keys, false);
  return parseDayState(row);
}

/** One user's stored `dates`, as the dry run previews a session against them. */
export async function readDayState(
  sql: Sql,
  schema: string,
  userId: string,
  dates: readonly string[],
): Promise<DayState> {
  if (!dates.length) return { snapshots: new Map(), events: new Map() };
  const keys = dates.map((day) => ({ user_id: userId, day }));
  return dayState(userId, dates, await readDayRows(sql, schema, keys));
}
