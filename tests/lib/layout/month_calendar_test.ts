import assert from "node:assert/strict";
import { readPage } from "../../../lib/layout/page_reading.ts";
import { buildPage, phoneChrome, type RowSpec } from "./page_builder.ts";

const W = 1170;
const H = 2532;
const x = (i: number) => 60 + i * 162;
const WEEKDAYS = ["Mån", "Tis", "Ons", "Tor", "Fre", "Lör", "Sön"];

/** January 2026 from the 5th: four number rows, each followed by one row of cell content. */
function january(numbers: string[][], title: string): RowSpec[] {
  const content = ["07-16", "13-21:30", "Ledig", "07-16", "22-06", "Semester", "Sjuk"];
  const rows: RowSpec[] = [
    ...phoneChrome(H),
    { top: 176, height: 50, cells: [[55, title]] },
    { top: 434, height: 30, cells: WEEKDAYS.map((d, i) => [x(i), d] as [number, string]) },
  ];
  numbers.forEach((week, k) => {
    const top = 526 + k * 234;
    rows.push({ top, height: 32, cells: week.map((n, i) => [x(i) + 20, n] as [number, string]) });
    rows.push({
      top: top + 65,
      height: 26,
      cells: content.map((t, i) => [x(i), t] as [number, string]),
    });
  });
  rows.push({ top: 1500, height: 38, cells: [[81, "Planerad tid i januari: 152 h"]] });
  return rows;
}

const WEEKS = [
  ["5", "6", "7", "8", "9", "10", "11"],
  ["12", "13", "14", "15", "16", "17", "18"],
  ["19", "20", "21", "22", "23", "24", "25"],
];

Deno.test("a month calendar dates every cell by its place once the day numbers agree", () => {
  const cases: Array<{ name: string; numbers: string[][]; title: string; reference: string }> = [
    { name: "all numbers read", numbers: WEEKS, title: "Januari 2026", reference: "2026-01-20" },
    {
      name: "numbers misread or lost",
      numbers: [WEEKS[0]!, ["12", "(137", "14", "120", "16", "11", "18"], WEEKS[2]!.slice(0, 5)],
      title: "Januari 2026",
      reference: "2026-01-20",
    },
    { name: "no year in the title", numbers: WEEKS, title: "Januari", reference: "2026-01-20" },
  ];
  for (const c of cases) {
    const read = readPage(buildPage(W, H, january(c.numbers, c.title)), c.reference);
    const got = read.days.filter((d) => d.status !== null).map((d) =>
      [d.label.day, d.label.month, d.label.weekday, d.status, d.shifts.length].join(" ")
    );
    const want = [5, 12, 19].flatMap((monday) => [
      `${monday} 1 1 work 1`,
      `${monday + 1} 1 2 work 1`,
      `${monday + 2} 1 3 off 0`,
      `${monday + 3} 1 4 work 1`,
      `${monday + 4} 1 5 work 1`,
      `${monday + 5} 1 6 vacation 0`,
      `${monday + 6} 1 7 sick 0`,
    ]);
    assert.deepEqual(got, want, c.name);
    // The summary line under the grid belongs to no cell.
    assert.ok(read.days.every((d) => d.shifts.every((s) => s.label === null)), c.name);
  }
});
