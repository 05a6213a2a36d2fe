/** Wires a parsed apply command to the plan, the database and the report file. */
import postgres from "postgres";
import { rename, writeFile } from "node:fs/promises";
import {
  linkPlanItems,
  planEntry,
  previewTotals,
  unappliedReport,
  type WorkItem,
} from "../lib/apply_plan.ts";
import {
  type ApplyReport,
  type ApplySessionReport,
  type PersistedCounts,
  type PlanSession,
} from "../lib/schema/apply_report.ts";
import { acquireApplyLock } from "../db/apply_lock.ts";
import { runLane } from "../db/apply_lane.ts";
import { batchingSocket, canBatch } from "../db/apply_socket.ts";
import type { SessionDecision } from "../lib/apply_decision.ts";
import { applyFailed, applyTotals } from "../lib/apply_totals.ts";
import { loadPlan } from "./apply_plan_files.ts";

export interface ApplyRunOptions {
  databaseUrl: string;
  schema: string;
  planPath: string;
  reportPath: string;
  storeNotifications: boolean;
  minConfidence: number;
  /** sessions applied at once, each on its own connection; one user's sessions never overlap */
  concurrency: number;
  signal?: AbortSignal;
  log: (line: string) => void;
}

export interface ApplyRunResult {
  exitCode: 0 | 1 | 130;
  report: ApplyReport | null;
  message?: string;
}

export function sessionReport(
  session: PlanSession,
  d: SessionDecision,
  persisted: PersistedCounts,
): ApplySessionReport {
  return {
    session_id: String(session.session.id),
    status: d.kind === "conflict" ? "conflict" : "applied",
    ...(d.kind === "conflict"
      ? {
        error: {
          code: "plan_stale",
          message: `Session "${session.session.id}" not applied: days changed since the dry run: ${
            d.days.join(", ")
          }`,
          details: { days: d.days },
        },
      }
      : {}),
    conflict_days: d.kind === "conflict" ? d.days : [],
    preview: previewTotals(session),
    persisted,
    days: d.kind === "conflict"
      ? d.days.map((date) => ({
        date,
        preview_action: session.preview.days.find((p) => p.date === date)?.action ??
          "unchanged",
        applied_action: "conflict" as const,
      }))
      : d.days.map((w) => ({
        date: w.day.date,
        preview_action: w.day.preview.action,
        applied_action: w.action,
      })),
    notifications: d.kind === "conflict" ? [] : d.notifications,
  };
}

/**
 * Reports of up to this many sessions are indented for reading by eye; a larger one is
 * written on one line, which takes a fraction of the time and space and is read with tools.
 */
export const INDENTED_REPORT_SESSIONS = 1000;

async function writeAtomically(path: string, data: unknown, indent: boolean): Promise<void> {
  const tmp = `${path}.tmp`;
  await writeFile(tmp, JSON.stringify(data, null, indent ? 2 : undefined) + "\n");
  await rename(tmp, path);
}

