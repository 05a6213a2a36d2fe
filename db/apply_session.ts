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

export interface SessionApplyResult {
  decision: SessionDecision;
  persisted: PersistedCounts;
}

type Row = Record<string, unknown>;

function iso(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return value instanceof Date ? value.toISOString() : String(value);
}

export async function applySession(
  sql: postgres.Sql,
  item: WorkItem,
  opts: ApplySessionOptions,
): Promise<SessionApplyResult> {
  const dates = item.days.map((d) => d.date);
  const snapshotTable = sql(`${opts.schema}.day_snapshot`);
  const eventTable = sql(`${opts.schema}.schedule_event`);
  const notificationTable = sql(`${opts.schema}.notification`);
  return await sql.begin(async (tx) => {
    // Both reads go out pipelined; the snapshot rows stay locked until commit.
    const [snapRows, eventRows] = await Promise.all([
      tx<Row[]>`
        select day::text as day, content_hash, source_session_id::text as source_session_id,
               source_captured_at
        from ${snapshotTable}
        where user_id = ${item.user_id} and day = any(${dates}::date[])
        for update`,
      tx<Row[]>`
        select id::text as id, day::text as day, starts_at, ends_at, label, location,
               break_minutes
        from ${eventTable}
        where user_id = ${item.user_id} and day = any(${dates}::date[])
        for update`,
    ]);
    const current = new Map<string, CurrentSnapshot>(snapRows.map((r) => [String(r.day), {
      day: String(r.day),
      content_hash: (r.content_hash as string | null) ?? null,
      source_session_id: (r.source_session_id as string | null) ?? null,
      source_captured_at: iso(r.source_captured_at),
    }]));
    const events = new Map<string, StoredEvent[]>();
    for (const r of eventRows) {
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
    if (decision.kind === "conflict") return { decision, persisted };

    const snapshots = decision.days.filter((d) => d.snapshot !== "none").map((d) => ({
      user_id: item.user_id,
      day: d.day.date,
      status: d.day.status,
      shifts: sql.json(d.day.shifts as unknown as postgres.JSONValue),
      source_session_id: item.session_id,
      source_captured_at: item.captured_at,
      content_hash: d.day.content_hash,
    }));
    const inserts = decision.days.flatMap((d) =>
      d.insert.map((e) => ({
        user_id: item.user_id,
        day: d.day.date,
        ...e,
        source_session_id: item.session_id,
      }))
    );
    const updates = decision.days.flatMap((d) =>
      d.update.map((e) => ({
        id: e.id,
        ends_at: e.ends_at,
        label: e.label,
        location: e.location,
        break_minutes: e.break_minutes,
      }))
    );
    const deletes = decision.days.flatMap((d) => d.delete);
    const notifications = opts.storeNotifications ? decision.notifications : [];

    // All writes are sent at once (pipelined) and run in this order on the one connection.
    const writes: Promise<unknown>[] = [];
    if (deletes.length) {
      writes.push(tx`delete from ${eventTable} where id = any(${deletes}::bigint[])`);
    }
    if (snapshots.length) {
      writes.push(tx`
        insert into ${snapshotTable} ${tx(snapshots)}
        on conflict (user_id, day) do update set
          status = excluded.status, shifts = excluded.shifts,
          source_session_id = excluded.source_session_id,
          source_captured_at = excluded.source_captured_at,
          content_hash = excluded.content_hash, updated_at = now()`);
    }
    if (updates.length) {
      writes.push(tx`
        update ${eventTable} as e set
          ends_at = v.ends_at, label = v.label, location = v.location,
          break_minutes = v.break_minutes, source_session_id = ${item.session_id},
          updated_at = now()
        from jsonb_to_recordset(${sql.json(updates)})
          as v(id bigint, ends_at timestamptz, label text, location text, break_minutes int)
        where e.id = v.id`);
    }
    if (inserts.length) writes.push(tx`insert into ${eventTable} ${tx(inserts)}`);
    let stored: Promise<Row[]> | null = null;
    if (notifications.length) {
      stored = tx<Row[]>`
        insert into ${notificationTable} ${
        tx(notifications.map((n) => ({
          user_id: String(n.user_id),
          day: n.day,
          kind: n.kind,
          payload: sql.json(n.payload as postgres.JSONValue),
          fingerprint: n.fingerprint,
          source_session_id: item.session_id,
        })))
      }
        on conflict do nothing
        returning id`;
      writes.push(stored);
    }
    await Promise.all(writes);

    persisted.snapshots_written = decision.days.filter((d) => d.snapshot === "write").length;
    persisted.snapshots_refreshed = decision.days.filter((d) => d.snapshot === "refresh").length;
    persisted.events_inserted = inserts.length;
    persisted.events_updated = updates.length;
    persisted.events_deleted = deletes.length;
    persisted.notifications_stored = stored ? (await stored).length : 0;
    return { decision, persisted };
  });
}
