/**
 * One OCR worker: scribe.js (WASM Tesseract) with its own single engine thread, so terminating
 * the worker ends a crashed or hung recognition without touching the others.
 */
/// <reference lib="deno.worker" />
import scribe from "scribe.js-ocr";
import { OcrPage } from "../lib/schema/mod.ts";
import { preprocess } from "./preprocess.ts";

export interface WorkerRequest {
  id: number;
  bytes: Uint8Array;
  langDir: string;
  lang: string;
}
export type WorkerReply =
  | { id: number; ok: true; page: OcrPage }
  | { id: number; ok: false; code: string; message: string };

interface ScribeWord {
  text: string;
  conf: number;
  bbox: { left: number; top: number; right: number; bottom: number };
}
interface ScribeLine {
  bbox: ScribeWord["bbox"];
  words: ScribeWord[];
}

let ready: Promise<void> | null = null;

function init(langDir: string, lang: string): Promise<void> {
  scribe.opt.workerN = 1;
  scribe.opt.langPath = langDir;
  scribe.opt.warningHandler = () => {};
  return scribe.init({ ocr: true, ocrParams: { langs: [lang] } });
}

const box = (b: ScribeWord["bbox"], scale: number) => ({
  left: b.left / scale,
  top: b.top / scale,
  right: b.right / scale,
  bottom: b.bottom / scale,
});

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
  ready ??= init(req.langDir, req.lang);
  await ready;
  const buffer = prepared.png.buffer.slice(
    prepared.png.byteOffset,
    prepared.png.byteOffset + prepared.png.byteLength,
  );
  const doc = await scribe.openDocument({ imageFiles: [buffer] });
  await doc.recognize({ langs: [req.lang], modeAdv: "lstm" });
  const lines = (doc.ocr.active[0]?.lines ?? []) as ScribeLine[];
  // Copy into plain data: scribe's objects hold circular references.
  const page = OcrPage.parse({
    width: prepared.width,
    height: prepared.height,
    lines: lines.map((l) => ({
      box: box(l.bbox, prepared.scale),
      words: l.words.map((w) => ({
        text: w.text,
        confidence: Math.min(1, Math.max(0, w.conf / 100)),
        box: box(w.bbox, prepared.scale),
      })),
    })),
  });
  await doc.close?.();
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
