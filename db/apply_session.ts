/**
 * Writes one session's days in one transaction: the day rows are locked, checked against the
 * plan, and replaced or left alone; the whole session commits or nothing of it does.
 */
import type postgres from "postgres";
import type { WorkItem } from "../lib/apply_plan.ts";
import { zeroCounts } from "../lib/apply_plan.ts";
import {
  type CurrentSnapshot,
  decideSession,
  type SessionDecision,
} from "../lib/apply_decision.ts";
import type { StoredEvent } from "../lib/event_reconcile.ts";
import type { PersistedCounts } from "../lib/schema/apply_report.ts";

export interface ApplySessionOptions {
  schema: string;
  storeNotifications: boolean;
}

/**
 * What applying a session decided, and the counts once its transaction has ended. The
 * caller may start the next session on the same connection before `persisted` settles: the
 * connection runs statements in order, so the next read sees this session committed.
 */
export interface SessionApplyResult {
  decision: SessionDecision;
  persisted: Promise<PersistedCounts>;
}

type Row = Record<string, unknown>;

function iso(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return value instanceof Date ? value.toISOString() : String(value);
}

/**
 * Applies `item` on `conn`, a connection reserved for the caller. BEGIN travels with the
 * read and COMMIT with the write (pipelined). A failed read rolls back before rethrowing; a
 * failed write aborts the transaction, which its COMMIT then ends as a rollback.
 */
