/** The Deno permissions the apply entry point gets for one command line, and no more. */
import { dirname, resolve } from "node:path";
import { readFile } from "node:fs/promises";
import { type ApplyCommand, databaseHost } from "./apply_flags.ts";
import { backfillGrants } from "./backfill_grants.ts";
import { sessionFiles } from "./apply_plan_files.ts";
import { PlanSummary } from "../lib/schema/apply_report.ts";

const DRIVER_ENV = [
  "DATABASE_URL",
  "PGHOST",
  "PGPORT",
  "PGUSER",
  "PGUSERNAME",
  "PGPASSWORD",
  "PGDATABASE",
  "PGAPPNAME",
  "PGTARGETSESSIONATTRS",
  // postgres.js reads PG<OPTION> for each of its options
  ...[
    "max",
    "ssl",
    "sslnegotiation",
    "idle_timeout",
    "connect_timeout",
    "max_lifetime",
    "max_pipeline",
    "backoff",
    "keep_alive",
    "prepare",
    "debug",
    "fetch_types",
    "publications",
    "target_session_attrs",
  ].map((o) => `PG${o.toUpperCase()}`),
  "USER",
  "USERNAME",
  "LOGNAME",
];

/** The per-session files' folders, read from the summary so the entry may read only those. */
async function planReadGrants(planPath: string): Promise<string[]> {
  const grants = new Set([planPath]);
  try {
    const summary = PlanSummary.safeParse(JSON.parse(await readFile(planPath, "utf8")));
    if (summary.success) {
      for (const f of sessionFiles(planPath, summary.data)) grants.add(dirname(resolve(f)));
    }
  } catch {
    // The entry point reports an unreadable or invalid plan itself.
  }
  return [...grants];
}

/**
 * With --plan: the database host, the plan files, the report. With --local-root: exactly the
 * dry run's grants (images, engine modules and language data, outputs, cache); the writer
 * role, not a permission, is what lets it write the database.
 */
export async function applyGrants(flags: ApplyCommand): Promise<string[]> {
  if (flags.mode === "seed") return backfillGrants(flags.backfill);
  return [
    `--allow-net=${databaseHost(flags.databaseUrl)}`,
    // renaming the finished report into place needs read on its temporary file
    `--allow-read=${
      [...await planReadGrants(flags.planPath), `${flags.reportPath}.tmp`].join(",")
    }`,
    `--allow-write=${flags.reportPath},${flags.reportPath}.tmp`,
    `--allow-env=${DRIVER_ENV.join(",")}`,
  ];
}
