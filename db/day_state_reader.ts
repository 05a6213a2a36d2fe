/** The stored days a session's preview is computed against: snapshots and their events. */
import type postgres from "postgres";
import type { DayState, StoredSnapshot } from "../lib/day_diff.ts";
import type { StoredEvent } from "../lib/event_reconcile.ts";
import type { HashableShift } from "../lib/content_hash.ts";

type SnapshotRow = {
  day: string;
  status: string;
  shifts: HashableShift[];
  content_hash: string;
  source_session_id: string;
  source_captured_at: Date;
};
type EventRow = {
  id: string;
  day: string;
  starts_at: Date;
  ends_at: Date;
  label: string | null;
  location: string | null;
  break_minutes: number | null;
};

export async function readDayState(
  sql: postgres.Sql,
  schema: string,
  userId: string,
  dates: readonly string[],
): Promise<DayState> {
  if (!dates.length) return { snapshots: new Map(), events: new Map() };
  const [snapshots, events] = await Promise.all([
    sql<SnapshotRow[]>`
      select day::text as day, status, shifts, content_hash,
        source_session_id::text as source_session_id, source_captured_at
      from ${sql(`${schema}.day_snapshot`)}
      where user_id = ${userId}::bigint and day = any(${dates as string[]}::date[])`,
    sql<EventRow[]>`
      select id::text as id, day::text as day, starts_at, ends_at, label, location, break_minutes
      from ${sql(`${schema}.schedule_event`)}
      where user_id = ${userId}::bigint and day = any(${dates as string[]}::date[])
      order by day, starts_at, id`,
  ]);
  const byDay = new Map<string, StoredEvent[]>();
  for (const e of events) {
    const list = byDay.get(e.day) ?? [];
    list.push({
      id: e.id,
      starts_at: e.starts_at.toISOString(),
      ends_at: e.ends_at.toISOString(),
      label: e.label,
      location: e.location,
      break_minutes: e.break_minutes,
    });
    byDay.set(e.day, list);
  }
  return {
    snapshots: new Map(snapshots.map((s): [string, StoredSnapshot] => [s.day, {
      day: s.day,
      status: s.status,
      shifts: s.shifts,
      content_hash: s.content_hash,
      source_session_id: s.source_session_id,
      source_captured_at: s.source_captured_at.toISOString(),
    }])),
    events: byDay,
  };
}
