/**
 * The backfill command line, parsed and checked without touching anything: the launcher and
 * the entry point both call it, so they agree on every path and value.
 */
import { parseArgs } from "node:util";
import { dirname, isAbsolute, join, normalize } from "node:path";
import { isRealDate } from "./calendar_math.ts";

export const DEFAULT_SCHEMA = "schedule_ingest";
export const DEFAULT_OUTPUT_FILE = "backfill_report.json";
export const DEFAULT_OUTPUT_DIR = "backfill_sessions";
export const DEFAULT_OCR_LANG = "sv";
export const DEFAULT_CONCURRENCY = 2;
/** The review page's name: it is written beside the summary file. */
export const REVIEW_FILE_NAME = "review.html";
/** Which sessions the review page shows screenshots of: see lib/review_page.ts. */
export const REVIEW_IMAGE_MODES = ["all", "review", "none"] as const;
export type ReviewImagesMode = typeof REVIEW_IMAGE_MODES[number];
export const DEFAULT_REVIEW_IMAGES: ReviewImagesMode = "review";
/** About 30 kB each in the page: some 60 MB, which a browser still opens. */
export const DEFAULT_REVIEW_MAX_IMAGES = 2000;
export const TIME_ZONE = "Europe/Stockholm";
export const SESSION_STATES = ["open", "closed", "processing", "done", "failed"] as const;
export type SessionState = typeof SESSION_STATES[number];

export type Shard = { index: number; count: number } | { index: "auto"; count: number };

export interface BackfillOptions {
  databaseUrl: string;
  localRoot: string;
  schema: string;
  sessionIds: string[];
  userId: string | null;
  states: SessionState[];
  fromDate: string | null;
  toDate: string | null;
  limit: number | null;
  outputFile: string;
  outputDir: string;
  /** the review page beside the summary, null with --no-review */
  reviewFile: string | null;
  /** whose screenshots the review page embeds, and at most how many */
  reviewImages: ReviewImagesMode;
  reviewMaxImages: number;
  ocrLang: string;
  ocrDefaultYear: number | null;
  concurrency: number;
  cacheDir: string;
  shard: Shard | null;
  json: boolean;
}

export type ParsedFlags = { help: true } | { help: false; options: BackfillOptions };

export class UsageError extends Error {}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;
const ID = /^[1-9]\d{0,18}$/;

function date(flag: string, value: string | undefined): string | null {
  if (value === undefined) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m || !isRealDate(Number(m[1]), Number(m[2]), Number(m[3]))) {
    throw new UsageError(`Invalid ${flag} "${value}": expected a date YYYY-MM-DD`);
  }
  return value;
}

function integer(flag: string, value: string | undefined, min: number, max: number) {
  if (value === undefined) return null;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < min || n > max) {
    throw new UsageError(`Invalid ${flag} "${value}": expected an integer ${min}..${max}`);
  }
  return n;
}

function id(flag: string, value: string): string {
  if (!ID.test(value)) throw new UsageError(`Invalid ${flag} "${value}": expected a positive id`);
  return value;
}

/** `K/N` with 0 <= K < N, or `auto/N` to take K from JOB_COMPLETION_INDEX. */
export function parseShard(value: string, env: (k: string) => string | undefined): Shard {
  const m = /^(\d+|auto)\/(\d+)$/.exec(value);
  const count = Number(m?.[2]);
  if (!m || !Number.isInteger(count) || count < 1 || count > 10_000) {
    throw new UsageError(`Invalid --shard "${value}": expected K/N or auto/N with N 1..10000`);
  }
  let index = m[1] === "auto" ? env("JOB_COMPLETION_INDEX") : m[1];
  if (index === undefined) {
    throw new UsageError(`Invalid --shard "${value}": JOB_COMPLETION_INDEX is not set`);
  }
  index = index.trim();
  const k = Number(index);
  if (!/^\d+$/.test(index) || k >= count) {
    throw new UsageError(
      `Invalid --shard "${value}": shard index "${index}" is not in 0..${count - 1}`,
    );
  }
  return { index: k, count };
}

function absolute(cwd: string, path: string): string {
  return normalize(isAbsolute(path) ? path : join(cwd, path));
}

