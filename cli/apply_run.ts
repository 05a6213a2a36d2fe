/** Wires a parsed apply command to the plan, the database and the report file. */
import postgres from "postgres";
import { rename, writeFile } from "node:fs/promises";
import {
  linkPlanItems,
  planEntry,
  previewTotals,
  type WorkItem,
  zeroCounts,
} from "../lib/apply_plan.ts";
import {
  type ApplyReport,
  type ApplySessionReport,
  ApplySessionStatus,
  type PersistedCounts,
  type PlanSession,
} from "../lib/schema/apply_report.ts";
import { acquireApplyLock } from "../db/apply_lock.ts";
import { applySession } from "../db/apply_session.ts";
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

function sessionReport(
  session: PlanSession,
  result: Awaited<ReturnType<typeof applySession>>,
): ApplySessionReport {
  const d = result.decision;
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
    persisted: result.persisted,
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
  };
}

function addCounts(into: PersistedCounts, add: PersistedCounts): void {
  for (const k of Object.keys(into) as (keyof PersistedCounts)[]) into[k] += add[k];
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
        for (const item of lane) {
          if (opts.signal?.aborted) {
            interrupted = true;
            return;
          }
          const result = await applySession(conn, item, {
            schema: opts.schema,
            storeNotifications: opts.storeNotifications,
          });
          reports.set(item.session_id, sessionReport(bySession.get(item.session_id)!, result));
          done++;
          if (Date.now() - lastLog > 2000) {
            lastLog = Date.now();
            opts.log(`Applied ${done}/${total} sessions`);
          }
        }
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
  const counts = Object.fromEntries(
    ApplySessionStatus.options.map((s) => [s, 0]),
  ) as Record<ApplySessionStatus, number>;
  const persisted = zeroCounts();
  for (const r of sessions) {
    counts[r.status]++;
    addCounts(persisted, r.persisted);
  }
  const report: ApplyReport = {
    plan: opts.planPath,
    db_schema: opts.schema,
    store_notifications: opts.storeNotifications,
    min_confidence: opts.minConfidence,
    started_at: started,
    finished_at: new Date().toISOString(),
    interrupted,
    counts,
    persisted,
    sessions,
  };
  await writeAtomically(opts.reportPath, report);
  const failed = sessions.some((r) => r.status === "conflict" || r.status === "failed");
  return { exitCode: interrupted ? 130 : failed ? 1 : 0, report };
}
