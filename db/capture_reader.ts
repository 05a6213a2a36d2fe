/**
 * Reads capture sessions and their images for a run, streamed through a cursor so memory
 * stays flat however many sessions match. The connection is read-only from its first
 * statement: every transaction it starts refuses writes.
 */
import postgres from "postgres";
import type { SelectionSpec } from "../lib/session_selection.ts";
import type { ImageRow, SessionRow } from "../lib/session_report.ts";

export interface CaptureSession {
  row: SessionRow;
  images: ImageRow[];
}

export const CONNECT_TIMEOUT_S = 10;

/** A pool whose sessions start with default_transaction_read_only on. */
export function openReadOnlyPool(url: string, max: number): postgres.Sql {
  return postgres(url, {
    max,
    connect_timeout: CONNECT_TIMEOUT_S,
    idle_timeout: 0,
    onnotice: () => {},
    // sent in the startup packet as "true": the server applies it before any statement
    connection: { default_transaction_read_only: true, application_name: "backfill-dry-run" },
  });
}

function where(sql: postgres.Sql, spec: SelectionSpec) {
  const parts = [sql`true`];
  if (spec.sessionIds.length) parts.push(sql`s.id = any(${spec.sessionIds}::bigint[])`);
  if (spec.userId !== null) parts.push(sql`s.user_id = ${spec.userId}::bigint`);
  if (spec.states.length) parts.push(sql`s.state = any(${spec.states}::text[])`);
  if (spec.createdFrom) parts.push(sql`s.created_at >= ${spec.createdFrom}::timestamptz`);
  if (spec.createdBefore) parts.push(sql`s.created_at < ${spec.createdBefore}::timestamptz`);
  if (spec.shard) {
    // lib/session_selection.ts shardOf: first 56 bits of sha256 of the decimal id.
    parts.push(sql`mod(('x' || left(encode(sha256(convert_to(s.id::text, 'UTF8')), 'hex'), 14))
      ::bit(56)::bigint, ${spec.shard.count}::bigint) = ${spec.shard.index}`);
  }
  return parts.reduce((acc, p) => sql`${acc} and ${p}`);
}

/** How many sessions the spec selects (for progress and ETA). */
export async function countSessions(
  sql: postgres.Sql,
  schema: string,
  spec: SelectionSpec,
): Promise<number> {
  const [row] = await sql<{ n: string }[]>`
    select count(*)::text as n from (
      select 1 from ${sql(`${schema}.capture_session`)} s
      where ${where(sql, spec)}
      ${spec.limit !== null ? sql`limit ${spec.limit}` : sql``}
    ) selected`;
  return Number(row?.n ?? 0);
}

type Row = { id: string; user_id: string; state: string; created_at: Date; images: ImageRow[] };

/** Selected sessions in created_at, id order, each with its images in sequence order. */
export async function* streamSessions(
  sql: postgres.Sql,
  schema: string,
  spec: SelectionSpec,
  batch = 50,
): AsyncGenerator<CaptureSession> {
  const cursor = sql<Row[]>`
    select s.id::text as id, s.user_id::text as user_id, s.state, s.created_at,
      (select coalesce(json_agg(json_build_object('sequence', i.sequence, 'r2_key', i.r2_key)
        order by i.sequence, i.id), '[]'::json)
       from ${sql(`${schema}.capture_image`)} i where i.session_id = s.id) as images
    from ${sql(`${schema}.capture_session`)} s
    where ${where(sql, spec)}
    order by s.created_at, s.id
    ${spec.limit !== null ? sql`limit ${spec.limit}` : sql``}`.cursor(batch);
  for await (const rows of cursor) {
    for (const r of rows) {
      yield {
        row: {
          id: r.id,
          user_id: r.user_id,
          state: r.state,
          created_at: r.created_at.toISOString(),
        },
        images: r.images,
      };
    }
  }
}
