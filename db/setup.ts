/** Creates the schema, its tables and triggers, and the reader and writer roles, idempotently. */
import type postgres from "postgres";
import { verifierAccepts } from "./role_password.ts";

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

/** The role's stored verifier, or null when it has none or we may not read pg_authid. */
async function storedVerifier(sql: postgres.Sql, role: string): Promise<string | null> {
  try {
    const rows = await sql<{ v: string | null }[]>`
      select rolpassword as v from pg_authid where rolname = ${role}`;
    return rows[0]?.v ?? null;
  } catch (e) {
    if ((e as { code?: string }).code === "42501") return null;
    throw e;
  }
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
  if (password !== null && !verifierAccepts(await storedVerifier(sql, role), role, password)) {
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
    // Revoke first so setup also takes back anything granted by hand since: the end state is
    // the same on every run, whatever was there before.
    await tx`revoke all on all tables in schema ${s} from ${reader}, ${writer}`;
    await tx`revoke all on all sequences in schema ${s} from ${reader}, ${writer}`;
    await tx`revoke all on schema ${s} from ${reader}, ${writer}`;
    await tx`grant usage on schema ${s} to ${reader}, ${writer}`;
    await tx`grant select on all tables in schema ${s} to ${reader}, ${writer}`;
    // Identity columns need no sequence privilege, so the writer gets none.
    for (const table of OUTPUT_TABLES) {
      await tx`grant insert, update, delete on ${tx(`${opts.schema}.${table}`)} to ${writer}`;
    }
  });
  // A second guard behind the missing privileges: the reader's sessions start read-only.
  await sql.unsafe(
    await formatted(sql, "alter role %I set default_transaction_read_only = on", opts.readerRole),
  );
}
