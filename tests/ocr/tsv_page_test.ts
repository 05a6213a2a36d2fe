import assert from "node:assert/strict";
import { pageFromTsv } from "../../ocr/tsv_page.ts";

const HEADER =
  "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext";
const row = (...cells: (string | number)[]) => cells.join("\t");

// Two lines in one block: "Måndag 12 januari" and "07:00 – 15:30", with an icon read as nothing.
const TSV = [
  HEADER,
  row(1, 1, 0, 0, 0, 0, 0, 0, 1170, 2532, -1, ""),
  row(2, 1, 1, 0, 0, 0, 90, 400, 600, 140, -1, ""),
  row(3, 1, 1, 1, 0, 0, 90, 400, 600, 140, -1, ""),
  row(4, 1, 1, 1, 1, 0, 92, 398, 500, 44, -1, ""),
  row(5, 1, 1, 1, 1, 1, 90, 402, 200, 38, 96.5, "Måndag"),
  row(5, 1, 1, 1, 1, 2, 310, 400, 40, 38, 95.1, "12"),
  row(5, 1, 1, 1, 1, 3, 370, 404, 240, 36, 91.25, "januari"),
  row(4, 1, 1, 1, 2, 0, 90, 500, 400, 40, -1, ""),
  row(5, 1, 1, 1, 2, 1, 90, 500, 120, 40, 97, "07:00"),
  row(5, 1, 1, 1, 2, 2, 230, 510, 30, 20, 60, "–"),
  row(5, 1, 1, 1, 2, 3, 280, 500, 120, 40, 97, "15:30"),
  row(4, 1, 2, 1, 1, 0, 1000, 60, 60, 40, -1, ""),
  row(5, 1, 2, 1, 1, 1, 1000, 60, 60, 40, 95, " "),
  "",
].join("\n");

Deno.test("words keep their text, confidence and box, line by line", () => {
  const page = pageFromTsv({ tsv: TSV, width: 1170, height: 2532, scale: 1 });
  assert.equal(page.width, 1170);
  assert.equal(page.height, 2532);
  assert.deepEqual(
    page.lines.map((l) => l.words.map((w) => w.text)),
    [["Måndag", "12", "januari"], ["07:00", "–", "15:30"]],
  );
  const first = page.lines[0]!.words[0]!;
  assert.equal(first.confidence, 0.965);
  assert.deepEqual(first.box, { left: 90, top: 402, right: 290, bottom: 440 });
});

Deno.test("a line's box is its words' box, not Tesseract's", () => {
  const page = pageFromTsv({ tsv: TSV, width: 1170, height: 2532, scale: 1 });
  // Tesseract's own box is 92..592 x 398..442; the words span 90..610 x 400..440.
  assert.deepEqual(page.lines[0]!.box, { left: 90, top: 400, right: 610, bottom: 440 });
  assert.deepEqual(page.lines[1]!.box, { left: 90, top: 500, right: 400, bottom: 540 });
});

Deno.test("lines read as nothing are left out", () => {
  const page = pageFromTsv({ tsv: TSV, width: 1170, height: 2532, scale: 1 });
  assert.equal(page.lines.length, 2);
  assert.ok(page.lines.every((l) => l.words.every((w) => w.text.trim() !== "")));
});

Deno.test("boxes are mapped back to the original file's pixels", () => {
  const page = pageFromTsv({ tsv: TSV, width: 585, height: 1266, scale: 2 });
  assert.deepEqual(page.lines[1]!.words[2]!.box, { left: 140, top: 250, right: 200, bottom: 270 });
  assert.equal(page.width, 585);
});
