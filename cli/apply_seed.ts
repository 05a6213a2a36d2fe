/**
 * `deno task apply --local-root`: the dry run's own loop (selection, images, OCR, pipeline,
 * files) with each session applied between its preview and its file, so the files carry what
 * was persisted. It connects as the writer role; the reading side still runs read-only.
 */
import { styleText } from "node:util";
import postgres from "postgres";
import { acquireApplyLock } from "../db/apply_lock.ts";
import { applyUnderLock } from "../db/apply_session.ts";
import { CONNECT_TIMEOUT_S, openReadOnlyPool } from "../db/capture_reader.ts";
import { planEntry, unappliedReport } from "../lib/apply_plan.ts";
import { dayState } from "../lib/apply_state.ts";
import { repreview } from "../lib/apply_seed.ts";
import { applyFailed, applyTotals } from "../lib/apply_totals.ts";
import type { ApplySessionReport } from "../lib/schema/apply_report.ts";
import type { BackfillSummary, SessionOutput } from "../lib/schema/session_output.ts";
import { exitCode } from "../lib/summary.ts";
import type { SeedFlags } from "./apply_flags.ts";
import { sessionReport } from "./apply_run.ts";
import {
  connectionFailure,
  prepareRun,
  progressReporter,
  startupRefusal,
  table,
} from "./backfill.ts";
import { runBackfill, type SessionStage } from "./backfill_run.ts";
import { DatabaseLost, type OcrPort } from "./backfill_session.ts";

const fail = (message: string) => console.error(`${styleText("red", "error")}: ${message}`);

export interface SeedStageOptions {
  schema: string;
  storeNotifications: boolean;
  minConfidence: number;
}

/**
 * Applies each processed session on `sql` (a read-write pool of the writer role). A user's
 * sessions apply one after another in selection order (capture time), whichever OCR ends
 * first, so a run gives the same rows as a dry run and `apply --plan` of its files.
 */
export function seedStage(sql: postgres.Sql, opts: SeedStageOptions) {
  const reports = new Map<string, ApplySessionReport>();
  const turns = new Map<string, Promise<void>>();

  async function applyOne(out: SessionOutput): Promise<SessionOutput> {
    const id = out.session.id;
    if (out.status !== "ok") {
      const report = unappliedReport(out, "not_applicable");
      reports.set(id, report);
      return { ...out, apply: report };
    }
    const conn = await sql.reserve().catch((err: Error) => {
      throw new DatabaseLost(err.message, { cause: err });
    });
    const user = out.session.user_id;
    const dates = out.days.map((d) => d.date);
    let applied: { fresh: SessionOutput; report: ApplySessionReport };
    try {
      // Previewed again against the rows read under lock in the session's own transaction,
      // which are also the rows it is decided and written from.
      applied = await applyUnderLock(conn, {
        user_id: user,
        dates,
        decide: (rows) => {
          const fresh = repreview(out, dayState(user, dates, rows));
          const entry = planEntry(fresh, opts.minConfidence);
          return entry.kind === "apply"
            ? {
              item: entry.item,
              applied: (result) => ({
                fresh,
                report: sessionReport(fresh, result.decision, result.persisted),
              }),
            }
            : { item: null, value: { fresh, report: entry.report } };
        },
      }, opts);
    } catch (err) {
      // The transaction rolled back; a database refusing a session stops the run, as
      // with --plan, rather than failing every later session the same way.
      throw new DatabaseLost(`Session "${id}" not applied: ${(err as Error).message}`, {
        cause: err,
      });
    } finally {
      conn.release();
    }
    reports.set(id, applied.report);
    return { ...applied.fresh, apply: applied.report };
  }

  const stage: SessionStage = {
    finish(session, processed) {
      const user = session.row.user_id;
      const before = turns.get(user) ?? Promise.resolve();
      let done!: () => void;
      const mine = new Promise<void>((resolve) => (done = resolve));
      turns.set(user, mine);
      mine.then(() => turns.get(user) === mine && turns.delete(user));
      return (async () => {
        try {
          const out = await processed;
          await before;
          return await applyOne(out);
        } finally {
          // The next session of this user waits for every earlier one, even a failed one.
          before.then(done);
        }
      })();
    },
    summary: (s: BackfillSummary) => ({
      ...s,
      apply: applyTotals(
        s.sessions.flatMap((l) => reports.get(l.id) ?? []),
        opts.storeNotifications,
        opts.minConfidence,
      ),
    }),
  };
  return { stage, reports };
}

