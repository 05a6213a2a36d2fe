import assert from "node:assert/strict";
import { withoutHourRuler } from "../../../lib/layout/hour_ruler.ts";
import { groupRows, pageWords } from "../../../lib/layout/word_rows.ts";
import { buildPage, type RowSpec } from "./page_builder.ts";

function remaining(rows: RowSpec[]): string[] {
  return withoutHourRuler(groupRows(pageWords(buildPage(1170, 2532, rows))))
    .map((r) => r.cells.map((c) => c.text).join(" | "));
}

/** One single-cell row per text, `gap` px apart from `top`, left-aligned at `left`. */
function ruler(texts: string[], top: number, gap: number, left = 30): RowSpec[] {
  return texts.map((t, i) => ({ top: top + i * gap, cells: [[left, t]] }));
}

Deno.test("withoutHourRuler() drops a column of evenly spaced clock marks one step apart", () => {
  const cases: Array<[string, RowSpec[], string[]]> = [
    [
      "an hour ruler beside a block; the block's times stay",
      [
        ...ruler(["06:00", "07:00"], 400, 102),
        { top: 604, cells: [[30, "08:00"], [230, "07:00 - 11:00"]] },
        ...ruler(["09:00", "10:00", "11:00"], 706, 102),
      ],
      ["07:00 - 11:00"],
    ],
    [
      "a ruler up to 24:00 in half hours",
      ruler(["22:00", "22:30", "23:00", "23:30", "24:00"], 300, 60),
      [],
    ],
    [
      "right-aligned marks (9:00 over 10:00)",
      [
        { top: 300, cells: [[52, "8:00"]] },
        { top: 360, cells: [[52, "9:00"]] },
        { top: 420, cells: [[30, "10:00"]] },
        { top: 480, cells: [[30, "11:00"]] },
      ],
      [],
    ],
    [
      "three marks are not enough",
      ruler(["06:00", "07:00", "08:00"], 400, 102),
      ["06:00", "07:00", "08:00"],
    ],
    [
      "start times of a list repeat, they do not step",
      ruler(["07:00", "07:00", "12:00", "12:00", "22:00"], 400, 102),
      ["07:00", "07:00", "12:00", "12:00", "22:00"],
    ],
    [
      "even spacing without one step is a list, not a scale",
      ruler(["06:00", "07:00", "09:00", "10:00"], 400, 102),
      ["06:00", "07:00", "09:00", "10:00"],
    ],
    [
      "uneven spacing is a list, not a scale",
      [
        { top: 400, cells: [[30, "06:00"]] },
        { top: 500, cells: [[30, "07:00"]] },
        { top: 760, cells: [[30, "08:00"]] },
        { top: 860, cells: [[30, "09:00"]] },
      ],
      ["06:00", "07:00", "08:00", "09:00"],
    ],
    [
      "day numbers of a calendar column have no minutes",
      ruler(["5", "12", "19", "26"], 400, 102),
      ["5", "12", "19", "26"],
    ],
    [
      "dotted dates down a roster's date column are off the quarter hour",
      ruler(["10.02", "11.02", "12.02", "13.02", "14.02"], 400, 40),
      ["10.02", "11.02", "12.02", "13.02", "14.02"],
    ],
  ];
  for (const [name, rows, want] of cases) assert.deepEqual(remaining(rows), want, name);
});
