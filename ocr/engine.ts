/** The OCR port: image file in, our own plain OcrPage out. Bad input is an outcome, not a throw. */
import type { OcrPage } from "../lib/schema/mod.ts";

export interface OcrError {
  code: string;
  message: string;
  details?: Record<string, unknown>;
}

export type OcrOutcome =
  | {
    ok: true;
    page: OcrPage;
    sha256: string;
    bytes: number;
    ms: number;
    cache_hit: boolean;
    mean_confidence: number;
  }
  | { ok: false; error: OcrError; sha256?: string; bytes?: number; ms: number };

export interface OcrEngine extends AsyncDisposable {
  /** engine, language data and preprocessing versions: part of every cache key */
  readonly version: string;
  recognize(path: string): Promise<OcrOutcome>;
  close(): Promise<void>;
}

export interface OcrEngineOptions {
  /** the runner's --ocr-lang code, "sv" by default */
  lang?: string;
  concurrency?: number;
  /** null or absent: no cache */
  cacheDir?: string | null;
  timeoutMs?: number;
  maxPixels?: number;
}
