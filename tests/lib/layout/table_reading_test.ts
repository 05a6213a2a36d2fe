import assert from "node:assert/strict";
import { readTableContent } from "../../../lib/layout/table_reading.ts";
import type { TableColumn } from "../../../lib/layout/day_anchors.ts";
import { makeCell } from "../../../lib/layout/word_rows.ts";

const columns: TableColumn[] = [
  { role: "date", left: 178, right: 250 },
  { role: "start", left: 586, right: 620 },
  { role: "end", left: 728, right: 760 },
  { role: "break", left: 870, right: 900 },
  { role: "label", left: 1032, right: 1100 },
  { role: "location", left: 1200, right: 1260 },
];

function cell(left: number, text: string) {
  return makeCell(
    text.split(" ").map((t, i) => ({
      text: t,
      confidence: 0.95,
      box: { left: left + i * 40, top: 300, right: left + i * 40 + 35, bottom: 312 },
    })),
  );
}

Deno.test("break cells of a table read as minutes, digit look-alikes included", () => {
  const cases: [string, number | null][] = [
    ["30 min", 30],
    ["30", 30],
    ["(45)", 45],
    ["O min", 0],
    ["3O", 30],
    ["0", 0],
    ["0:30", 30],
    ["1.00", 60],
    ["1:30", 90],
    ["Rast 45", 45],
    ["1 h", 60],
    ["1,5 h", 90],
    ["45 minuter", 45],
    ["-", null],
  ];
  for (const [text, minutes] of cases) {
    const content = readTableContent([{
      cells: [
        cell(178, "2026-01-19"),
        cell(586, "07:00"),
        cell(729, "15:30"),
        cell(870, text),
        cell(1034, "Kassa"),
      ],
    }], columns);
    assert.equal(content.shifts[0]?.break_minutes, minutes, text);
  }
});

Deno.test("a table row without both times is a status row or nothing", () => {
  const read = (cells: ReturnType<typeof cell>[]) => readTableContent([{ cells }], columns);
  const off = read([cell(178, "2026-01-20"), cell(586, "Ledig")]);
  assert.deepEqual([off.status, off.shifts.length], ["off", 0]);
  const garbled = read([
    cell(178, "2026-01-21"),
    cell(586, "21:15"),
    cell(729, "EBTE"),
    cell(1034, "Kassa"),
  ]);
  assert.deepEqual([garbled.status, garbled.shifts.length], [null, 0]);
  const placed = read([
    cell(178, "2026-01-22"),
    cell(586, "06:00"),
    cell(729, "14:30"),
    cell(1200, "Lager Nord"),
  ]);
  assert.deepEqual([placed.shifts[0]?.label, placed.shifts[0]?.location], [null, "Lager Nord"]);
});