export async function runApply(opts: ApplyRunOptions): Promise<ApplyRunResult> {
  const started = new Date().toISOString();
  const plan = loadPlan(opts.planPath);
  if ("code" in plan) return { exitCode: 1, report: null, message: plan.message };

  const reports = new Map<string, ApplySessionReport>();
  const bySession = new Map<string, PlanSession>();
  const items: WorkItem[] = [];
  for (const session of plan.sessions) {
    const entry = planEntry(session, opts.minConfidence);
    bySession.set(String(session.session.id), session);
    if (entry.kind === "report") reports.set(entry.report.session_id, entry.report);
    else items.push(entry.item);
  }

  const base = { max: 1, connect_timeout: 10, onnotice: () => {} };
  // The run's lock is held on a connection of its own that runs nothing else; postgres.js's
  // reading of the address (hosts, socket path, TLS) for it decides the lanes' socket.
  const sql = postgres(opts.databaseUrl, {
    ...base,
    connection: { application_name: "schedule_apply" },
  });
  const batch = canBatch({ ...sql.options, path: sql.options.path ?? false });
  // A lane connection runs only the day-state reads and the guarded writes, thousands of
  // times each with the same shape: planning each once per connection rather than per
  // session spares the server most of its work. The generic plan of the write chose bitmap
  // scans for a handful of rows of one user; the reads reach every row by the day's key and
  // plan plain index scans with bitmap scans allowed or not.
  const laneOptions = {
    ...base,
    connection: {
      application_name: "schedule_apply",
      plan_cache_mode: "force_generic_plan",
      enable_bitmapscan: "off",
    },
  };
  // `socket` is a documented postgres.js option its type declarations leave out.
  const connect = () =>
    postgres(
      opts.databaseUrl,
      batch ? { ...laneOptions, socket: batchingSocket } as typeof laneOptions : laneOptions,
    );
  let interrupted = false;
  // A database error stops the run: the failing session is reported, its work rolled back.
  let fatal: Error | null = null;
  const failSession = (item: WorkItem, err: Error) => {
    fatal ??= err;
    reports.set(
      item.session_id,
      unappliedReport(bySession.get(item.session_id)!, "failed", {
        code: "db_error",
        message: `Session "${item.session_id}" not applied: ${err.message}`,
        details: { code: (err as Error & { code?: string }).code ?? null },
      }),
    );
  };
  try {
    const lock = await acquireApplyLock(sql, opts.schema);
    if (!lock) {
      return {
        exitCode: 1,
        report: null,
        message: `Another apply is running on this database and schema "${opts.schema}"`,
      };
    }
    try {
      const lanes: WorkItem[][] = Array.from({ length: opts.concurrency }, () => []);
      for (const item of linkPlanItems(items)) {
        lanes[Number(BigInt(item.user_id) % BigInt(opts.concurrency))]!.push(item);
      }
      let done = 0;
      const total = items.length;
      let lastLog = Date.now();
      const finished = (item: WorkItem, decision: SessionDecision, persisted: PersistedCounts) => {
        reports.set(
          item.session_id,
          sessionReport(bySession.get(item.session_id)!, decision, persisted),
        );
        done++;
        if (Date.now() - lastLog > 2000) {
          lastLog = Date.now();
          opts.log(`Applied ${done}/${total} sessions`);
        }
      };
      const applyLane = (conn: postgres.Sql, lane: WorkItem[]) =>
        runLane(conn, lane, {
          schema: opts.schema,
          storeNotifications: opts.storeNotifications,
          stop: () => {
            if (fatal) return true;
            if (opts.signal?.aborted) interrupted = true;
            return interrupted;
          },
          finished,
          failed: failSession,
        });
      // Each lane has a connection of its own; a user's sessions share a lane, so they never
      // race. A pool of one rather than a reserved connection: once a reserved connection has
      // queued a statement, postgres.js sends it the rest one round trip at a time.
      await Promise.all(lanes.map(async (lane) => {
        if (!lane.length) return;
        const conn = connect();
        try {
          await applyLane(conn, lane);
        } finally {
          await conn.end({ timeout: 5 });
        }
      }));
    } finally {
      await lock.release();
    }
  } finally {
    await sql.end({ timeout: 5 });
  }

  const sessions = plan.sessions.map((s) => String(s.session.id)).flatMap((id) => {
    const r = reports.get(id);
    return r ? [r] : [];
  });
  const totals = applyTotals(sessions, opts.storeNotifications, opts.minConfidence);
  const report: ApplyReport = {
    plan: opts.planPath,
    db_schema: opts.schema,
    store_notifications: opts.storeNotifications,
    min_confidence: opts.minConfidence,
    started_at: started,
    finished_at: new Date().toISOString(),
    interrupted,
    counts: totals.counts,
    persisted: totals.persisted,
    sessions,
  };
  await writeAtomically(opts.reportPath, report, sessions.length <= INDENTED_REPORT_SESSIONS);
  const failed = sessions.some(applyFailed);
  return {
    exitCode: interrupted ? 130 : failed || fatal ? 1 : 0,
    report,
    ...(fatal ? { message: `Apply stopped: ${(fatal as Error).message}` } : {}),
  };
}
