import { z } from "zod";
import {
  ApplySessionReport,
  ApplyTotals,
  PlanDayPreview,
  PlanNotification,
} from "./apply_report.ts";
import { Day, IsoDate } from "./schedule.ts";

/** Ids are bigints in the database: carried as decimal text so none loses precision. */
const Id = z.string().regex(/^\d+$/);

export const SessionStatus = z.enum(["ok", "no_schedule", "failed"]);
export type SessionStatus = z.infer<typeof SessionStatus>;

export const RunError = z.object({
  code: z.string(),
  message: z.string(),
  details: z.unknown(),
});
export type RunError = z.infer<typeof RunError>;

/** One image of the session: where it was found and how it was read. */
export const ImageMapping = z.object({
  sequence: z.number().int(),
  r2_key: z.string(),
  /** the file read, null when it could not be resolved */
  local_path: z.string().nullable(),
  resolution: z.enum(["exact_path", "basename"]).nullable(),
  sha256: z.string().nullable(),
  bytes: z.number().int().nonnegative().nullable(),
  ocr: z.object({
    status: z.enum(["ok", "failed", "not_run"]),
    mean_confidence: z.number().min(0).max(1).nullable(),
    ms: z.number().nonnegative().nullable(),
    cache_hit: z.boolean().nullable(),
    error: RunError.nullable(),
  }),
});
export type ImageMapping = z.infer<typeof ImageMapping>;

export const DayPreviewTotals = z.object({
  days: z.object({
    insert: z.number().int().nonnegative(),
    update: z.number().int().nonnegative(),
    delete: z.number().int().nonnegative(),
    unchanged: z.number().int().nonnegative(),
    skipped_older: z.number().int().nonnegative(),
  }),
  events: PlanDayPreview.shape.events,
});

/** `<output-dir>/<session_id>.json`: everything the dry run found for one session. */
export const SessionOutput = z.object({
  format: z.literal("backfill-session/1"),
  session: z.object({
    id: Id,
    user_id: Id,
    state: z.string(),
    created_at: z.string(),
  }),
  status: SessionStatus,
  error: RunError.nullable(),
  images: z.array(ImageMapping),
  /** how dates were placed: the capture date relative words refer to, the zone, the year */
  dates: z.object({
    reference_date: IsoDate,
    time_zone: z.string(),
    default_year: z.number().int().nullable(),
    date_range: z.object({ first: IsoDate, last: IsoDate }).nullable(),
  }),
  /** canonical days and shifts, each day with the header it was read from and its year rule */
  days: z.array(Day),
  warnings: z.array(z.string()),
  preview: z.object({ days: z.array(PlanDayPreview), totals: DayPreviewTotals }),
  notifications: z.array(PlanNotification),
  /** what was persisted next to the preview, when apply ran the pipeline itself */
  apply: ApplySessionReport.optional(),
});
export type SessionOutput = z.infer<typeof SessionOutput>;

/** One session's line in the summary. */
export const SummaryLine = z.object({
  id: Id,
  user_id: Id,
  status: SessionStatus,
  error_code: z.string().nullable(),
  message: z.string().nullable(),
  images: z.number().int().nonnegative(),
  days: z.number().int().nonnegative(),
  notifications: z.number().int().nonnegative(),
  /** the per-session file, relative to the summary's folder when it lies below it */
  file: z.string(),
});
export type SummaryLine = z.infer<typeof SummaryLine>;

export const RunCounts = z.object({
  sessions: z.number().int().nonnegative(),
  by_status: z.record(SessionStatus, z.number().int().nonnegative()),
  by_error_code: z.record(z.string(), z.number().int().nonnegative()),
  images: z.number().int().nonnegative(),
  ocr_cache_hits: z.number().int().nonnegative(),
});
export type RunCounts = z.infer<typeof RunCounts>;

/** `--output-file`: the run as a whole. */
export const BackfillSummary = z.object({
  format: z.literal("backfill-summary/1"),
  tool: z.object({ name: z.string(), version: z.string(), deno: z.string() }),
  engine: z.object({ ocr: z.string().nullable(), language: z.string() }),
  /** the run's options; the database URL without its password */
  options: z.record(z.string(), z.unknown()),
  started_at: z.string(),
  finished_at: z.string(),
  /** the run ended early: interrupted, or the database was lost */
  partial: z.boolean(),
  fatal_error: RunError.nullable(),
  /** merged from shard summaries: one entry per shard */
  shards: z.array(z.object({ index: z.number().int(), count: z.number().int(), file: z.string() }))
    .optional(),
  counts: RunCounts,
  sessions: z.array(SummaryLine),
  /** what was persisted in all, when apply ran the pipeline itself */
  apply: ApplyTotals.optional(),
});
export type BackfillSummary = z.infer<typeof BackfillSummary>;
