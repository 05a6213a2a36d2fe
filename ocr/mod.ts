/** OCR of schedule screenshots: scribe.js (WASM Tesseract) in replaceable workers, cached. */
import { createHash } from "node:crypto";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { OcrPage } from "../lib/schema/mod.ts";
import type { OcrEngine, OcrEngineOptions, OcrOutcome } from "./engine.ts";
import { checkImage } from "./image_check.ts";
import { resolveOcrLanguage } from "./languages.ts";
import { OcrCache } from "./ocr_cache.ts";
import { PREPROCESS_VERSION } from "./preprocess.ts";
import type { WorkerReply, WorkerRequest } from "./scribe_worker.ts";
import { TESS_SETTINGS } from "./tess_settings.ts";
import { WorkerPool } from "./worker_pool.ts";

export type { OcrEngine, OcrEngineOptions, OcrError, OcrOutcome } from "./engine.ts";
export { resolveOcrLanguage } from "./languages.ts";

// scribe.js's Tesseract build (relaxed SIMD, LSTM engine alone) through its own API, words as TSV.
export const ENGINE_VERSION = "scribe.js-ocr@0.15.0/core-relaxedsimd-lstm/tsv/faint-words";
export const DEFAULT_MAX_PIXELS = 40_000_000;
export const DEFAULT_TIMEOUT_MS = 60_000;

function meanConfidence(page: OcrPage): number {
  const words = page.lines.flatMap((l) => l.words);
  return words.length === 0 ? 0 : words.reduce((s, w) => s + w.confidence, 0) / words.length;
}

function languageDataDir(dataDir: string): string {
  const [scope, name, ...rest] = dataDir.split("/");
  const entry = fileURLToPath(import.meta.resolve(`${scope}/${name}`));
  return join(dirname(entry), ...rest);
}

export interface OcrEngineWithPool extends OcrEngine {
  /** Kills the worker busy on an image, as a crash would (for tests and diagnostics). */
  killBusyWorker(): boolean;
}

export function openOcrEngine(opts: OcrEngineOptions = {}): Promise<OcrEngineWithPool> {
  const lang = resolveOcrLanguage(opts.lang ?? "sv");
  if (!lang.ok) return Promise.reject(new Error(lang.message));
  const settings = Object.entries(TESS_SETTINGS).map(([k, v]) => `${k}=${v}`).join(",");
  const version =
    `${ENGINE_VERSION}+${lang.tesseract}@${lang.dataDir}+${PREPROCESS_VERSION}+${settings}`;
  const concurrency = Math.max(1, opts.concurrency ?? navigator.hardwareConcurrency ?? 1);
  const maxPixels = opts.maxPixels ?? DEFAULT_MAX_PIXELS;
  const pool = new WorkerPool<WorkerRequest, WorkerReply>({
    script: new URL("./scribe_worker.ts", import.meta.url),
    size: concurrency,
    timeoutMs: opts.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    task: "OCR",
  });
  const job = { langDir: languageDataDir(lang.dataDir), lang: lang.tesseract };
  const cache = opts.cacheDir ? new OcrCache(opts.cacheDir, version) : null;

  async function recognize(path: string): Promise<OcrOutcome> {
    const started = performance.now();
    const ms = () => Math.round(performance.now() - started);
    let bytes: Uint8Array;
    try {
      bytes = await Deno.readFile(path);
    } catch (e) {
      return {
        ok: false,
        error: {
          code: "image_unreadable",
          message: `Cannot read image "${path}": ${(e as Error).message}`,
        },
        ms: ms(),
      };
    }
    const sha256 = createHash("sha256").update(bytes).digest("hex");
    const size = { sha256, bytes: bytes.length };
    const checked = checkImage(bytes, path, maxPixels);
    if (!checked.ok) return { ok: false, error: checked.error, ...size, ms: ms() };
    const cached = await cache?.get(sha256);
    if (cached) {
      return {
        ok: true,
        page: cached,
        ...size,
        ms: ms(),
        cache_hit: true,
        mean_confidence: meanConfidence(cached),
      };
    }
    const outcome = await pool.run({ bytes, ...job });
    const reply = outcome.ok ? outcome.reply : {
      ok: false as const,
      code: outcome.error.code === "job_timeout" ? "ocr_timeout" : "ocr_failed",
      message: outcome.error.message,
    };
    if (!reply.ok) {
      return {
        ok: false,
        error: { code: reply.code, message: `Cannot recognise image "${path}": ${reply.message}` },
        ...size,
        ms: ms(),
      };
    }
    await cache?.put(sha256, reply.page);
    return {
      ok: true,
      page: reply.page,
      ...size,
      ms: ms(),
      cache_hit: false,
      mean_confidence: meanConfidence(reply.page),
    };
  }

  const close = () => Promise.resolve(pool.close());
  return Promise.resolve({
    version,
    recognize,
    close,
    killBusyWorker: () => pool.killBusyWorker(),
    [Symbol.asyncDispose]: close,
  });
}
