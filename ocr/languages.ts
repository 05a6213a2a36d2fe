/** --ocr-lang codes and the Tesseract language data each one loads from node_modules. */

const LANGUAGES: Record<string, { tesseract: string; dataDir: string }> = {
  // Swedish alone: adding English costs the å/ä/ö.
  sv: { tesseract: "swe", dataDir: "@tesseract.js-data/swe/4.0.0" },
};

export function resolveOcrLanguage(
  code: string,
): { ok: true; tesseract: string; dataDir: string } | { ok: false; message: string } {
  const found = LANGUAGES[code];
  if (found) return { ok: true, ...found };
  return {
    ok: false,
    message: `Unknown OCR language "${code}": supported are ${Object.keys(LANGUAGES).join(", ")}`,
  };
}
