import { z } from "zod";
import { ClockTime, DayStatus, IsoDate } from "./schedule.ts";

/** `sessions.json` of a corpus: session rows as production holds them. */
export const CorpusImage = z.object({
  sequence: z.number().int(),
  r2_key: z.string().min(1),
});
export const CorpusSession = z.object({
  id: z.number().int().positive(),
  user_id: z.number().int().positive(),
  state: z.enum(["open", "closed", "processing", "done", "failed"]),
  created_at: z.string(),
  images: z.array(CorpusImage),
});
export type CorpusSession = z.infer<typeof CorpusSession>;
export const CorpusSessions = z.object({ sessions: z.array(CorpusSession) });

/** `truth/<id>.json` of a corpus. */
export const TruthShift = z.object({
  start: ClockTime,
  end: ClockTime,
  label: z.string().nullable(),
  location: z.string().nullable(),
  break_minutes: z.number().int().nullable(),
});
export const TruthDay = z.object({
  date: IsoDate,
  status: DayStatus,
  shifts: z.array(TruthShift),
});
export const Truth = z.object({
  session_id: z.number().int(),
  expect: z.enum(["ok", "missing_image", "ambiguous_image", "no_schedule"]),
  layout: z.string(),
  theme: z.enum(["light", "dark"]),
  reference_date: IsoDate,
  default_year: z.number().int(),
  days: z.array(TruthDay),
});
export type Truth = z.infer<typeof Truth>;
