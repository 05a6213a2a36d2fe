/**
 * The Tesseract settings every OCR worker recognises with. They change what is read, so the OCR
 * cache key includes them.
 */
export const TESS_SETTINGS: Readonly<Record<string, string>> = {
  tessedit_pageseg_mode: "3",
  // "|" is nearly always a misread "I" or a table rule.
  tessedit_char_blacklist: "|",
  // Keep blobs of any shape: Tesseract otherwise drops thin glyphs as noise.
  textord_noise_area_ratio: "1",
  textord_tabfind_find_tables: "0",
  // Screenshots hold no vertical text: looking for it read the same words on every corpus image.
  textord_tabfind_vertical_text: "0",
  load_freq_dawg: "0",
  // Light text on dark is already flipped in preprocessing. Left on, Tesseract reads every
  // low-confidence line (icons, rules, faint labels) a second time inverted.
  tessedit_do_invert: "0",
};
