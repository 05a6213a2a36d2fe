/**
 * Writes the review page beside the summary. A first pass reads each session's file to decide
 * whose screenshots the page embeds (lib/review_page.ts: only what needs a look, within a cap);
 * a second reads them again and streams the page part by part into a file written whole or not
 * at all, while the next sessions' screenshots are downscaled in workers. Memory holds a few
 * sessions at a time, and a killed run never leaves half a page.
 */
import { dirname, resolve } from "node:path";
import { writeFileAtomic } from "../io/atomic_write.ts";
import type { ReviewImagesMode } from "../lib/backfill_flags.ts";
import {
  type PictureCandidate,
  pictureCandidate,
  planPictures,
  reviewPageHead,
  reviewPageTail,
  reviewSessionPart,
} from "../lib/review_page.ts";
import type {
  BackfillSummary,
  RunError,
  SessionOutput,
  SummaryLine,
} from "../lib/schema/session_output.ts";
import { ReviewPictures } from "./review_pictures.ts";

export interface ReviewPageOptions {
  /** where downscaled copies are kept for the next run; null keeps none */
  cacheDir: string | null;
  images: ReviewImagesMode;
  maxImages: number;
  /** workers downscaling at once */
  concurrency: number;
}

/** Sessions prepared ahead of the one being written, per worker, so no worker waits. */
const AHEAD_PER_WORKER = 4;

/**
 * The page for the sessions the summary lists, in its order. A failure to write it is an
 * error value: the dry run's own outputs are already complete.
 */
export async function writeReviewPage(
  file: string,
  summaryFile: string,
  summary: BackfillSummary,
  candidates: ReadonlyMap<string, PictureCandidate>,
  options: ReviewPageOptions,
): Promise<RunError | null> {
  const lines = summary.sessions;
  const read = async (line: SummaryLine) =>
    JSON.parse(await Deno.readTextFile(resolve(dirname(summaryFile), line.file))) as SessionOutput;
  const pictures = new ReviewPictures({
    cacheDir: options.cacheDir,
    concurrency: options.concurrency,
  });
  try {
    const planned = [];
    for (const line of lines) {
      const known = candidates.get(line.id) ?? pictureCandidate(await read(line));
      planned.push({ id: line.id, ...known });
    }
    const plan = planPictures(planned, options.images, options.maxImages);
    const part = async (index: number) => {
      const line = lines[index]!;
      const output = await read(line);
      const choice = plan.choices[index]!;
      const shown = choice === "shown"
        ? await Promise.all(output.images.map((image) => pictures.picture(image)))
        : [];
      return reviewSessionPart({ output, pictures: shown, file: line.file, choice });
    };
    const ahead = Math.max(2, options.concurrency * AHEAD_PER_WORKER);
    const head = reviewPageHead(summary, plan);
    await writeFileAtomic(file, pageParts(head, lines.length, ahead, part, reviewPageTail()));
    return null;
  } catch (err) {
    return {
      code: "review_not_written",
      message: `Cannot write the review page "${file}": ${(err as Error).message}`,
      details: null,
    };
  } finally {
    pictures.close();
  }
}

/** The page's parts in order, each session's prepared up to `ahead` sessions before it is due. */
async function* pageParts(
  head: string,
  count: number,
  ahead: number,
  part: (index: number) => Promise<string>,
  tail: string,
): AsyncGenerator<string> {
  yield head;
  const parts = new Map<number, Promise<string>>();
  let next = 0;
  for (let i = 0; i < count; i++) {
    for (; next < count && next <= i + ahead; next++) {
      const p = part(next);
      // Awaited in order below; this only keeps an early failure from going unhandled.
      p.catch(() => {});
      parts.set(next, p);
    }
    yield await parts.get(i)!;
    parts.delete(i);
  }
  yield tail;
}