/** Sessions not written by the apply, one line each, after the dry run's table. */
function seedTable(summary: BackfillSummary, reports: ReadonlyMap<string, ApplySessionReport>) {
  const a = summary.apply;
  if (!a) return table(summary);
  const p = a.persisted;
  const lines = [
    table(summary),
    `apply: ${
      Object.entries(a.counts).filter(([, n]) => n).map(([k, n]) => `${k} ${n}`).join(", ") ||
      "none"
    }`,
    `snapshots written ${p.snapshots_written}, refreshed ${p.snapshots_refreshed}`,
    `events inserted ${p.events_inserted}, updated ${p.events_updated}, deleted ${p.events_deleted}`,
    `notifications stored ${p.notifications_stored}`,
  ];
  for (const l of summary.sessions) {
    const r = reports.get(l.id);
    if (r?.error) lines.push(`${r.session_id}\t${r.status}\t${r.error.message}`);
  }
  return lines.join("\n");
}

/** The --local-root run, start to exit code. */
export async function runSeed(flags: SeedFlags): Promise<number> {
  const opts = flags.backfill;
  const refusal = await startupRefusal(opts, "apply");
  if (refusal) {
    fail(refusal);
    return 1;
  }
  const reader = openReadOnlyPool(opts.databaseUrl, 3);
  const writer = postgres(opts.databaseUrl, {
    max: opts.concurrency + 2,
    connect_timeout: CONNECT_TIMEOUT_S,
    onnotice: () => {},
    connection: { application_name: "schedule_apply" },
  });
  const held: { engine: Promise<OcrPort> | null } = { engine: null };
  try {
    let lock;
    try {
      await reader`select 1`;
      lock = await acquireApplyLock(writer, opts.schema);
    } catch (err) {
      fail(connectionFailure(opts.databaseUrl, err));
      return 1;
    }
    if (!lock) {
      fail(`Another apply is running on this database and schema "${opts.schema}"`);
      return 1;
    }
    try {
      const index = await prepareRun(opts);
      if (typeof index === "string") {
        fail(index);
        return 1;
      }
      const reporter = progressReporter();
      const control = { stopping: false, onProgress: reporter.update };
      const onInterrupt = () => {
        if (control.stopping) Deno.exit(130);
        control.stopping = true;
        console.error(
          "\nInterrupted: finishing the sessions in flight (Ctrl-C again to quit now)",
        );
      };
      Deno.addSignalListener("SIGINT", onInterrupt);
      const ocr = () =>
        held.engine ??= import("../ocr/mod.ts").then((m) =>
          m.openOcrEngine({
            lang: opts.ocrLang,
            concurrency: opts.concurrency,
            cacheDir: opts.cacheDir,
          })
        );
      const { stage, reports } = seedStage(writer, {
        schema: opts.schema,
        storeNotifications: flags.storeNotifications,
        minConfidence: flags.minConfidence,
      });
      try {
        const { summary, interrupted } = await runBackfill(
          opts,
          reader,
          index,
          ocr,
          control,
          stage,
        );
        reporter.end();
        console.log(flags.json ? JSON.stringify(summary, null, 2) : seedTable(summary, reports));
        if (summary.fatal_error) fail(summary.fatal_error.message);
        const code = exitCode(summary, interrupted);
        return code === 0 && [...reports.values()].some(applyFailed) ? 1 : code;
      } finally {
        Deno.removeSignalListener("SIGINT", onInterrupt);
      }
    } finally {
      await lock.release().catch(() => {});
    }
  } finally {
    if (held.engine) await (await held.engine).close().catch(() => {});
    await reader.end({ timeout: 5 }).catch(() => {});
    await writer.end({ timeout: 5 }).catch(() => {});
  }
}
