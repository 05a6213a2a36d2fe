/** The apply command line, parsed and checked; shared by the launcher and the entry point. */
import { parseArgs } from "node:util";
import { dirname, join, resolve } from "node:path";
import { DEFAULT_MIN_CONFIDENCE } from "../lib/apply_plan.ts";

export const DEFAULT_SCHEMA = "schedule_ingest";
export const DEFAULT_CONCURRENCY = 8;

export interface ApplyFlags {
  help: boolean;
  databaseUrl: string;
  planPath: string;
  reportPath: string;
  schema: string;
  storeNotifications: boolean;
  minConfidence: number;
  concurrency: number;
  json: boolean;
}

export class UsageError extends Error {}

export const APPLY_HELP =
  `Apply a reviewed dry run to the database: day snapshots, schedule events and,
if asked, notifications. Capture sessions and images are never written.

Usage:
  deno task apply --plan backfill_report.json [options]

Options:
  --plan FILE              Summary of the dry run to apply (its per-session files are read
                           from the paths it lists); no OCR runs and no image is read
  --database-url URL       Connection string of a role that may write the output tables
                           (default: $DATABASE_URL)
  --db-schema NAME         Schema of the tables (default: ${DEFAULT_SCHEMA})
  --store-notifications    Also write notification rows (they are always reported)
  --min-confidence X       Hold back as needs_review any session with a shift read below
                           this OCR confidence, 0..1 (default: ${DEFAULT_MIN_CONFIDENCE})
  --report-file FILE       Where the apply report goes (default: apply_report.json beside
                           the plan)
  --concurrency N          Sessions applied at once, one transaction each (default: ${DEFAULT_CONCURRENCY})
  --json                   Print the report as JSON instead of a table
  -h, --help               Show this help

Environment:
  DATABASE_URL             Used when --database-url is not given, so the secret stays out
                           of the process list

Exit codes:
  0  every session applied, unchanged, held back for review or without a schedule
  1  a session conflicted with changes made since the dry run, or a fatal error
     (another apply holds the lock, plan unreadable, database unreachable)
  2  usage error
  130 interrupted: sessions in flight finish, the report covers what was applied

Permissions (granted by the launcher, nothing more):
  --allow-net     the database host and port only
  --allow-read    the plan and the per-session files it lists
  --allow-write   the report file
  --allow-env     DATABASE_URL and the PG* variables of the driver`;

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

export function parseApplyFlags(args: readonly string[], env: (k: string) => string | undefined) {
  if (args.some((a) => a === "--local-root" || a.startsWith("--local-root="))) {
    throw new UsageError(
      "Unsupported --local-root: run deno task backfill first, review it, then apply its --plan",
    );
  }
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      strict: true,
      options: {
        "plan": { type: "string" },
        "database-url": { type: "string" },
        "db-schema": { type: "string", default: DEFAULT_SCHEMA },
        "store-notifications": { type: "boolean", default: false },
        "min-confidence": { type: "string", default: String(DEFAULT_MIN_CONFIDENCE) },
        "report-file": { type: "string" },
        "concurrency": { type: "string", default: String(DEFAULT_CONCURRENCY) },
        "json": { type: "boolean", default: false },
        "help": { type: "boolean", short: "h", default: false },
      },
    });
  } catch (err) {
    throw new UsageError((err as Error).message.replace(/\.$/, ""));
  }
  const v = parsed.values;
  if (v.help) return { help: true } as ApplyFlags;
  if (!v.plan) throw new UsageError("Missing --plan: the dry run summary to apply");
  const databaseUrl = v["database-url"] ?? env("DATABASE_URL");
  if (!databaseUrl) throw new UsageError("Missing --database-url (or DATABASE_URL)");
  const schema = v["db-schema"];
  if (!IDENTIFIER.test(schema)) {
    throw new UsageError(`Invalid --db-schema "${schema}": not an identifier`);
  }
  const minConfidence = Number(v["min-confidence"]);
  if (!(minConfidence >= 0 && minConfidence <= 1)) {
    throw new UsageError(`Invalid --min-confidence "${v["min-confidence"]}": expected 0..1`);
  }
  const concurrency = Number(v.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 32) {
    throw new UsageError(`Invalid --concurrency "${v.concurrency}": expected 1..32`);
  }
  const planPath = resolve(v.plan);
  return {
    help: false,
    databaseUrl,
    planPath,
    reportPath: resolve(v["report-file"] ?? join(dirname(planPath), "apply_report.json")),
    schema,
    storeNotifications: v["store-notifications"],
    minConfidence,
    concurrency,
    json: v.json,
  } satisfies ApplyFlags;
}

/** host:port of a connection string, for the network grant. */
export function databaseHost(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new UsageError("Invalid --database-url: not a URL");
  }
  if (!/^postgres(ql)?:$/.test(u.protocol) || !u.hostname) {
    throw new UsageError("Invalid --database-url: expected postgres://host[:port]/database");
  }
  return `${u.hostname}:${u.port || "5432"}`;
}
