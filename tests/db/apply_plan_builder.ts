/**
 * Builds dry-run plans in the shape of the runner's per-session files, with each day's
 * preview computed against the rows the database holds when the plan is built, as a dry
 * run does.
 */
import { createHash } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type postgres from "postgres";
import { PlanSession, PlanSummary } from "../../lib/schema/apply_report.ts";
import type { DayStatus, Shift } from "../../lib/schema/schedule.ts";

export interface ShiftSpec {
  start: string;
  end: string;
  label?: string | null;
  location?: string | null;
  break_minutes?: number | null;
  confidence?: number;
}

export interface DaySpec {
  date: string;
  status?: DayStatus;
  shifts: ShiftSpec[];
}

export interface SessionSpec {
  id: number;
  user_id: number;
  created_at: string;
  days: DaySpec[];
}

function nextDate(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/** Winter dates only (Stockholm at +01:00), which is all these tests use. */
function shift(date: string, s: ShiftSpec): Shift {
  const nextDay = s.end <= s.start;
  return {
    start: s.start,
    end: s.end,
    ends_next_day: nextDay,
    starts_at: `${date}T${s.start}:00+01:00`,
    ends_at: `${nextDay ? nextDate(date) : date}T${s.end}:00+01:00`,
    label: s.label ?? null,
    location: s.location ?? null,
    break_minutes: s.break_minutes ?? null,
    confidence: s.confidence ?? 0.95,
    regions: [],
  };
}

export function dayHash(day: { status: string; shifts: Shift[] }): string {
  const canonical = {
    status: day.status,
    shifts: day.shifts.map((s) => [
      s.start,
      s.end,
      s.ends_next_day,
      s.label,
      s.location,
      s.break_minutes,
    ]),
  };
  return createHash("sha256").update(JSON.stringify(canonical)).digest("hex");
}

/** A per-session file for `spec`, previewed against what `schema` holds now. */
export async function buildSession(
  sql: postgres.Sql,
  schema: string,
  spec: SessionSpec,
): Promise<PlanSession> {
  const days = spec.days.map((d) => ({
    date: d.date,
    status: d.status ?? (d.shifts.length ? "work" as const : "off" as const),
    shifts: d.shifts.map((s) => shift(d.date, s)),
    header_text: d.date,
    year_source: "explicit" as const,
    regions: [],
  }));
  const dates = days.map((d) => d.date);
  const rows = await sql<{ day: string; content_hash: string; newer: boolean }[]>`
    select day::text as day, content_hash, source_captured_at > ${spec.created_at} as newer
    from ${sql(`${schema}.day_snapshot`)}
    where user_id = ${spec.user_id} and day = any(${dates}::date[])`;
  const stored = new Map(rows.map((r) => [r.day, r]));
  const notifications: PlanSession["notifications"] = [];
  const preview = days.map((d) => {
    const before = stored.get(d.date);
    const after = dayHash(d);
    const action = !before
      ? "insert" as const
      : before.newer
      ? "skipped_older" as const
      : before.content_hash === after
      ? "unchanged" as const
      : "update" as const;
    if (action === "update") {
      notifications.push({
        user_id: spec.user_id,
        day: d.date,
        kind: "shift_changed",
        payload: { before: before?.content_hash, after },
        fingerprint: after.slice(0, 16),
      });
    }
    return {
      date: d.date,
      action,
      snapshot_hash_before: before?.content_hash ?? null,
      content_hash_after: after,
      events: {
        insert: action === "insert" ? d.shifts.length : 0,
        update: 0,
        delete: 0,
        unchanged: 0,
      },
    };
  });
  return PlanSession.parse({
    session: { id: spec.id, user_id: spec.user_id, state: "done", created_at: spec.created_at },
    status: days.length ? "ok" : "no_schedule",
    days,
    preview: { days: preview },
    notifications,
  });
}

/** Writes the summary and per-session files under `dir`; returns the summary's path. */
export async function writePlan(dir: string, sessions: readonly PlanSession[]): Promise<string> {
  await mkdir(join(dir, "backfill_sessions"), { recursive: true });
  for (const s of sessions) {
    await writeFile(join(dir, "backfill_sessions", `${s.session.id}.json`), JSON.stringify(s));
  }
  const summary = PlanSummary.parse({
    sessions: sessions.map((s) => ({
      id: s.session.id,
      status: s.status,
      file: `backfill_sessions/${s.session.id}.json`,
    })),
  });
  const path = join(dir, "backfill_report.json");
  await writeFile(path, JSON.stringify(summary));
  return path;
}