export function parseBackfillFlags(
  args: readonly string[],
  env: (k: string) => string | undefined,
  cwd: string,
): ParsedFlags {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      strict: true,
      allowPositionals: false,
      options: {
        "database-url": { type: "string" },
        "local-root": { type: "string" },
        "db-schema": { type: "string", default: DEFAULT_SCHEMA },
        "session-id": { type: "string", multiple: true },
        "user-id": { type: "string" },
        "states": { type: "string" },
        "from-date": { type: "string" },
        "to-date": { type: "string" },
        "limit": { type: "string" },
        "output-file": { type: "string", default: DEFAULT_OUTPUT_FILE },
        "output-dir": { type: "string", default: DEFAULT_OUTPUT_DIR },
        "ocr-lang": { type: "string", default: DEFAULT_OCR_LANG },
        "ocr-default-year": { type: "string" },
        "concurrency": { type: "string", default: String(DEFAULT_CONCURRENCY) },
        "cache-dir": { type: "string" },
        "shard": { type: "string" },
        "json": { type: "boolean", default: false },
        "no-review": { type: "boolean", default: false },
        "review-images": { type: "string", default: DEFAULT_REVIEW_IMAGES },
        "review-max-images": { type: "string", default: String(DEFAULT_REVIEW_MAX_IMAGES) },
        "help": { type: "boolean", short: "h", default: false },
      },
    });
  } catch (err) {
    throw new UsageError((err as Error).message.replace(/\.$/, "").split("\n")[0]!);
  }
  const v = parsed.values;
  if (v.help) return { help: true };
  const databaseUrl = v["database-url"] ?? env("DATABASE_URL");
  if (!databaseUrl) throw new UsageError("Missing --database-url (or DATABASE_URL)");
  databaseAddress(databaseUrl);
  if (!v["local-root"]) {
    throw new UsageError("Missing --local-root: the folder of downloaded images");
  }
  const schema = v["db-schema"];
  if (!IDENTIFIER.test(schema)) {
    throw new UsageError(`Invalid --db-schema "${schema}": not an identifier`);
  }
  const states: SessionState[] = [];
  if (v.states !== undefined) {
    for (const raw of v.states.split(",").map((s) => s.trim())) {
      if (!(SESSION_STATES as readonly string[]).includes(raw)) {
        throw new UsageError(
          `Invalid --states "${v.states}": unknown state "${raw}", expected ${
            SESSION_STATES.join(", ")
          }`,
        );
      }
      if (!states.includes(raw as SessionState)) states.push(raw as SessionState);
    }
  }
  const fromDate = date("--from-date", v["from-date"]);
  const toDate = date("--to-date", v["to-date"]);
  if (fromDate && toDate && fromDate > toDate) {
    throw new UsageError(`Invalid --to-date "${toDate}": before --from-date "${fromDate}"`);
  }
  const reviewImages = v["review-images"] as ReviewImagesMode;
  if (!REVIEW_IMAGE_MODES.includes(reviewImages)) {
    throw new UsageError(
      `Invalid --review-images "${reviewImages}": expected ${REVIEW_IMAGE_MODES.join(", ")}`,
    );
  }
  const outputDir = absolute(cwd, v["output-dir"]);
  const outputFile = absolute(cwd, v["output-file"]);
  return {
    help: false,
    options: {
      databaseUrl,
      localRoot: absolute(cwd, v["local-root"]),
      schema,
      sessionIds: [...new Set((v["session-id"] ?? []).map((s) => id("--session-id", s)))],
      userId: v["user-id"] === undefined ? null : id("--user-id", v["user-id"]),
      states,
      fromDate,
      toDate,
      limit: integer("--limit", v.limit, 1, Number.MAX_SAFE_INTEGER),
      outputFile,
      outputDir,
      reviewFile: v["no-review"] ? null : join(dirname(outputFile), REVIEW_FILE_NAME),
      reviewImages,
      reviewMaxImages: integer("--review-max-images", v["review-max-images"], 0, 1_000_000) ??
        DEFAULT_REVIEW_MAX_IMAGES,
      ocrLang: v["ocr-lang"],
      ocrDefaultYear: integer("--ocr-default-year", v["ocr-default-year"], 1970, 2100),
      concurrency: integer("--concurrency", v.concurrency, 1, 64) ?? DEFAULT_CONCURRENCY,
      cacheDir: absolute(cwd, v["cache-dir"] ?? join(outputDir, ".ocr_cache")),
      shard: v.shard === undefined ? null : parseShard(v.shard, env),
      json: v.json,
    },
  };
}

/** Host and port of a connection string, for the network grant and error messages. */
export function databaseAddress(url: string): { host: string; port: number } {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new UsageError("Invalid --database-url: not a URL");
  }
  if (!/^postgres(ql)?:$/.test(u.protocol) || !u.hostname) {
    throw new UsageError("Invalid --database-url: expected postgres://user@host[:port]/database");
  }
  return { host: u.hostname.replace(/^\[|\]$/g, ""), port: Number(u.port || 5432) };
}

/** The connection string with its password masked, for reports and logs. */
export function redactedUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    for (const key of [...u.searchParams.keys()]) {
      if (/pass/i.test(key)) u.searchParams.set(key, "***");
    }
    return u.toString();
  } catch {
    return "(unparsable)";
  }
}
