import assert from "node:assert/strict";
import { isNumberLike } from "../../../lib/layout/month_calendar.ts";
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
    {
      name: "today in its ring, read as brackets or letters",
      numbers: [["5", "6", "7", "8", "9", "1O", "11"], WEEKS[1]!, [
        "19",
        "(20)",
        "21",
        "22",
        "23",
        "24",
        "25",
      ]],
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

Deno.test("isNumberLike() takes a day number OCR garbled, and no time, count or word", () => {
  const cases: Array<[string, boolean]> = [
    ["20", true],
    ["7", true],
    // the ring round today: brackets, or a bracket read as a digit
    ["(20)", true],
    ["(207", true],
    ["(20", true],
    ["20)", true],
    ["[20]", true],
    ["120", true],
    // a zero or a one read as a letter
    ["2O", true],
    ["1O", true],
    ["l5", true],
    ["3I", true],
    // near misses: times, ranges, dates, hours, years, words, marks without a digit
    ["07:00", false],
    ["07-16", false],
    ["13-21:30", false],
    ["12/1", false],
    ["7,5", false],
    ["8h", false],
    ["2026", false],
    ["1292", false],
    ["Ledig", false],
    ["DM", false],
    ["O", false],
    ["Il", false],
    ["()", false],
    ["-", false],
  ];
  for (const [text, want] of cases) assert.equal(isNumberLike(text), want, text);
});
