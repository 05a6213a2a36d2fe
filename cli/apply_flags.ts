/** The apply command line, parsed and checked; shared by the launcher and the entry point. */
import { parseArgs } from "node:util";
import { dirname, join, resolve } from "node:path";
import { DEFAULT_MIN_CONFIDENCE } from "../lib/apply_plan.ts";
import {
  type BackfillOptions,
  DEFAULT_CONCURRENCY as DEFAULT_OCR_WORKERS,
  parseBackfillFlags,
  UsageError as BackfillUsageError,
} from "../lib/backfill_flags.ts";
import { resolveOcrLanguage } from "../ocr/languages.ts";

export const DEFAULT_SCHEMA = "schedule_ingest";
export const DEFAULT_CONCURRENCY = 8;

/** `--plan`: apply a reviewed dry run. */
export interface ApplyFlags {
  mode: "plan";
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

/**
 * `--local-root`: run the dry run's pipeline over the selected sessions and apply each one
 * as soon as it is read, writing the dry run's files with what was persisted.
 */
export interface SeedFlags {
  mode: "seed";
  help: false;
  backfill: BackfillOptions;
  storeNotifications: boolean;
  minConfidence: number;
  json: boolean;
}

export type ApplyCommand = ApplyFlags | SeedFlags;

export class UsageError extends Error {}

export const APPLY_HELP =
  `Apply a reviewed dry run to the database: day snapshots, schedule events and,
if asked, notifications. Capture sessions and images are never written.

Usage:
  deno task apply --plan backfill_report.json [options]
  deno task apply --local-root DIR [selection and output options of deno task backfill]
                  [--store-notifications] [--min-confidence X]

Options with --plan:
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

With --local-root (no --plan), apply runs the dry run's pipeline itself and applies each
session as soon as it is read: OCR, then a preview against the stored days, then the same
one-transaction apply as --plan (staleness, older captures and --min-confidence alike). It
takes every option of deno task backfill (--session-id, --user-id, --states, --from-date,
--to-date, --limit, --shard, --ocr-lang, --ocr-default-year, --concurrency (OCR workers,
default ${DEFAULT_OCR_WORKERS}), --cache-dir, --output-file, --output-dir, --db-schema, --json;
see deno task backfill --help) plus --store-notifications and --min-confidence, and writes
the dry run's per-session files and summary, each with an "apply" part: what was persisted
next to the preview. A session that fails (image_missing, ocr_failed, ...) is reported and
never stops the others.

Environment:
  DATABASE_URL             Used when --database-url is not given, so the secret stays out
                           of the process list

Exit codes:
  0  every session applied, unchanged, held back for review or without a schedule
  1  a session conflicted with changes made since the dry run, a session failed (with
     --local-root), or a fatal error (another apply holds the lock, plan unreadable,
     database unreachable)
  2  usage error
  130 interrupted: sessions in flight finish, the report covers what was applied

Permissions (granted by the launcher, nothing more):
  --allow-net     the database host and port only
  --allow-read    the plan and the per-session files it lists; with --local-root: the
                  images, the OCR engine's modules and language data, the outputs
  --allow-write   the report file; with --local-root: --output-file, --output-dir and
                  --cache-dir only
  --allow-env     DATABASE_URL and the PG* variables of the driver`;

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

function confidence(value: string): number {
  const n = Number(value);
  if (value.trim() === "" || !(n >= 0 && n <= 1)) {
    throw new UsageError(`Invalid --min-confidence "${value}": expected 0..1`);
  }
  return n;
}

/** The --local-root command line: apply's own two flags, the rest as deno task backfill. */
function parseSeedFlags(
  args: readonly string[],
  env: (k: string) => string | undefined,
  cwd: string,
): SeedFlags | { help: true } {
  const rest: string[] = [];
  let storeNotifications = false;
  let minConfidence = DEFAULT_MIN_CONFIDENCE;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const [name, inline] = a.startsWith("--") && a.includes("=")
      ? [a.slice(0, a.indexOf("=")), a.slice(a.indexOf("=") + 1)]
      : [a, undefined];
    if (name === "--plan" || name === "--report-file") {
      throw new UsageError(`Invalid ${name} with --local-root: it applies a reviewed dry run`);
    }
    if (a === "--store-notifications") storeNotifications = true;
    else if (name === "--min-confidence") {
      const value = inline ?? args[++i];
      if (value === undefined) throw new UsageError("Option '--min-confidence X' needs a value");
      minConfidence = confidence(value);
    } else rest.push(a);
  }
  let parsed;
  try {
    parsed = parseBackfillFlags(rest, env, cwd);
  } catch (err) {
    if (err instanceof BackfillUsageError) throw new UsageError(err.message);
    throw err;
  }
  if (parsed.help) return { help: true };
  const lang = resolveOcrLanguage(parsed.options.ocrLang);
  if (!lang.ok) throw new UsageError(`Invalid --ocr-lang: ${lang.message}`);
  return {
    mode: "seed",
    help: false,
    backfill: parsed.options,
    storeNotifications,
    minConfidence,
    json: parsed.options.json,
  };
}

export function parseApplyFlags(
  args: readonly string[],
  env: (k: string) => string | undefined,
  cwd = Deno.cwd(),
): ApplyCommand {
  if (args.some((a) => a === "--local-root" || a.startsWith("--local-root="))) {
    const seed = parseSeedFlags(args, env, cwd);
    return seed.help ? { help: true } as ApplyFlags : seed as SeedFlags;
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
  if (!v.plan) {
    throw new UsageError(
      "Missing --plan (a reviewed dry run) or --local-root (run the pipeline and apply)",
    );
  }
  const databaseUrl = v["database-url"] ?? env("DATABASE_URL");
  if (!databaseUrl) throw new UsageError("Missing --database-url (or DATABASE_URL)");
  const schema = v["db-schema"];
  if (!IDENTIFIER.test(schema)) {
    throw new UsageError(`Invalid --db-schema "${schema}": not an identifier`);
  }
  const minConfidence = confidence(v["min-confidence"]);
  const concurrency = Number(v.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 32) {
    throw new UsageError(`Invalid --concurrency "${v.concurrency}": expected 1..32`);
  }
  const planPath = resolve(cwd, v.plan);
  return {
    mode: "plan",
    help: false,
    databaseUrl,
    planPath,
    reportPath: resolve(cwd, v["report-file"] ?? join(dirname(planPath), "apply_report.json")),
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
