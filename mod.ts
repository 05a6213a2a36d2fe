/**
 * The schedule-reading library: OCR pages of a capture session in, the days and shifts they
 * show out. A live ingest worker imports this module to run the same code as the backfill.
 */
export { extractSchedule, type ScheduleContext } from "./lib/pipeline.ts";
export * from "./lib/schema/mod.ts";
export { parseDayHeader } from "./lib/swedish_dates.ts";
export { parseTimeRange } from "./lib/time_ranges.ts";
export { parseWeekLabel } from "./lib/week_labels.ts";
