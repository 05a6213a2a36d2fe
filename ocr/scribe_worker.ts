/**
 * One OCR worker: preprocessing and one Tesseract engine (`tesseract_core.ts`) in this thread, so
 * terminating the worker ends a crashed or hung recognition without touching the others.
 */
/// <reference lib="deno.worker" />
import type { OcrPage } from "../lib/schema/mod.ts";
import { preprocess } from "./preprocess.ts";
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
  const tsv = (await engine).recognizeGrey(prepared.image);
  const { width, height, scale } = prepared;
  return { id: req.id, ok: true, page: pageFromTsv({ tsv, width, height, scale }) };
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
