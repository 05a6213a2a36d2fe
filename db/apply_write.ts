/**
 * The guarded write of one session: one statement, which outside a transaction block is a
 * transaction of its own. Its guard locks the days' snapshot rows and writes only if every
 * row of the days still has the version the decision was made from.
 */
import type postgres from "postgres";
import type { WorkItem } from "../lib/apply_plan.ts";
import type { SessionWrites } from "../lib/apply_writes.ts";
import type { PersistedCounts } from "../lib/schema/apply_report.ts";

export interface WriteOutcome {
  /** false when the rows changed since `versions` were read: nothing was written */
  ok: boolean;
  persisted: PersistedCounts;
}

type Part = "deletes" | "snapshots" | "updates" | "inserts" | "notifications";
const PARTS: readonly Part[] = ["deletes", "snapshots", "updates", "inserts", "notifications"];

type Param = "payload" | "user" | "session" | "captured" | "dates" | "versions" | "deletes";

interface WriteStatement {
  text: string;
  /** what each `$n` of `text` is, in order */
  params: Param[];
}

/**
 * The statement for a schema and the parts a write has. A session writes few of the five
 * parts (a first apply inserts only, a rerun mostly refreshes nothing); a statement holding
 * only those is far cheaper for the server to start and run than one holding all five, and
 * each shape is still planned once per connection.
 */
function buildStatement(schema: string, parts: ReadonlySet<Part>): WriteStatement {
  const params: Param[] = [];
  const p = (name: Param, type: string) => {
    let i = params.indexOf(name);
    if (i < 0) i = params.push(name) - 1;
    return `$${i + 1}::${type}`;
  };
  const quoted = (name: string) => `"${schema.replaceAll('"', '""')}"."${name}"`;
  const snapshotTable = quoted("day_snapshot");
  const eventTable = quoted("schedule_event");
  const user = p("user", "bigint");
  // Every row is reached through the day's key, which keeps the one generic plan made per
  // connection (plan_cache_mode) on the indexes whatever the tables held when it was made.
  const days = `user_id = ${user} and day = any(${p("dates", "date[]")})`;
  const ctes = [
    `locked as materialized (
      select 's' || day::text || ':' || xmin::text as k from ${snapshotTable}
      where ${days}
      for update
    )`,
    `guard as materialized (
      select coalesce(array_agg(k order by k collate "C"), '{}') = ${p("versions", "text[]")}
        as ok
      from (
        select k from locked
        union all
        select 'e' || id::text || ':' || xmin::text from ${eventTable} where ${days}
      ) x
    )`,
  ];
  const ok = "(select ok from guard)";
  const session = () => p("session", "bigint");
  // Sent as text and read by the server: typed timestamptz, postgres.js would parse and
  // print every capture time as a JavaScript date first.
  const captured = () => `${p("captured", "text")}::timestamptz`;
  // Each row is a JSON array of its fields in a fixed order (see `payload`), which is about a
  // third shorter to send and parse than an object naming them.
  const rowsOf = (part: Part) => `jsonb_array_elements(${p("payload", "jsonb")}->'${part}') v`;
  // Deletes, updates and inserts touch disjoint start keys, so their order within the
  // statement does not matter.
  if (parts.has("deletes")) {
    ctes.push(`deleted as (
      delete from ${eventTable}
      where ${days} and id = any(${p("deletes", "bigint[]")}) and ${ok}
    )`);
  }
  if (parts.has("snapshots")) {
    ctes.push(`snapshots as (
      insert into ${snapshotTable} (user_id, day, status, shifts, source_session_id,
        source_captured_at, content_hash)
      select ${user}, (v->>0)::date, v->>1, v->2, ${session()}, ${captured()},
        v->>3
      from ${rowsOf("snapshots")}
      where ${ok}
      on conflict (user_id, day) do update set
        status = excluded.status, shifts = excluded.shifts,
        source_session_id = excluded.source_session_id,
        source_captured_at = excluded.source_captured_at,
        content_hash = excluded.content_hash, updated_at = now()
    )`);
  }
  if (parts.has("updates")) {
    ctes.push(`updated as (
      update ${eventTable} as e set
        ends_at = (v->>1)::timestamptz, label = v->>2, location = v->>3,
        break_minutes = (v->>4)::int, source_session_id = ${session()}, updated_at = now()
      from ${rowsOf("updates")}
      where e.user_id = ${user} and e.day = any(${p("dates", "date[]")})
        and e.id = (v->>0)::bigint and ${ok}
    )`);
  }
  if (parts.has("inserts")) {
    ctes.push(`inserted as (
      insert into ${eventTable} (user_id, day, starts_at, ends_at, label, location,
        break_minutes, source_session_id)
      select ${user}, (v->>0)::date, (v->>1)::timestamptz, (v->>2)::timestamptz, v->>3, v->>4,
        (v->>5)::int, ${session()}
      from ${rowsOf("inserts")}
      where ${ok}
    )`);
  }
  if (parts.has("notifications")) {
    ctes.push(`notified as (
      insert into ${quoted("notification")} (user_id, day, kind, payload, fingerprint,
        source_session_id)
      select ${user}, (v->>0)::date, v->>1, v->2, v->>3, ${session()}
      from ${rowsOf("notifications")}
      where ${ok}
      on conflict do nothing
      returning 1
    )`);
  }
  // Data-modifying parts run to completion whether or not the result reads them.
  const stored = parts.has("notifications") ? "(select count(*) from notified)::int" : "0";
  return {
    text: `with ${ctes.join(",\n")}\nselect ${ok} as ok, ${stored} as notifications`,
    params,
  };
}

