import assert from "node:assert/strict";
import { readTableHeader } from "../../../lib/layout/day_anchors.ts";
import { groupRows, pageWords } from "../../../lib/layout/word_rows.ts";
import { buildPage } from "./page_builder.ts";

function roles(cells: string[]): string[] | null {
  const page = buildPage(1440, 900, [{
    top: 200,
    height: 20,
    cells: cells.map((text, i): [number, string] => [100 + i * 200, text]),
  }]);
  const row = groupRows(pageWords(page))[0]!;
  return readTableHeader(row)?.map((c) => c.role) ?? null;
}

Deno.test("readTableHeader() names each column by its header word", () => {
  const cases: Array<[string[], string[] | null]> = [
    [["Datum", "Dag", "Start", "Slut", "Rast", "Avdelning"], [
      "date",
      "weekday",
      "start",
      "end",
      "break",
      "label",
    ]],
    // a unit is what a department column names, so it is the shift's label
    [["Vecka", "Dag", "Från", "Till", "Rast", "Enhet"], [
      "other",
      "weekday",
      "start",
      "end",
      "break",
      "label",
    ]],
    [["Datum", "Tid", "Arbetsplats"], ["date", "time", "location"]],
    [["Datum", "Pass", "Rast"], ["date", "time", "break"]],
    // beside a "Tid" column, "Pass" names the shift
    [["Datum", "Veckodag", "Pass", "Tid", "Timmar"], [
      "date",
      "weekday",
      "label",
      "time",
      "hours",
    ]],
    [["Namn", "Telefon", "Dag"], null],
  ];
  for (const [cells, want] of cases) assert.deepEqual(roles(cells), want, cells.join(" "));
});
