/**
 * Assembles one session's output file from what the run learnt about it: the session row,
 * its images, the schedule read from them and the preview against the stored days.
 */
import { localDateOf } from "./calendar_math.ts";
import { type DayState, diffSession, previewTotals } from "./day_diff.ts";
import { sessionNotifications } from "./notifications.ts";
import type { SessionSchedule } from "./schema/schedule.ts";
import type { ImageMapping, RunError, SessionOutput } from "./schema/session_output.ts";

export interface SessionRow {
  id: string;
  user_id: string;
  state: string;
  /** ISO instant */
  created_at: string;
}

export interface ImageRow {
  sequence: number;
  r2_key: string;
}

export interface DateContext {
  timeZone: string;
  defaultYear: number | null;
}

/** The capture date in the schedule's zone: what "Idag" refers to. */
export function referenceDate(row: SessionRow, timeZone: string): string {
  return localDateOf(row.created_at, timeZone);
}

/** An image's entry before anything has been read from it. */
export function unreadImage(image: ImageRow): ImageMapping {
  return {
    sequence: image.sequence,
    r2_key: image.r2_key,
    local_path: null,
    resolution: null,
    sha256: null,
    bytes: null,
    ocr: { status: "not_run", mean_confidence: null, ms: null, cache_hit: null, error: null },
  };
}

function base(row: SessionRow, images: ImageMapping[], ctx: DateContext) {
  return {
    format: "backfill-session/1" as const,
    session: { id: row.id, user_id: row.user_id, state: row.state, created_at: row.created_at },
    images: [...images].sort((a, b) => a.sequence - b.sequence),
    dates: {
      reference_date: referenceDate(row, ctx.timeZone),
      time_zone: ctx.timeZone,
      default_year: ctx.defaultYear,
      date_range: null,
    },
  };
}

const NO_PREVIEW = previewTotals([]);

export function failedSession(
  row: SessionRow,
  images: ImageMapping[],
  error: RunError,
  ctx: DateContext,
): SessionOutput {
  return {
    ...base(row, images, ctx),
    status: "failed",
    error,
    days: [],
    warnings: [],
    preview: { days: [], totals: NO_PREVIEW },
    notifications: [],
  };
}

/** A session whose images were all read: its schedule previewed against `state`. */
export function scheduledSession(
  row: SessionRow,
  images: ImageMapping[],
  schedule: SessionSchedule,
  state: DayState,
  ctx: DateContext,
): SessionOutput {
  const out = base(row, images, ctx);
  const days = schedule.status === "ok" ? schedule.days : [];
  const previews = diffSession(days, state, row.created_at);
  return {
    ...out,
    dates: { ...out.dates, date_range: schedule.date_range },
    status: days.length ? "ok" : "no_schedule",
    error: null,
    days,
    warnings: schedule.warnings,
    preview: { days: previews, totals: previewTotals(previews) },
    notifications: sessionNotifications(row.user_id, days, state.snapshots, previews),
  };
}
