/**
 * Proves before the run that the connected role cannot change the schema's tables: no
 * INSERT, UPDATE, DELETE or TRUNCATE privilege on any of them, and a read-only session.
 */
import type postgres from "postgres";

export interface GuardResult {
  /** "table: PRIVILEGE" the role holds and must not */
  writable: string[];
  readOnlySession: boolean;
  tables: number;
  role: string;
}

export async function checkReadOnly(sql: postgres.Sql, schema: string): Promise<GuardResult> {
  const rows = await sql<{ relname: string; privilege: string | null }[]>`
    select c.relname, p.privilege
    from pg_class c
    join pg_namespace n on n.oid = c.relnamespace
    left join lateral (
      select privilege from unnest(array['INSERT', 'UPDATE', 'DELETE', 'TRUNCATE']) privilege
      where has_table_privilege(c.oid, privilege)
    ) p on true
    where n.nspname = ${schema} and c.relkind in ('r', 'p', 'v', 'm', 'f')
    order by c.relname, p.privilege`;
  const [session] = await sql<{ ro: string; role: string }[]>`
    select current_setting('transaction_read_only') as ro, current_user as role`;
  return {
    writable: rows.filter((r) => r.privilege).map((r) => `${r.relname}: ${r.privilege}`),
    readOnlySession: session?.ro === "on",
    tables: new Set(rows.map((r) => r.relname)).size,
    role: session?.role ?? "",
  };
}
