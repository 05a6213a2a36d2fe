import { z } from "zod";
import { DayStatus, IsoDate, Shift } from "./schedule.ts";

/**
 * The part of a dry run's per-session file that apply consumes. Other fields of the file are
 * allowed and ignored, so the dry run may grow without breaking apply.
 */
export const PlanDayPreview = z.object({
  date: IsoDate,
  action: z.enum(["insert", "update", "delete", "unchanged", "skipped_older"]),
  /** content hash of the stored snapshot the dry run compared against, null when none */
  snapshot_hash_before: z.string().nullable(),
  content_hash_after: z.string().nullable(),
  events: z.object({
    insert: z.number().int().nonnegative(),
    update: z.number().int().nonnegative(),
    delete: z.number().int().nonnegative(),
    unchanged: z.number().int().nonnegative(),
  }),
});
export type PlanDayPreview = z.infer<typeof PlanDayPreview>;

export const PlanNotificationKind = z.enum([
  "shift_added",
  "shift_removed",
  "shift_changed",
  "day_status_changed",
]);

export const PlanNotification = z.object({
  user_id: z.union([z.number().int(), z.string().regex(/^\d+$/)]),
  day: IsoDate,
  kind: PlanNotificationKind,
  payload: z.unknown(),
  fingerprint: z.string(),
});
export type PlanNotification = z.infer<typeof PlanNotification>;

export const PlanSession = z.object({
  session: z.object({
    id: z.union([z.number().int(), z.string().regex(/^\d+$/)]),
    user_id: z.union([z.number().int(), z.string().regex(/^\d+$/)]),
    created_at: z.string(),
  }),
  status: z.enum(["ok", "no_schedule", "failed"]),
  // Where on the screenshot a shift was read is for the reviewer; apply neither checks nor
  // keeps it, which also saves validating every box of a large plan.
  days: z.array(
    z.object({ date: IsoDate, status: DayStatus, shifts: z.array(Shift.omit({ regions: true })) }),
  ),
  preview: z.object({ days: z.array(PlanDayPreview) }),
  notifications: z.array(PlanNotification),
});
export type PlanSession = z.infer<typeof PlanSession>;

/** The summary file of a dry run, as far as apply reads it. */
export const PlanSummary = z.object({
  sessions: z.array(z.object({
    id: z.union([z.number().int(), z.string().regex(/^\d+$/)]),
    status: z.enum(["ok", "no_schedule", "failed"]),
    /** the per-session file, relative to the summary's folder or absolute */
    file: z.string(),
  })),
});
export type PlanSummary = z.infer<typeof PlanSummary>;

export const PersistedCounts = z.object({
  snapshots_written: z.number().int().nonnegative(),
  snapshots_refreshed: z.number().int().nonnegative(),
  events_inserted: z.number().int().nonnegative(),
  events_updated: z.number().int().nonnegative(),
  events_deleted: z.number().int().nonnegative(),
  notifications_stored: z.number().int().nonnegative(),
});
export type PersistedCounts = z.infer<typeof PersistedCounts>;

export const ApplyDayOutcome = z.object({
  date: IsoDate,
  preview_action: PlanDayPreview.shape.action,
  applied_action: z.enum(["insert", "update", "unchanged", "skipped_older", "conflict"]),
});

export const ApplySessionStatus = z.enum([
  "applied",
  "conflict",
  "needs_review",
  "not_applicable",
  "failed",
]);
export type ApplySessionStatus = z.infer<typeof ApplySessionStatus>;

/** One session's line in the apply report. */
export const ApplySessionReport = z.object({
  session_id: z.string(),
  status: ApplySessionStatus,
  /** why the session was not applied, absent when it was */
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown() }).optional(),
  conflict_days: z.array(IsoDate),
  preview: z.object({
    events_inserted: z.number().int().nonnegative(),
    events_updated: z.number().int().nonnegative(),
    events_deleted: z.number().int().nonnegative(),
    notifications: z.number().int().nonnegative(),
  }),
  persisted: PersistedCounts,
  days: z.array(ApplyDayOutcome),
  /**
   * what changed on replaced days versus the rows held at apply time (stored only with
   * --store-notifications); the plan's own list was told against the rows at dry-run time
   */
  notifications: z.array(PlanNotification),
});
export type ApplySessionReport = z.infer<typeof ApplySessionReport>;

/** What one run applied in all, as the one-go mode's summary carries it. */
export const ApplyTotals = z.object({
  store_notifications: z.boolean(),
  min_confidence: z.number(),
  counts: z.record(ApplySessionStatus, z.number().int().nonnegative()),
  persisted: PersistedCounts,
});
export type ApplyTotals = z.infer<typeof ApplyTotals>;

export const ApplyReport = z.object({
  plan: z.string(),
  db_schema: z.string(),
  store_notifications: z.boolean(),
  min_confidence: z.number(),
  started_at: z.string(),
  finished_at: z.string(),
  interrupted: z.boolean(),
  counts: z.record(ApplySessionStatus, z.number().int().nonnegative()),
  persisted: PersistedCounts,
  sessions: z.array(ApplySessionReport),
});
export type ApplyReport = z.infer<typeof ApplyReport>;
