/** `deno task load-corpus`: puts a corpus's sessions into the capture tables as production has them. */
import postgres from "postgres";
import { loadCorpus, readCorpusSessions } from "../db/load_corpus.ts";
import { identifierProblem } from "../db/setup.ts";
import { hostPort } from "../lib/redact_url.ts";
import { parseAdminCommand } from "./admin_command.ts";
import { exitWithError, exitWithUsageError } from "./usage_error.ts";

const HELP = `Load a corpus's sessions.json into capture_session and capture_image, states and
timestamps kept. Rows already there are left as they are.

Usage:
  deno task load-corpus --database-url URL --corpus DIR [--db-schema NAME]

Options:
  --database-url URL   a superuser connection (or DATABASE_URL): triggers are paused for the load
  --corpus DIR         folder holding sessions.json
  --db-schema NAME     target schema (default: schedule_ingest)
  -h, --help           show this help

Permissions:
  --allow-net (the database host), --allow-env (DATABASE_URL, PG*, USER), --allow-read
  (the corpus)`;

if (import.meta.main) {
  const { flags, url } = parseAdminCommand("load-corpus", HELP, {
    corpus: { type: "string" },
    "db-schema": { type: "string", default: "schedule_ingest" },
  });
  if (!flags.corpus) exitWithUsageError("load-corpus", "Missing --corpus DIR");
  const problem = identifierProblem("schema name", flags["db-schema"]);
  if (problem) exitWithUsageError("load-corpus", problem);
  let sessions;
  try {
    sessions = await readCorpusSessions(flags.corpus);
  } catch (e) {
    exitWithError(`Cannot read corpus "${flags.corpus}": ${(e as Error).message}`);
  }
  const sql = postgres(url, { onnotice: () => {}, max: 1, connect_timeout: 10 });
  try {
    const loaded = await loadCorpus(sql, flags["db-schema"], sessions);
    console.log(
      `Loaded ${loaded.sessions} new sessions and ${loaded.images} new images (${sessions.length} in the corpus)`,
    );
  } catch (e) {
    exitWithError(`Cannot load the corpus into ${hostPort(url)}: ${(e as Error).message}`);
  } finally {
    await sql.end();
  }
}
