import { z } from "zod";

/** An axis-aligned box in pixel coordinates of the original image file. */
export const Box = z.object({
  left: z.number(),
  top: z.number(),
  right: z.number(),
  bottom: z.number(),
});
export type Box = z.infer<typeof Box>;

export const OcrWord = z.object({
  text: z.string(),
  /** 0..1 */
  confidence: z.number().min(0).max(1),
  box: Box,
});
export type OcrWord = z.infer<typeof OcrWord>;

/** A line as the engine segmented it; layout re-derives its own rows from word boxes. */
export const OcrLine = z.object({
  box: Box,
  words: z.array(OcrWord),
});
export type OcrLine = z.infer<typeof OcrLine>;

export const OcrPage = z.object({
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  lines: z.array(OcrLine),
  /**
   * Where the page's content stops being visible, when OCR left a tab bar out: content reaching
   * it may go on under the bar.
   */
  visible_bottom: z.number().positive().optional(),
});
export type OcrPage = z.infer<typeof OcrPage>;
