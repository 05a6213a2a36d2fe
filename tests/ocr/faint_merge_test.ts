import assert from "node:assert/strict";
import { unreadFaintWords, withRereads } from "../../ocr/faint_merge.ts";
import { union } from "../../lib/layout/word_rows.ts";
import type { FaintWord } from "../../ocr/faint_text.ts";
import type { OcrLine, OcrPage, OcrWord } from "../../lib/schema/mod.ts";

const word = (
  text: string,
  left: number,
  top: number,
  right: number,
  bottom: number,
  confidence = 0.95,
): OcrWord => ({
  text,
  confidence,
  box: { left, top, right, bottom },
});
const line = (...words: OcrWord[]): OcrLine => ({ box: union(words.map((w) => w.box)), words });
const page = (...lines: OcrLine[]): OcrPage => ({ width: 500, height: 1000, lines });

/** "Semester" in light grey at 100..260 x 400..420 on a page prepared at twice the size. */
const SEMESTER: FaintWord = {
  left: 200,
  top: 800,
  right: 520,
  bottom: 840,
  darkest: 190,
  glyphs: [
    { left: 200, top: 800, right: 236, bottom: 840 },
    { left: 480, top: 810, right: 520, bottom: 840 },
  ],
};
const TEXT = page(line(word("Lördag", 20, 400, 90, 420)));

Deno.test("a faint word no page word covers is unread; one a word covers is read", () => {
  assert.deepEqual(unreadFaintWords(TEXT, [SEMESTER], 2), [SEMESTER]);
  const read = page(line(word("Semester", 100, 400, 260, 420)));
  assert.deepEqual(unreadFaintWords(read, [SEMESTER], 2), []);
  // A sliver of it ("S" read as a mark) does not count as reading it.
  const sliver = page(line(word("S", 100, 400, 115, 420)));
  assert.deepEqual(unreadFaintWords(sliver, [SEMESTER], 2), [SEMESTER]);
});

Deno.test("a word read again joins the page, its box on its glyphs, not the cut-out", () => {
  const reread = [line(word("Semester", 98, 385, 262, 435))];
  const merged = withRereads(TEXT, [{ word: SEMESTER, lines: reread }], 2);
  assert.deepEqual(merged.lines.map((l) => l.words.map((w) => w.text)), [["Lördag"], ["Semester"]]);
  assert.deepEqual(merged.lines[1]!.words[0]!.box, { left: 98, top: 400, right: 262, bottom: 420 });
});

Deno.test("what the page made of a word read again gives way; the rest of its line stays", () => {
  const fragment = page(line(word("Lördag", 20, 400, 90, 420), word("Sa", 120, 405, 180, 420)));
  const reread = [line(word("Semester", 98, 385, 262, 435))];
  const merged = withRereads(fragment, [{ word: SEMESTER, lines: reread }], 2);
  assert.deepEqual(merged.lines.map((l) => l.words.map((w) => w.text)), [["Lördag"], ["Semester"]]);
  assert.deepEqual(merged.lines[0]!.box, { left: 20, top: 400, right: 90, bottom: 420 });
});

Deno.test("a cut-out's low-confidence marks are dropped, and nothing is replaced for them", () => {
  const fragment = page(line(word("Sa", 120, 405, 180, 420)));
  const reread = [line(word("Oo", 98, 385, 130, 435, 0.4))];
  const merged = withRereads(fragment, [{ word: SEMESTER, lines: reread }], 2);
  assert.deepEqual(merged, fragment);
});
