import { z } from "zod";
import { Box } from "./ocr_page.ts";

export const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
export const ClockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);

export const DayStatus = z.enum(["work", "off", "vacation", "sick"]);
export type DayStatus = z.infer<typeof DayStatus>;

/** Which rule decided a date's year, in the order they are tried. */
export const YearSource = z.enum([
  "explicit",
  "relative",
  "week_number",
  "weekday",
  "continuity",
  "capture_date",
  "default_year",
]);
export type YearSource = z.infer<typeof YearSource>;

/** Where on which image of the session something was read (for review overlays). */
export const Region = z.object({
  /** index into the session's images in sequence order */
  image: z.number().int().nonnegative(),
  box: Box,
});
export type Region = z.infer<typeof Region>;

export const Shift = z.object({
  start: ClockTime,
  end: ClockTime,
  ends_next_day: z.boolean(),
  /** start and end as local time with the zone's UTC offset, e.g. "2026-03-29T06:00:00+02:00" */
  starts_at: z.string(),
  ends_at: z.string(),
  label: z.string().nullable(),
  location: z.string().nullable(),
  break_minutes: z.number().int().nonnegative().nullable(),
  /** lowest OCR word confidence among the words the shift was read from, 0..1 */
  confidence: z.number().min(0).max(1),
  regions: z.array(Region),
});
export type Shift = z.infer<typeof Shift>;

export const Day = z.object({
  date: IsoDate,
  status: DayStatus,
  shifts: z.array(Shift),
  /** the day label as read, e.g. "Måndag 12 januari" */
  header_text: z.string(),
  year_source: YearSource,
  regions: z.array(Region),
});
export type Day = z.infer<typeof Day>;

/** The schedule read from all images of one capture session. */
export const SessionSchedule = z.object({
  status: z.enum(["ok", "no_schedule"]),
  /** the capture date relative labels and year inference referred to */
  reference_date: IsoDate,
  /** first and last date shown, null without days */
  date_range: z.object({ first: IsoDate, last: IsoDate }).nullable(),
  days: z.array(Day),
  /** human-readable notes on what was ignored or doubtful */
  warnings: z.array(z.string()),
});
export type SessionSchedule = z.infer<typeof SessionSchedule>;
