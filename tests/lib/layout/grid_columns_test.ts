import assert from "node:assert/strict";
import { weekdayHeader } from "../../../lib/layout/grid_columns.ts";
import { groupRows, pageWords } from "../../../lib/layout/word_rows.ts";
import { buildPage } from "./page_builder.ts";

/** The weekdays a row of words 160 px apart reads as a grid header, or null. */
function header(words: string[]): number[] | null {
  const page = buildPage(1170, 2532, [
    { top: 300, cells: words.map((w, i): [number, string] => [40 + i * 160, w]) },
  ]);
  const [row] = groupRows(pageWords(page));
  return weekdayHeader(row!)?.map((h) => h.weekday) ?? null;
}

Deno.test("weekdayHeader() reads a row of weekdays alone as a grid's column heads", () => {
  assert.deepEqual(header(["Mån", "Tis", "Ons", "Tor", "Fre", "Lör", "Sön"]), [
    1,
    2,
    3,
    4,
    5,
    6,
    7,
  ]);
  assert.deepEqual(header(["mån.", "tis.", "ons.", "tor.", "fre."]), [1, 2, 3, 4, 5]);
  // OCR's stray mark after a head does not cost the grid its header.
  assert.deepEqual(header(["MÅN", "TIS,", "ONS", "TOR:", "FRE"]), [1, 2, 3, 4, 5]);
});

Deno.test("weekdayHeader() takes no row with a date, a badge, other words or under five heads", () => {
  for (
    const words of [
      ["Mån", "Tis", "Ons", "Tor"],
      ["Mån", "Tis", "Ons", "Tor", "Fre", "Vecka"],
      ["Mån", "Tis", "Idag", "Tor", "Fre"],
      ["Mån", "12/1", "Ons", "Tor", "Fre"],
    ]
  ) {
    assert.equal(header(words), null, words.join(" "));
  }
});