/** Per schema, the statement of each set of parts, indexed by the parts' bits. */
const statements = new Map<string, WriteStatement[]>();

function statementFor(schema: string, writes: SessionWrites): WriteStatement {
  let shapes = statements.get(schema);
  if (!shapes) statements.set(schema, shapes = []);
  let bits = 0;
  for (let i = 0; i < PARTS.length; i++) if (writes[PARTS[i]!].length) bits |= 1 << i;
  return shapes[bits] ??= buildStatement(
    schema,
    new Set(PARTS.filter((_, i) => bits & (1 << i))),
  );
}

/**
 * A text array literal. Every element here is a date, a decimal id or a row version
 * (`s<date>:<n>`, `e<id>:<n>`), none of which needs quoting.
 */
function arrayLiteral(values: readonly string[]): string {
  return `{${values.join(",")}}`;
}

/** The rows of `writes` as the statement reads them: each an array of its fields. */
function payload(writes: SessionWrites) {
  return {
    snapshots: writes.snapshots.map((r) => [r.day, r.status, r.shifts, r.content_hash]),
    updates: writes.updates.map((r) => [r.id, r.ends_at, r.label, r.location, r.break_minutes]),
    inserts: writes.inserts.map((r) => [
      r.day,
      r.starts_at,
      r.ends_at,
      r.label,
      r.location,
      r.break_minutes,
    ]),
    notifications: writes.notifications.map((r) => [r.day, r.kind, r.payload, r.fingerprint]),
  };
}

/**
 * Writes one session in one statement. `versions` are the row versions the decision was
 * made from, as `rowVersions` lists them.
 */
export function writeSession(
  sql: postgres.Sql,
  schema: string,
  item: WorkItem,
  writes: SessionWrites,
  versions: readonly string[],
): Promise<WriteOutcome> {
  const statement = statementFor(schema, writes);
  const args = statement.params.map((param) => {
    switch (param) {
      case "payload":
        // The row lists travel as one JSON value, serialised once and parsed by the server
        // once, when the statement is bound (a parameter typed jsonb by its cast).
        return payload(writes);
      case "user":
        return item.user_id;
      case "session":
        return item.session_id;
      case "captured":
        return item.captured_at;
      case "dates":
        return arrayLiteral(item.days.map((d) => d.date));
      case "versions":
        return arrayLiteral(versions);
      case "deletes":
        return arrayLiteral(writes.deletes);
    }
  });
  // Typed by the statement itself: the dates, versions and ids as array literals, which
  // postgres.js passes through as they are.
  return sql.unsafe<{ ok: boolean; notifications: number }[]>(statement.text, args as never[], {
    prepare: true,
  }).then(([row]) => ({
    ok: row?.ok === true,
    persisted: { ...writes.counts, notifications_stored: row?.notifications ?? 0 },
  }));
}
