/** Reads a dry run's summary and the per-session files it lists. */
import { dirname, isAbsolute, resolve } from "node:path";
import { PlanSession, PlanSummary } from "../lib/schema/apply_report.ts";

export interface LoadedPlan {
  summaryPath: string;
  sessions: PlanSession[];
}

export interface PlanError {
  code: "plan_unreadable" | "plan_invalid";
  message: string;
  details: unknown;
}

function readJson(path: string): unknown {
  // Plan files are small and many; reading each synchronously costs a fraction of an
  // asynchronous read, and nothing else runs while a plan loads.
  return JSON.parse(Deno.readTextFileSync(path));
}

/** The per-session files a summary refers to, absolute. */
export function sessionFiles(summaryPath: string, summary: PlanSummary): string[] {
  const base = dirname(resolve(summaryPath));
  return summary.sessions.map((s) => isAbsolute(s.file) ? s.file : resolve(base, s.file));
}

function readSession(file: string): PlanSession | PlanError {
  let data: unknown;
  try {
    data = readJson(file);
  } catch (err) {
    return {
      code: "plan_unreadable",
      message: `Cannot read session file "${file}": ${(err as Error).message}`,
      details: null,
    };
  }
  const parsed = PlanSession.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      code: "plan_invalid",
      message: `Session file "${file}" is invalid: ${issue?.path.join(".")} ${issue?.message}`,
      details: parsed.error.issues,
    };
  }
  return parsed.data;
}

/** Reads the summary and every session file of a plan; synchronous reads are the fastest here. */
export function loadPlan(summaryPath: string): LoadedPlan | PlanError {
  let raw: unknown;
  try {
    raw = readJson(summaryPath);
  } catch (err) {
    return {
      code: "plan_unreadable",
      message: `Cannot read plan "${summaryPath}": ${(err as Error).message}`,
      details: null,
    };
  }
  const summary = PlanSummary.safeParse(raw);
  if (!summary.success) {
    return {
      code: "plan_invalid",
      message: `Plan "${summaryPath}" is not a dry-run summary: ${
        summary.error.issues[0]?.message
      }`,
      details: summary.error.issues,
    };
  }
  const files = sessionFiles(summaryPath, summary.data);
  const sessions: PlanSession[] = [];
  for (const file of files) {
    const result = readSession(file);
    if ("code" in result) return result;
    sessions.push(result);
  }
  return { summaryPath, sessions };
}
