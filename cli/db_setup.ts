/** `deno task db:setup`: creates the schema, its triggers and the reader and writer roles. */
import postgres from "postgres";
import { identifierProblem, setupDatabase } from "../db/setup.ts";
import { hostPort, redactUrl } from "../lib/redact_url.ts";
import { parseAdminCommand } from "./admin_command.ts";
import { exitWithError, exitWithUsageError } from "./usage_error.ts";

const HELP = `Create the capture and output tables, production's triggers and the two roles.
Running it again changes nothing.

Usage:
  deno task db:setup --database-url URL [options]

Options:
  --database-url URL     an owner/superuser connection (or DATABASE_URL)
  --db-schema NAME       schema to create (default: schedule_ingest)
  --reader-role NAME     read-only role (default: backfill_reader)
  --writer-role NAME     write role for apply (default: backfill_writer)
  --reader-password PW   sets the reader's password (or BACKFILL_READER_PASSWORD)
  --writer-password PW   sets the writer's password (or BACKFILL_WRITER_PASSWORD)
  -h, --help             show this help

Environment:
  DATABASE_URL, BACKFILL_READER_PASSWORD, BACKFILL_WRITER_PASSWORD

Permissions:
  --allow-net (the database host), --allow-env (DATABASE_URL, BACKFILL_*_PASSWORD, PG*,
  USER), --allow-read (db/schema.sql)`;

if (import.meta.main) {
  const { flags, url } = parseAdminCommand("db:setup", HELP, {
    "db-schema": { type: "string", default: "schedule_ingest" },
    "reader-role": { type: "string", default: "backfill_reader" },
    "writer-role": { type: "string", default: "backfill_writer" },
    "reader-password": { type: "string" },
    "writer-password": { type: "string" },
  });
  for (
    const [kind, name] of [
      ["schema name", flags["db-schema"]],
      ["reader role", flags["reader-role"]],
      ["writer role", flags["writer-role"]],
    ] as const
  ) {
    const problem = identifierProblem(kind, name);
    if (problem) exitWithUsageError("db:setup", problem);
  }
  const sql = postgres(url, { onnotice: () => {}, max: 1, connect_timeout: 10 });
  try {
    await setupDatabase(sql, {
      schema: flags["db-schema"],
      readerRole: flags["reader-role"],
      writerRole: flags["writer-role"],
      readerPassword: flags["reader-password"] ?? Deno.env.get("BACKFILL_READER_PASSWORD") ?? null,
      writerPassword: flags["writer-password"] ?? Deno.env.get("BACKFILL_WRITER_PASSWORD") ?? null,
    });
    console.log(`Schema "${flags["db-schema"]}" and roles ready on ${redactUrl(url)}`);
  } catch (e) {
    exitWithError(`Cannot set up the database at ${hostPort(url)}: ${(e as Error).message}`);
  } finally {
    await sql.end();
  }
}
