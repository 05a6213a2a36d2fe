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

async function readJson(path: string): Promise<unknown> {
  return JSON.parse(await Deno.readTextFile(path));
}

/** The per-session files a summary refers to, absolute. */
export function sessionFiles(summaryPath: string, summary: PlanSummary): string[] {
  const base = dirname(resolve(summaryPath));
  return summary.sessions.map((s) => isAbsolute(s.file) ? s.file : resolve(base, s.file));
}

async function readSession(file: string): Promise<PlanSession | PlanError> {
  let data: unknown;
  try {
    data = await readJson(file);
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

export async function loadPlan(summaryPath: string): Promise<LoadedPlan | PlanError> {
  let raw: unknown;
  try {
    raw = await readJson(summaryPath);
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
  const sessions: PlanSession[] = new Array(files.length);
  let failure: PlanError | null = null;
  let next = 0;
  // A few reads in flight at once keep the disk busy while files are parsed.
  const reader = async () => {
    while (!failure && next < files.length) {
      const i = next++;
      const result = await readSession(files[i]!);
      if ("code" in result) failure ??= result;
      else sessions[i] = result;
    }
  };
  await Promise.all(Array.from({ length: 16 }, reader));
  if (failure) return failure;
  return { summaryPath, sessions };
}