export async function applySession(
  conn: postgres.ReservedSql,
  item: WorkItem,
  opts: ApplySessionOptions,
): Promise<SessionApplyResult> {
  try {
    return await applyInTransaction(conn, item, opts);
  } catch (err) {
    await conn`rollback`.catch(() => {});
    throw err;
  }
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

async function applyInTransaction(
  tx: postgres.ReservedSql,
  item: WorkItem,
  opts: ApplySessionOptions,
): Promise<SessionApplyResult> {
  const dates = item.days.map((d) => d.date);
  const snapshotTable = tx(`${opts.schema}.day_snapshot`);
  const eventTable = tx(`${opts.schema}.schedule_event`);
  const notificationTable = tx(`${opts.schema}.notification`);
  // One statement reads the days' snapshots (locked until commit) and their events.
  const [, [state]] = await pipelined<
    [unknown, { state: { snapshots: Row[]; events: Row[] } }[]]
  >([
    tx`begin`,
    tx<{ state: { snapshots: Row[]; events: Row[] } }[]>`
      with s as materialized (
        select day, status, shifts, content_hash, source_session_id, source_captured_at
        from ${snapshotTable}
        where user_id = ${item.user_id} and day = any(${dates}::date[])
        for update
      )
      select json_build_object(
        'snapshots', (select coalesce(json_agg(json_build_object(
          'day', day::text, 'status', status, 'shifts', shifts, 'content_hash', content_hash,
          'source_session_id', source_session_id::text,
          'source_captured_at', source_captured_at)), '[]') from s),
        'events', (select coalesce(json_agg(json_build_object(
          'id', id::text, 'day', day::text, 'starts_at', starts_at, 'ends_at', ends_at,
          'label', label, 'location', location, 'break_minutes', break_minutes)), '[]')
          from ${eventTable}
          where user_id = ${item.user_id} and day = any(${dates}::date[]))
      ) as state`,
  ]);
  const current = new Map<string, CurrentSnapshot>(
    (state?.state.snapshots ?? []).map((r) => [String(r.day), {
      day: String(r.day),
      content_hash: (r.content_hash as string | null) ?? null,
      status: String(r.status),
      shifts: (r.shifts as CurrentSnapshot["shifts"] | null) ?? [],
      source_session_id: (r.source_session_id as string | null) ?? null,
      source_captured_at: iso(r.source_captured_at),
    }]),
  );
  const events = new Map<string, StoredEvent[]>();
  for (const r of state?.state.events ?? []) {
    const list = events.get(String(r.day)) ?? [];
    list.push({
      id: String(r.id),
      starts_at: iso(r.starts_at)!,
      ends_at: iso(r.ends_at)!,
      label: (r.label as string | null) ?? null,
      location: (r.location as string | null) ?? null,
      break_minutes: (r.break_minutes as number | null) ?? null,
    });
    events.set(String(r.day), list);
  }
  const decision = decideSession(item, current, events);
  const persisted = zeroCounts();
  if (decision.kind === "conflict") {
    return { decision, persisted: tx`rollback`.then(() => persisted) };
  }

  const snapshots = decision.days.filter((d) => d.snapshot !== "none").map((d) => ({
    day: d.day.date,
    status: d.day.status,
    shifts: d.day.shifts,
    content_hash: d.day.content_hash,
  }));
  const inserts = decision.days.flatMap((d) => d.insert.map((e) => ({ day: d.day.date, ...e })));
  const updates = decision.days.flatMap((d) => d.update);
  const deletes = decision.days.flatMap((d) => d.delete);
  const notifications = (opts.storeNotifications ? decision.notifications : []).map((n) => ({
    day: n.day,
    kind: n.kind,
    payload: n.payload,
    fingerprint: n.fingerprint,
  }));
  persisted.snapshots_written = decision.days.filter((d) => d.snapshot === "write").length;
  persisted.snapshots_refreshed = decision.days.filter((d) => d.snapshot === "refresh").length;
  persisted.events_inserted = inserts.length;
  persisted.events_updated = updates.length;
  persisted.events_deleted = deletes.length;
  if (!snapshots.length && !inserts.length && !updates.length && !deletes.length) {
    if (!notifications.length) {
      return { decision, persisted: tx`commit`.then(() => persisted) };
    }
  }
  const json = (v: unknown) => tx.json(v as postgres.JSONValue);
  // All writes in one statement: deletes, updates and inserts touch disjoint start keys,
  // so their order within the statement does not matter.
  const done = pipelined<[{ notifications: number }[], unknown]>([
    tx<{ notifications: number }[]>`
      with deleted as (
        delete from ${eventTable} where id = any(${deletes}::bigint[]) returning 1
      ), snapshots as (
        insert into ${snapshotTable} (user_id, day, status, shifts, source_session_id,
          source_captured_at, content_hash)
        select ${item.user_id}, v.day, v.status, v.shifts, ${item.session_id},
          ${item.captured_at}::timestamptz, v.content_hash
        from jsonb_to_recordset(${json(snapshots)})
          as v(day date, status text, shifts jsonb, content_hash text)
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
        from jsonb_to_recordset(${json(updates)})
          as v(id bigint, ends_at timestamptz, label text, location text, break_minutes int)
        where e.id = v.id
        returning 1
      ), inserted as (
        insert into ${eventTable} (user_id, day, starts_at, ends_at, label, location,
          break_minutes, source_session_id)
        select ${item.user_id}, v.day, v.starts_at, v.ends_at, v.label, v.location,
          v.break_minutes, ${item.session_id}
        from jsonb_to_recordset(${json(inserts)}) as v(day date, starts_at timestamptz,
          ends_at timestamptz, label text, location text, break_minutes int)
        returning 1
      ), notified as (
        insert into ${notificationTable} (user_id, day, kind, payload, fingerprint,
          source_session_id)
        select ${item.user_id}, v.day, v.kind, v.payload, v.fingerprint, ${item.session_id}
        from jsonb_to_recordset(${json(notifications)})
          as v(day date, kind text, payload jsonb, fingerprint text)
        on conflict do nothing
        returning 1
      )
      select (select count(*) from notified)::int as notifications,
        (select count(*) from deleted) + (select count(*) from snapshots)
          + (select count(*) from updated) + (select count(*) from inserted) as rows`,
    tx`commit`,
  ]);
  return {
    decision,
    persisted: done.then(([[written]]) => ({
      ...persisted,
      notifications_stored: written?.notifications ?? 0,
    })),
  };
}
