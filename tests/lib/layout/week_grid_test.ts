import assert from "node:assert/strict";
import { readPage } from "../../../lib/layout/page_reading.ts";
import { completeColumns, type GridColumn } from "../../../lib/layout/week_grid.ts";
import { buildPage, phoneChrome, type RowSpec } from "./page_builder.ts";

const W = 1170;
const H = 2532;
const x = (i: number) => 50 + i * 163;
const WEEKDAYS = ["Mån", "Tis", "Ons", "Tor", "Fre", "Lör", "Sön"];

/** A phone week grid: weekdays over dates, then the given body rows, then a summary card. */
function weekGrid(dates: (string | null)[], weekdays: (string | null)[], body: RowSpec[]) {
  const cells = (texts: (string | null)[]) =>
    texts.flatMap((t, i) => (t === null ? [] : [[x(i), t] as [number, string]]));
  return buildPage(W, H, [
    ...phoneChrome(H),
    { top: 190, height: 60, cells: [[460, "Vecka 3"]] },
    { top: 403, height: 34, cells: cells(weekdays) },
    { top: 461, height: 27, cells: cells(dates) },
    ...body,
    { top: 823, height: 42, cells: [[86, "Schemalagd tid"], [965, "33,5 h"]] },
  ]);
}

function days(reference: string, page: ReturnType<typeof weekGrid>) {
  return readPage(page, reference).days.filter((d) => d.status !== null).map((d) => {
    const date = `${d.label.day}/${d.label.month}`;
    const shifts = d.shifts.map((s) => `${s.start}-${s.end} ${s.label ?? "-"} ${s.break_minutes}`);
    return [date, d.label.weekday, d.status, ...shifts].join(" ");
  });
}

const BODY: RowSpec[] = [
  {
    top: 559,
    height: 40,
    cells: [[x(0), "07-16"], [x(1), "Ledig"], [x(2), "09:30-"], [x(3), "10-"], [x(4), "Sjuk"]],
  },
  { top: 623, height: 32, cells: [[x(0), "Kassa"], [x(2), "18"], [x(3), "18:30"]] },
  { top: 681, height: 32, cells: [[x(0), "(30)"], [x(2), "Lager"], [x(3), "Lager"]] },
];

Deno.test("a week grid dates each column from its weekday and date rows", () => {
  const cases: Array<
    { name: string; reference: string; dates: (string | null)[]; weekdays: (string | null)[] }
  > = [
    {
      name: "every header read",
      reference: "2026-01-12",
      dates: ["12/1", "13/1", "14/1", "15/1", "16/1", "17/1", "18/1"],
      weekdays: WEEKDAYS,
    },
    {
      name: "a date misread and a whole column's header lost",
      reference: "2026-01-12",
      dates: ["21/1", "13/1", null, "15/1", "16/1", "1711", "18/1"],
      weekdays: ["Mån", "Tis", null, "Tor", "Fre", "Lör", "Sön"],
    },
  ];
  for (const c of cases) {
    assert.deepEqual(days(c.reference, weekGrid(c.dates, c.weekdays, BODY)), [
      "12/1 1 work 07:00-16:00 Kassa 30",
      "13/1 2 off",
      "14/1 3 work 09:30-18:00 Lager null",
      "15/1 4 work 10:00-18:30 Lager null",
      "16/1 5 sick",
    ], c.name);
  }
});

Deno.test("a week grid across new year keeps each column's month and leaves the year to the weekday", () => {
  const dates = ["29/12", "30/12", "31/12", "1/1", "2/1", "3/1", "4/1"];
  const page = weekGrid(dates, WEEKDAYS, BODY);
  const read = readPage(page, "2025-12-30").days.filter((d) => d.status !== null);
  assert.deepEqual(
    read.map((d) => [d.label.day, d.label.month, d.label.year, d.label.weekday]),
    [[29, 12, null, 1], [30, 12, null, 2], [31, 12, null, 3], [1, 1, null, 4], [2, 1, null, 5]],
  );
});

Deno.test("completeColumns() puts a lost column back between evenly spaced neighbours", () => {
  const column = (centre: number, weekday: number | null): GridColumn => ({
    centre,
    weekday,
    words: [],
    label: null,
  });
  const cases: Array<[string, GridColumn[], Array<[number, number | null, number]>]> = [
    ["none lost", [column(100, 1), column(200, 2), column(300, 3)], [[100, 1, 0], [200, 2, 1], [
      300,
      3,
      2,
    ]]],
    ["one lost", [column(100, 1), column(300, 3)], [[100, 1, 0], [200, 2, 1], [300, 3, 2]]],
    ["two lost in a row", [column(100, 5), column(200, 6), column(500, 2)], [
      [100, 5, 0],
      [200, 6, 1],
      [300, 7, 2],
      [400, 1, 3],
      [500, 2, 4],
    ]],
  ];
  for (const [name, columns, want] of cases) {
    const got = completeColumns(columns).map((p) => [p.column.centre, p.column.weekday, p.offset]);
    assert.deepEqual(got, want, name);
  }
});
