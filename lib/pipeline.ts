import { aggregateSession } from "./aggregate_session.ts";
import { readPage } from "./layout/page_reading.ts";
import type { OcrPage } from "./schema/ocr_page.ts";
import type { SessionSchedule } from "./schema/schedule.ts";

export interface ScheduleContext {
  /** capture date (YYYY-MM-DD) in the schedule's time zone; "Idag" means this day */
  reference: string;
  /** IANA zone of the schedule, e.g. "Europe/Stockholm" */
  timeZone: string;
  /** year for dates no other rule can place */
  defaultYear?: number | null;
}

/**
 * The schedule shown by one capture session's images, given their OCR pages in sequence
 * order. Pure: the same pages and context always give the same schedule.
 */
export function extractSchedule(pages: readonly OcrPage[], ctx: ScheduleContext): SessionSchedule {
  const readings = pages.map((page) => readPage(page, ctx.reference));
  return aggregateSession(readings, {
    reference: ctx.reference,
    timeZone: ctx.timeZone,
    defaultYear: ctx.defaultYear ?? null,
  });
}
