/**
 * One OCR worker: the Tesseract build that ships with scribe.js (WASM, LSTM engine only), driven
 * through scribe's own engine wrapper in one engine thread, so terminating the worker ends a
 * crashed or hung recognition without touching the others. scribe's document layer is left out:
 * for a screenshot it only adds work (a second layout pass to detect skew, page images re-encoded
 * for its viewer, font metrics) and a second engine thread.
 */
/// <reference lib="deno.worker" />
import { TessWorker } from "scribe.js-ocr/tess/TessWorker.js";
import { OcrPage } from "../lib/schema/mod.ts";
import { preprocess } from "./preprocess.ts";
import { TESS_SETTINGS } from "./tess_settings.ts";

export interface WorkerRequest {
  id: number;
  bytes: Uint8Array;
  langDir: string;
  lang: string;
}
export type WorkerReply =
  | { id: number; ok: true; page: OcrPage }
  | { id: number; ok: false; code: string; message: string };

interface TessBox {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}
interface TessWord {
  text: string;
  confidence: number;
  bbox: TessBox;
}
interface TessBlock {
  paragraphs: { lines: { words: TessWord[] }[] }[];
}

let engine: Promise<TessWorker> | null = null;

function init(langDir: string, lang: string): Promise<TessWorker> {
  return TessWorker.create([lang], TessWorker.OEM.LSTM_ONLY, {
    langPath: langDir,
    // Never read or write a copy of the language data in the working folder.
    cacheMethod: "none",
    // A failed recognition rejects its own call; without a handler it would also throw here.
    errorHandler: () => {},
  }, { ...TESS_SETTINGS });
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
  engine ??= init(req.langDir, req.lang);
  const tess = await engine;
  const result = await tess.recognize(prepared.png, { rotateAuto: false }, {
    blocks: true,
    text: false,
  });
  const blocks = (result.data.blocks ?? []) as TessBlock[];
  const box = (b: TessBox) => ({
    left: b.x0 / prepared.scale,
    top: b.y0 / prepared.scale,
    right: b.x1 / prepared.scale,
    bottom: b.y1 / prepared.scale,
  });
  const lines = blocks.flatMap((b) => b.paragraphs.flatMap((p) => p.lines)).map((l) =>
    l.words.filter((w) => w.text.trim() !== "").map((w) => ({
      text: w.text.trim(),
      confidence: Math.min(1, Math.max(0, w.confidence / 100)),
      box: box(w.bbox),
    }))
  ).filter((words) => words.length > 0);
  const page = OcrPage.parse({
    width: prepared.width,
    height: prepared.height,
    // A line's box is its words' box: Tesseract's own can leave out marks at the ends.
    lines: lines.map((words) => ({
      box: {
        left: Math.min(...words.map((w) => w.box.left)),
        top: Math.min(...words.map((w) => w.box.top)),
        right: Math.max(...words.map((w) => w.box.right)),
        bottom: Math.max(...words.map((w) => w.box.bottom)),
      },
      words,
    })),
  });
  return { id: req.id, ok: true, page };
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
