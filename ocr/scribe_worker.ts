/**
 * One OCR worker: preprocessing and one Tesseract engine (`tesseract_core.ts`) in this thread, so
 * terminating the worker ends a crashed or hung recognition without touching the others. The page
 * is read whole; then each light-grey word Tesseract left unread (`faint_text.ts`) is read again on
 * its own, darkened, as one line.
 */
/// <reference lib="deno.worker" />
import type { OcrPage } from "../lib/schema/mod.ts";
import { unreadFaintWords, withRereads } from "./faint_merge.ts";
import { faintCutout, faintWords } from "./faint_text.ts";
import { type Prepared, preprocess } from "./preprocess.ts";
import { openTesseract, type Tesseract } from "./tesseract_core.ts";
import { TESS_SETTINGS } from "./tess_settings.ts";
import { pageFromTsv } from "./tsv_page.ts";

export interface WorkerRequest {
  id: number;
  bytes: Uint8Array;
  langDir: string;
  lang: string;
}
export type WorkerReply =
  | { id: number; ok: true; page: OcrPage }
  | { id: number; ok: false; code: string; message: string };

let engine: Promise<Tesseract> | null = null;

/** a faint word's cut-out reaches this many word heights past it */
const CUTOUT_PAD = 0.5;
/** pages with more faint words than this show greyed-out content, not a few pale labels */
const MAX_FAINT_WORDS = 24;

function readWords(tess: Tesseract, prepared: Prepared): OcrPage {
  const { image, width, height, scale } = prepared;
  const page = pageFromTsv({ tsv: tess.recognizeGrey(image), width, height, scale });
  const faint = faintWords(image);
  if (faint.length > MAX_FAINT_WORDS) return page;
  const rereads = unreadFaintWords(page, faint, scale).map((word) => {
    const cutout = faintCutout(image, word, CUTOUT_PAD);
    const tsv = tess.recognizeGrey(cutout.image, "line");
    return { word, lines: pageFromTsv({ tsv, width, height, scale, origin: cutout }).lines };
  });
  return withRereads(page, rereads, scale);
}

function readPage(tess: Tesseract, prepared: Prepared): OcrPage {
  const page = readWords(tess, prepared);
  const { visibleBottom } = prepared;
  return visibleBottom === null ? page : { ...page, visible_bottom: visibleBottom };
}

async function recognize(req: WorkerRequest): Promise<WorkerReply> {
  let prepared;
  try {
    prepared = preprocess(req.bytes);
  } catch (e) {
    return {
      id: req.id,
      ok: false,
      code: "image_unreadable",
      message: `Cannot decode image: ${(e as Error).message}`,
    };
  }
  engine ??= openTesseract(req.langDir, req.lang, TESS_SETTINGS);
  try {
    return { id: req.id, ok: true, page: readPage(await engine, prepared) };
  } catch (e) {
    // An engine that failed mid-page may be left in any state: the next image gets a new one.
    engine = null;
    throw e;
  }
}

self.onmessage = async (event: MessageEvent<WorkerRequest>) => {
  let reply: WorkerReply;
  try {
    reply = await recognize(event.data);
  } catch (e) {
    reply = { id: event.data.id, ok: false, code: "ocr_failed", message: String(e) };
  }
  self.postMessage(reply);
};
