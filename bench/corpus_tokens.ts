/** What a good OCR must find on a corpus session's screens: its shift times and labels. */
import type { Truth } from "../lib/schema/mod.ts";

export interface ExpectedToken {
  text: string;
  pattern: RegExp;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

export function expectedTokens(truth: Truth): ExpectedToken[] {
  const seen = new Map<string, ExpectedToken>();
  for (const day of truth.days) {
    for (const shift of day.shifts) {
      for (const time of [shift.start, shift.end]) {
        // Screens print 07:00, 7:00, 07.00 or 7.00.
        const [h, m] = time.split(":") as [string, string];
        const pattern = new RegExp(`(?<![\\d])0?${Number(h)}[:.]${m}(?![\\d])`);
        seen.set(time, { text: time, pattern });
      }
      for (const word of (shift.label ?? "").split(/\s+/).filter((w) => w.length > 1)) {
        seen.set(word, {
          text: word,
          pattern: new RegExp(`(?<![\\p{L}])${escape(word)}(?![\\p{L}])`, "u"),
        });
      }
    }
  }
  return [...seen.values()];
}

/** Fraction of expected tokens present in the text, and the counts. */
export function tokenRecall(
  tokens: ExpectedToken[],
  text: string,
): { found: number; total: number } {
  return { found: tokens.filter((t) => t.pattern.test(text)).length, total: tokens.length };
}
