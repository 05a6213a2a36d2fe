/**
 * The backfill entry point. Start it with `deno task backfill` (main.ts), which grants exactly
 * the permissions this command line needs; it refuses to run with broader ones.
 */
import { mkdir, stat } from "node:fs/promises";
import { styleText } from "node:util";
import { CONNECT_TIMEOUT_S, openReadOnlyPool } from "../db/capture_reader.ts";
import { checkReadOnly } from "../db/read_only_guard.ts";
import { tempPathOf } from "../io/atomic_write.ts";
import { buildImageIndex, type ImageIndex } from "../io/image_index.ts";
import {
  type BackfillOptions,
  databaseAddress,
  parseBackfillFlags,
  UsageError,
} from "../lib/backfill_flags.ts";
import { periodicLineDue, progressLine } from "../lib/progress.ts";
import type { BackfillSummary } from "../lib/schema/session_output.ts";
import { exitCode } from "../lib/summary.ts";
import { resolveOcrLanguage } from "../ocr/languages.ts";
import { permissionProblems } from "./backfill_grants.ts";
import { BACKFILL_HELP } from "./backfill_help.ts";
import { runBackfill } from "./backfill_run.ts";
import type { OcrPort } from "./backfill_session.ts";

const fail = (message: string) => console.error(`${styleText("red", "error")}: ${message}`);

/** Flags parsed and checked, or the exit code of a usage error or --help. */
export function optionsOrExit(args: readonly string[]): BackfillOptions | number {
  try {
    const parsed = parseBackfillFlags(args, (k) => Deno.env.get(k), Deno.cwd());
    if (parsed.help) {
      console.log(BACKFILL_HELP);
      return 0;
    }
    const lang = resolveOcrLanguage(parsed.options.ocrLang);
    if (!lang.ok) throw new UsageError(`Invalid --ocr-lang: ${lang.message}`);
    return parsed.options;
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    fail(`${err.message}\nRun with --help for usage`);
    return 2;
  }
}

export function table(s: BackfillSummary): string {
  const c = s.counts;
  const lines = [
    `sessions ${c.sessions}: ok ${c.by_status.ok ?? 0}, no_schedule ${
      c.by_status.no_schedule ?? 0
    }, failed ${c.by_status.failed ?? 0}${s.partial ? " (partial run)" : ""}`,
    `images ${c.images}, OCR cache hits ${c.ocr_cache_hits}`,
  ];
  const codes = Object.entries(c.by_error_code);
  if (codes.length) lines.push(`errors: ${codes.map(([k, n]) => `${k} ${n}`).join(", ")}`);
  for (const l of s.sessions.filter((l) => l.status === "failed")) {
    lines.push(`${l.id}\t${l.error_code}\t${l.message}`);
  }
  if (s.fatal_error) lines.push(`stopped: ${s.fatal_error.message}`);
  return lines.join("\n");
}

export function progressReporter() {
  const live = Deno.stderr.isTerminal();
  const started = Date.now();
  let last = 0;
  const enc = new TextEncoder();
  return {
    update(done: number, total: number | null, failed: number) {
      const state = { done, total, failed, startedMs: started, nowMs: Date.now() };
      if (live) Deno.stderr.writeSync(enc.encode(`\r\x1b[2K${progressLine(state)}`));
      else if (periodicLineDue(state, last, 5000) || done === 0) {
        last = state.nowMs;
        console.error(progressLine(state));
      }
    },
    end() {
      if (live) Deno.stderr.writeSync(enc.encode("\n"));
    },
  };
}

/**
 * Why a run started by `deno task <task>` must not go on: it holds grants it should not, or its
 * local root is not a folder. Null when it may start.
 */
export async function startupRefusal(
  opts: BackfillOptions,
  task: "backfill" | "apply",
): Promise<string | null> {
  const query = async (d: Deno.PermissionDescriptor) => (await Deno.permissions.query(d)).state;
  const problems = await permissionProblems(opts, query);
  if (problems.length) {
    return `Refusing to run with these permissions: ${
      problems.join("; ")
    }: start it with deno task ${task}`;
  }
  const rootInfo = await stat(opts.localRoot).catch(() => null);
  if (!rootInfo?.isDirectory()) return `Cannot read --local-root "${opts.localRoot}": not a folder`;
  return null;
}

/**
 * Makes the output folders, checks that the summary can be written (now, not after hours of
 * OCR) and indexes the local root once. Returns the index, or why the run cannot start.
 */
export async function prepareRun(opts: BackfillOptions): Promise<ImageIndex | string> {
  await mkdir(opts.outputDir, { recursive: true });
  await mkdir(opts.cacheDir, { recursive: true });
  const probe = tempPathOf(opts.outputFile);
  try {
    await Deno.writeTextFile(probe, "");
    await Deno.remove(probe);
  } catch (err) {
    return `Cannot write --output-file "${opts.outputFile}": ${(err as Error).message}`;
  }
  const index = await buildImageIndex(opts.localRoot);
  for (const w of index.warnings) console.error(`${styleText("yellow", "warning")}: ${w}`);
  return index;
}

/** One line for a database that cannot be reached: where, how long we waited, why. */
export function connectionFailure(databaseUrl: string, err: unknown): string {
  const { host, port } = databaseAddress(databaseUrl);
  return `Cannot connect to the database at ${host}:${port} within ${CONNECT_TIMEOUT_S} s: ${
    (err as Error).message
  }`;
}

export async function main(): Promise<number> {
  const parsed = optionsOrExit(Deno.args);
  if (typeof parsed === "number") return parsed;
  const opts = parsed;
  const refusal = await startupRefusal(opts, "backfill");
  if (refusal) {
    fail(refusal);
    return 1;
  }
  const sql = openReadOnlyPool(opts.databaseUrl, 3);
  const held: { engine: Promise<OcrPort> | null } = { engine: null };
  try {
    try {
      await sql`select 1`;
    } catch (err) {
      fail(connectionFailure(opts.databaseUrl, err));
      return 1;
    }
    const guard = await checkReadOnly(sql, opts.schema);
    if (guard.tables === 0) {
      fail(`Schema "${opts.schema}" has no tables this role can see`);
      return 1;
    }
    if (guard.writable.length || !guard.readOnlySession) {
      fail(
        `Refusing to run: role "${guard.role}" could write schema "${opts.schema}" (${
          guard.writable.join(", ") || "session not read-only"
        }): use a read-only role`,
      );
      return 1;
    }
    const index = await prepareRun(opts);
    if (typeof index === "string") {
      fail(index);
      return 1;
    }
    const reporter = progressReporter();
    const control = { stopping: false, onProgress: reporter.update };
    Deno.addSignalListener("SIGINT", () => {
      if (control.stopping) Deno.exit(130);
      control.stopping = true;
      console.error("\nInterrupted: finishing the sessions in flight (Ctrl-C again to quit now)");
    });
    const ocr = () =>
      held.engine ??= import("../ocr/mod.ts").then((m) =>
        m.openOcrEngine({
          lang: opts.ocrLang,
          concurrency: opts.concurrency,
          cacheDir: opts.cacheDir,
        })
      );
    const { summary, interrupted } = await runBackfill(opts, sql, index, ocr, control);
    reporter.end();
    console.log(opts.json ? JSON.stringify(summary, null, 2) : table(summary));
    if (summary.fatal_error) fail(summary.fatal_error.message);
    return exitCode(summary, interrupted);
  } finally {
    if (held.engine) await (await held.engine).close().catch(() => {});
    await sql.end({ timeout: 5 }).catch(() => {});
  }
}

if (import.meta.main) Deno.exit(await main());
