/**
 * The run loop: sessions stream in from the cursor, a few are processed at once (so the OCR
 * workers stay busy), each finished session is written at once, and the summary covers
 * exactly what was written, also when the run is interrupted or the database goes away.
 */
import { dirname, relative } from "node:path";
import { styleText } from "node:util";
import type postgres from "postgres";
import { type CaptureSession, countSessions, streamSessions } from "../db/capture_reader.ts";
import { writeJsonAtomic } from "../io/atomic_write.ts";
import type { ImageIndex } from "../io/image_index.ts";
import {
  type BackfillOptions,
  databaseAddress,
  redactedUrl,
  TIME_ZONE,
} from "../lib/backfill_flags.ts";
import type {
  BackfillSummary,
  RunError,
  SessionOutput,
  SummaryLine,
} from "../lib/schema/session_output.ts";
import { selectionSpec } from "../lib/session_selection.ts";
import { countSession, emptyCounts, sortLines, summaryLine } from "../lib/summary.ts";
import { writeReviewPage } from "./backfill_review.ts";
import { type PictureCandidate, pictureCandidate } from "../lib/review_page.ts";
import { DatabaseLost, type OcrPort, processSession } from "./backfill_session.ts";

export const TOOL = { name: "schedule-backfill", version: "1.0.0" };

export interface RunControl {
  /** set when the run must take no new session (Ctrl-C) */
  readonly stopping: boolean;
  onProgress(done: number, total: number | null, failed: number): void;
}

export interface RunResult {
  summary: BackfillSummary;
  interrupted: boolean;
}

export function reportOptions(o: BackfillOptions): Record<string, unknown> {
  return {
    database_url: redactedUrl(o.databaseUrl),
    db_schema: o.schema,
    local_root: o.localRoot,
    session_ids: o.sessionIds,
    user_id: o.userId,
    states: o.states,
    from_date: o.fromDate,
    to_date: o.toDate,
    limit: o.limit,
    output_file: o.outputFile,
    output_dir: o.outputDir,
    review_file: o.reviewFile,
    review_images: o.reviewImages,
    review_max_images: o.reviewMaxImages,
    ocr_lang: o.ocrLang,
    ocr_default_year: o.ocrDefaultYear,
    concurrency: o.concurrency,
    cache_dir: o.cacheDir,
    shard: o.shard,
    time_zone: TIME_ZONE,
  };
}

/** The per-session file as the summary names it: relative when below the summary's folder. */
export function summaryFileRef(outputFile: string, sessionFile: string): string {
  const rel = relative(dirname(outputFile), sessionFile);
  return rel.startsWith("..") ? sessionFile : rel;
}

/** A step between a session's processing and its file; apply's one-go mode writes there. */
export interface SessionStage {
  /**
   * Called as each session is taken, in selection order, with its processing under way;
   * the file written is what it resolves to. A DatabaseLost it throws stops the run.
   */
  finish(session: CaptureSession, out: Promise<SessionOutput>): Promise<SessionOutput>;
  /** The summary to write, given the dry run's. */
  summary(summary: BackfillSummary): BackfillSummary;
}

export async function runBackfill(
  opts: BackfillOptions,
  sql: postgres.Sql,
  index: ImageIndex,
  ocr: () => Promise<OcrPort | null>,
  control: RunControl,
  stage?: SessionStage,
): Promise<RunResult> {
  const startedAt = new Date().toISOString();
  const spec = selectionSpec(opts, TIME_ZONE);
  const counts = emptyCounts();
  const lines: SummaryLine[] = [];
  // What the review page needs to plan its pictures, taken while each output is at hand.
  const candidates = new Map<string, PictureCandidate>();
  let fatal: RunError | null = null;
  let engineVersion: string | null = null;
  const engine = async () => {
    const e = await ocr();
    if (!e) throw new Error("The OCR engine is not available");
    engineVersion = e.version;
    return e;
  };
  const ctx = { timeZone: TIME_ZONE, defaultYear: opts.ocrDefaultYear };
  let total: number | null = null;
  try {
    total = await countSessions(sql, opts.schema, spec);
    control.onProgress(0, total, 0);
    const sessions = streamSessions(sql, opts.schema, spec);
    const lane = async () => {
      while (!control.stopping && !fatal) {
        const next = await sessions.next();
        if (next.done) return;
        try {
          const processed = processSession(next.value, {
            sql,
            schema: opts.schema,
            index,
            ocr: engine,
            ctx,
          });
          const out = await (stage ? stage.finish(next.value, processed) : processed);
          const file = `${opts.outputDir}/${out.session.id}.json`;
          await writeJsonAtomic(file, out);
          countSession(counts, out);
          lines.push(summaryLine(out, summaryFileRef(opts.outputFile, file)));
          if (opts.reviewFile) candidates.set(out.session.id, pictureCandidate(out));
          control.onProgress(counts.sessions, total, counts.by_status.failed ?? 0);
        } catch (err) {
          if (!(err instanceof DatabaseLost)) throw err;
          fatal ??= lostError(opts, err);
        }
      }
    };
    // One more session in flight than OCR workers: resolving and writing overlap the OCR.
    const results = await Promise.allSettled(
      Array.from({ length: opts.concurrency + 1 }, lane),
    );
    await sessions.return(undefined).catch(() => {});
    const failed = results.find((r) => r.status === "rejected");
    if (failed) {
      const err = (failed as PromiseRejectedResult).reason;
      if (!isConnectionError(err)) throw err;
      fatal ??= lostError(opts, err);
    }
  } catch (err) {
    if (!isConnectionError(err)) throw err;
    fatal ??= lostError(opts, err);
  }
  const dryRun: BackfillSummary = {
    format: "backfill-summary/1",
    tool: { ...TOOL, deno: Deno.version.deno },
    engine: { ocr: engineVersion, language: opts.ocrLang },
    options: reportOptions(opts),
    started_at: startedAt,
    finished_at: new Date().toISOString(),
    partial: control.stopping || fatal !== null,
    fatal_error: fatal,
    counts,
    sessions: sortLines(lines),
  };
  const summary = stage ? stage.summary(dryRun) : dryRun;
  await writeJsonAtomic(opts.outputFile, summary);
  if (opts.reviewFile) {
    const problem = await writeReviewPage(opts.reviewFile, opts.outputFile, summary, candidates, {
      cacheDir: opts.cacheDir,
      images: opts.reviewImages,
      maxImages: opts.reviewMaxImages,
      concurrency: opts.concurrency,
    });
    if (problem) console.error(`${styleText("yellow", "warning")}: ${problem.message}`);
  }
  return { summary, interrupted: control.stopping };
}

/** Errors of the driver or the server (as opposed to bugs), which end the run cleanly. */
export function isConnectionError(err: unknown): boolean {
  if (err instanceof DatabaseLost) return true;
  const e = err as { code?: string; name?: string };
  return e?.name === "PostgresError" || typeof e?.code === "string" &&
      /^(CONNECTION_|ECONN|ETIMEDOUT|EPIPE|ENOTFOUND|EHOSTUNREACH|57P|08)/.test(e.code);
}

function lostError(opts: BackfillOptions, err: unknown): RunError {
  const { host, port } = databaseAddress(opts.databaseUrl);
  return {
    code: "database_lost",
    message: `Lost the database at ${host}:${port}: ${(err as Error).message}`,
    details: { code: (err as { code?: string }).code ?? null },
  };
}
