/**
 * `deno task apply`: re-runs the apply entry point with exactly the grants this command line
 * needs (the database host, the plan files, the report file), so a mistake or a hostile plan
 * cannot reach anything else.
 */
import { dirname, resolve } from "node:path";
import { readFile } from "node:fs/promises";
import { styleText } from "node:util";
import { databaseHost, parseApplyFlags, UsageError } from "./apply_flags.ts";
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

async function main(): Promise<number> {
  const args = Deno.args;
  let grants: string[] = [];
  try {
    const flags = parseApplyFlags(args, (k) => Deno.env.get(k));
    if (!flags.help) {
      grants = [
        `--allow-net=${databaseHost(flags.databaseUrl)}`,
        // renaming the finished report into place needs read on its temporary file
        `--allow-read=${
          [...await planReadGrants(flags.planPath), `${flags.reportPath}.tmp`].join(",")
        }`,
        `--allow-write=${flags.reportPath},${flags.reportPath}.tmp`,
        `--allow-env=${DRIVER_ENV.join(",")}`,
      ];
    }
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    console.error(`${styleText("red", "error")}: ${err.message}\nRun with --help for usage`);
    return 2;
  }
  const entry = new URL("./apply.ts", import.meta.url).pathname;
  const config = new URL("../deno.json", import.meta.url).pathname;
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "--no-prompt", `--config=${config}`, ...grants, entry, ...args],
    stdin: "inherit",
    stdout: "inherit",
    stderr: "inherit",
  }).spawn();
  // The child gets Ctrl-C from the terminal too; waiting lets it finish and report.
  Deno.addSignalListener("SIGINT", () => {});
  Deno.addSignalListener("SIGTERM", () => child.kill("SIGTERM"));
  const status = await child.status;
  return status.signal === "SIGINT" ? 130 : status.code;
}

Deno.exit(await main());
