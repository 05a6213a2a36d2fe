import type { OcrPage, OcrWord } from "../../../lib/schema/ocr_page.ts";

/** One cell of a row: its left edge and text; words are laid out left to right. */
export type CellSpec = [left: number, text: string, confidence?: number];

export interface RowSpec {
  top: number;
  cells: CellSpec[];
  height?: number;
}

/**
 * Builds an OcrPage as an OCR engine would report it, from rows of cells: every word gets a
 * box from a fixed character width, so tests state layouts in screen coordinates.
 */
export function buildPage(width: number, height: number, rows: RowSpec[]): OcrPage {
  const lines = rows.map((row) => {
    const h = row.height ?? 40;
    const charWidth = h * 0.55;
    const words: OcrWord[] = [];
    for (const [left, text, confidence] of row.cells) {
      let x = left;
      for (const token of text.split(" ")) {
        const w = Math.max(token.length * charWidth, charWidth);
        words.push({
          text: token,
          confidence: confidence ?? 0.95,
          box: { left: x, top: row.top, right: x + w, bottom: row.top + h },
        });
        x += w + h * 0.35;
      }
    }
    const box = {
      left: Math.min(...words.map((w) => w.box.left)),
      top: row.top,
      right: Math.max(...words.map((w) => w.box.right)),
      bottom: row.top + h,
    };
    return { box, words };
  });
  return { width, height, lines };
}

/** The status bar and tab bar a phone screenshot carries around its content. */
export function phoneChrome(height: number): RowSpec[] {
  return [
    { top: 60, cells: [[90, "09:41"], [800, "5G 95 %"]] },
    {
      top: height - 210,
      height: 60,
      cells: [[110, "Q", 0.2], [400, "=", 0.5], [700, "a", 0.1], [1000, "ÅA", 0.4]],
    },
    {
      top: height - 135,
      height: 24,
      cells: [[110, "Hem"], [395, "Pass"], [625, "Meddelanden"], [990, "Profil"]],
    },
  ];
}
