/**
 * One session, start to finish: resolve its images, OCR them, read the schedule, preview it
 * against the stored days. Every expected problem becomes the session's error; only the
 * database failing escapes, because then the run itself must stop.
 */
import type postgres from "postgres";
import type { CaptureSession } from "../db/capture_reader.ts";
import { readDayState } from "../db/day_state_reader.ts";
import type { ImageIndex } from "../io/image_index.ts";
import { resolveImage } from "../io/resolve_images.ts";
import { extractSchedule } from "../lib/pipeline.ts";
import type { OcrPage } from "../lib/schema/ocr_page.ts";
import type { RunError, SessionOutput } from "../lib/schema/session_output.ts";
import {
  type DateContext,
  failedSession,
  referenceDate,
  scheduledSession,
  unreadImage,
} from "../lib/session_report.ts";

/** The part of the OCR engine the run uses. */
export interface OcrPort {
  readonly version: string;
  recognize(path: string): Promise<
    | {
      ok: true;
      page: OcrPage;
      sha256: string;
      bytes: number;
      ms: number;
      cache_hit: boolean;
      mean_confidence: number;
    }
    | {
      ok: false;
      error: { code: string; message: string; details?: unknown };
      sha256?: string;
      bytes?: number;
      ms: number;
    }
  >;
  close(): Promise<void>;
}

export interface SessionDeps {
  sql: postgres.Sql;
  schema: string;
  index: ImageIndex;
  ocr: () => Promise<OcrPort>;
  ctx: DateContext;
}

/** The database failed under the run: the session is not finished and the run must stop. */
export class DatabaseLost extends Error {}

export async function processSession(
  session: CaptureSession,
  deps: SessionDeps,
): Promise<SessionOutput> {
  const { row } = session;
  const images = session.images.map(unreadImage);
  if (!images.length) {
    return failedSession(row, images, {
      code: "no_images",
      message: `Session "${row.id}" has no images`,
      details: null,
    }, deps.ctx);
  }
  let firstError: RunError | null = null;
  const paths: string[] = [];
  for (const image of images) {
    const r = resolveImage(deps.index, image.r2_key);
    if (r.ok) {
      image.local_path = r.localPath;
      image.resolution = r.method;
      paths.push(r.localPath);
    } else firstError ??= r.error;
  }
  if (firstError) return failedSession(row, images, firstError, deps.ctx);

  const engine = await deps.ocr();
  const outcomes = await Promise.all(paths.map((p) => engine.recognize(p)));
  const pages: OcrPage[] = [];
  outcomes.forEach((o, i) => {
    const image = images[i]!;
    image.sha256 = o.sha256 ?? null;
    image.bytes = o.bytes ?? null;
    if (o.ok) {
      image.ocr = {
        status: "ok",
        mean_confidence: o.mean_confidence,
        ms: o.ms,
        cache_hit: o.cache_hit,
        error: null,
      };
      pages.push(o.page);
    } else {
      const error = {
        code: o.error.code,
        message: o.error.message,
        details: o.error.details ?? null,
      };
      image.ocr = { status: "failed", mean_confidence: null, ms: o.ms, cache_hit: null, error };
      firstError ??= error;
    }
  });
  if (firstError) return failedSession(row, images, firstError, deps.ctx);

  let schedule;
  try {
    schedule = extractSchedule(pages, {
      reference: referenceDate(row, deps.ctx.timeZone),
      timeZone: deps.ctx.timeZone,
      defaultYear: deps.ctx.defaultYear,
    });
  } catch (err) {
    // A reader bug on one odd screenshot must not end a run of thousands.
    return failedSession(row, images, {
      code: "pipeline_failed",
      message: `Cannot read a schedule from session "${row.id}": ${(err as Error).message}`,
      details: null,
    }, deps.ctx);
  }
  let state;
  try {
    state = await readDayState(
      deps.sql,
      deps.schema,
      row.user_id,
      schedule.days.map((d) => d.date),
    );
  } catch (err) {
    throw new DatabaseLost((err as Error).message, { cause: err });
  }
  return scheduledSession(row, images, schedule, state, deps.ctx);
}
