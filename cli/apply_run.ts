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
import { applySession } from "../db/apply_session.ts";
import type { SessionDecision } from "../lib/apply_decision.ts";
import { applyFailed, applyTotals } from "../lib/apply_seed.ts";
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
  const previews = new Map(session.preview.days.map((p) => [p.date, p.action]));
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
        preview_action: previews.get(date) ?? "unchanged",
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

async function writeAtomically(path: string, data: unknown): Promise<void> {
  const tmp = `${path}.tmp`;
  await writeFile(tmp, JSON.stringify(data, null, 2) + "\n");
  await rename(tmp, path);
}

export async function runApply(opts: ApplyRunOptions): Promise<ApplyRunResult> {
  const started = new Date().toISOString();
  const plan = await loadPlan(opts.planPath);
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

  const sql = postgres(opts.databaseUrl, {
    max: opts.concurrency + 1,
    connect_timeout: 10,
    onnotice: () => {},
    connection: { application_name: "schedule_apply" },
  });
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
      const applyLane = async (conn: postgres.ReservedSql, lane: WorkItem[]) => {
        // A session's commit is awaited only after the next session's read went out behind
        // it, so each session costs one wait on the server instead of two.
        const ending: Promise<void>[] = [];
        for (const item of lane) {
          if (fatal) break;
          if (opts.signal?.aborted) {
            interrupted = true;
            break;
          }
          const session = bySession.get(item.session_id)!;
          const result = await applySession(conn, item, {
            schema: opts.schema,
            storeNotifications: opts.storeNotifications,
          }).catch((err: Error) => {
            failSession(item, err);
            return null;
          });
          if (!result) break;
          ending.push(result.persisted.then((persisted) => {
            reports.set(item.session_id, sessionReport(session, result.decision, persisted));
            done++;
            if (Date.now() - lastLog > 2000) {
              lastLog = Date.now();
              opts.log(`Applied ${done}/${total} sessions`);
            }
          }, (err: Error) => failSession(item, err)));
        }
        await Promise.all(ending);
      };
      // Each lane holds one connection; a user's sessions share a lane, so they never race.
      await Promise.all(lanes.map(async (lane) => {
        if (!lane.length) return;
        const conn = await sql.reserve();
        try {
          await applyLane(conn, lane);
        } finally {
          conn.release();
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
  await writeAtomically(opts.reportPath, report);
  const failed = sessions.some(applyFailed);
  return {
    exitCode: interrupted ? 130 : failed || fatal ? 1 : 0,
    report,
    ...(fatal ? { message: `Apply stopped: ${(fatal as Error).message}` } : {}),
  };
}
