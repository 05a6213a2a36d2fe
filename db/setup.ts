/** Creates the schema, its tables and triggers, and the reader and writer roles, idempotently. */
import type postgres from "postgres";

export const OUTPUT_TABLES = ["day_snapshot", "schedule_event", "notification"] as const;
export const CAPTURE_TABLES = ["capture_session", "capture_image"] as const;

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

export interface SetupOptions {
  schema: string;
  readerRole: string;
  writerRole: string;
  /** null leaves an existing role's password as it is */
  readerPassword: string | null;
  writerPassword: string | null;
}

/** A schema or role name we accept: lower-case SQL identifier, at most 63 bytes. */
export function identifierProblem(kind: string, name: string): string | null {
  return IDENTIFIER.test(name)
    ? null
    : `Invalid ${kind} "${name}": use lower-case letters, digits and _ (at most 63), not starting with a digit`;
}

const schemaSql = () => Deno.readTextFile(new URL("./schema.sql", import.meta.url));

/** Role statements take no parameters: let the server quote the names into the text. */
async function formatted(sql: postgres.Sql, template: string, a: string, b = ""): Promise<string> {
  const rows = await sql<{ q: string }[]>`select format(${template}, ${a}::text, ${b}::text) as q`;
  return rows[0]!.q;
}

async function ensureRole(sql: postgres.Sql, role: string, password: string | null) {
  const exists = await sql`select 1 from pg_roles where rolname = ${role}`;
  if (exists.length === 0) {
    try {
      await sql.unsafe(await formatted(sql, "create role %I login", role));
    } catch (e) {
      // Another setup on the same server created it first: roles are cluster-wide.
      const code = (e as { code?: string }).code;
      if (code !== "42710" && code !== "23505") throw e;
    }
  }
  if (password !== null) {
    await sql.unsafe(
      await formatted(sql, "alter role %I with login password %L", role, password),
    );
  }
}

export async function setupDatabase(sql: postgres.Sql, opts: SetupOptions): Promise<void> {
  for (
    const [kind, name] of [
      ["schema name", opts.schema],
      ["reader role", opts.readerRole],
      ["writer role", opts.writerRole],
    ] as const
  ) {
    const problem = identifierProblem(kind, name);
    if (problem) throw new Error(problem);
  }
  await ensureRole(sql, opts.readerRole, opts.readerPassword);
  await ensureRole(sql, opts.writerRole, opts.writerPassword);
  const ddl = await schemaSql();
  await sql.begin(async (tx) => {
    await tx`create schema if not exists ${tx(opts.schema)}`;
    await tx`select set_config('search_path', ${opts.schema}, true)`;
    await tx.unsafe(ddl);
    const s = tx(opts.schema);
    const reader = tx(opts.readerRole);
    const writer = tx(opts.writerRole);
    await tx`grant usage on schema ${s} to ${reader}, ${writer}`;
    await tx`grant select on all tables in schema ${s} to ${reader}, ${writer}`;
    await tx`grant usage on all sequences in schema ${s} to ${writer}`;
    for (const table of OUTPUT_TABLES) {
      await tx`grant insert, update, delete on ${tx(`${opts.schema}.${table}`)} to ${writer}`;
    }
  });
  // A second guard behind the missing privileges: the reader's sessions start read-only.
  await sql.unsafe(
    await formatted(sql, "alter role %I set default_transaction_read_only = on", opts.readerRole),
  );
}
