import assert from "node:assert/strict";
import { readFreeContent } from "../../../lib/layout/shift_reading.ts";
import { groupRows, pageWords } from "../../../lib/layout/word_rows.ts";
import { buildPage, type RowSpec } from "./page_builder.ts";

/** The shifts read from a day's lines, the first row standing for the day header's row. */
function shifts(rows: RowSpec[]): string[] {
  const lines = groupRows(pageWords(buildPage(1170, 2532, rows))).map((r) => ({ cells: r.cells }));
  return readFreeContent(lines).shifts.map((s) =>
    `${s.start}-${s.end} ${s.label ?? "-"} | ${s.location ?? "-"} | ${s.break_minutes ?? "-"}`
  );
}

/** Each case's rows read as the shifts it names. */
function expectShifts(cases: Array<[name: string, rows: RowSpec[], want: string[]]>): void {
  for (const [name, rows, want] of cases) assert.deepEqual(shifts(rows), want, name);
}

const header: RowSpec = { top: 300, cells: [[1080, ">"]] };

Deno.test("readFreeContent() gives a block's title above its time to that shift", () => {
  expectShifts([
    [
      "one block: title, time, break",
      [
        header,
        { top: 1050, cells: [[230, "Lager"]] },
        { top: 1100, cells: [[230, "12:00 - 20:30"]] },
        { top: 1150, cells: [[230, "Rast 30 min"]] },
      ],
      ["12:00-20:30 Lager | - | 30"],
    ],
    [
      "two blocks far apart: each title goes to the time under it",
      [
        header,
        { top: 540, cells: [[230, "Kassa"]] },
        { top: 590, cells: [[230, "07:00 - 11:00"]] },
        { top: 1360, cells: [[230, "Lager"]] },
        { top: 1410, cells: [[230, "15:00 - 19:00"]] },
      ],
      ["07:00-11:00 Kassa | - | -", "15:00-19:00 Lager | - | -"],
    ],
    [
      "a card's label under its time stays with it, the next card starting with its time",
      [
        header,
        { top: 400, cells: [[230, "07:00 - 11:00"]] },
        { top: 450, cells: [[230, "Kassa"]] },
        { top: 520, cells: [[230, "15:00 - 19:00"]] },
        { top: 570, cells: [[230, "Lager"]] },
      ],
      ["07:00-11:00 Kassa | - | -", "15:00-19:00 Lager | - | -"],
    ],
    [
      "a title nearer its time than the line before by twice the gap and half a line",
      [
        header,
        { top: 400, cells: [[230, "07:00 - 11:00"]] },
        { top: 450, cells: [[230, "Kassa"]] },
        { top: 535, cells: [[230, "Lager"]] },
        { top: 585, cells: [[230, "15:00 - 19:00"]] },
      ],
      ["07:00-11:00 Kassa | - | -", "15:00-19:00 Lager | - | -"],
    ],
    [
      "evenly spaced card lines: the label is no title of the time under it",
      [
        header,
        { top: 400, cells: [[230, "07:00 - 11:00"]] },
        { top: 465, cells: [[230, "Kassa"]] },
        { top: 530, cells: [[230, "15:00 - 19:00"]] },
        { top: 595, cells: [[230, "Lager"]] },
      ],
      ["07:00-11:00 Kassa | - | -", "15:00-19:00 Lager | - | -"],
    ],
    [
      "tight card lines, touching the time under them: still no title",
      [
        header,
        { top: 400, cells: [[230, "07:00 - 11:00"]] },
        { top: 450, cells: [[230, "Kassa"]] },
        { top: 490, cells: [[230, "15:00 - 19:00"]] },
        { top: 540, cells: [[230, "Lager"]] },
      ],
      ["07:00-11:00 Kassa | - | -", "15:00-19:00 Lager | - | -"],
    ],
    [
      "card lines a little nearer the next time than their own, within twice the gap: no title",
      [
        header,
        { top: 400, cells: [[230, "07:00 - 11:00"]] },
        { top: 475, cells: [[230, "Kassa"]] },
        { top: 525, cells: [[230, "15:00 - 19:00"]] },
        { top: 600, cells: [[230, "Lager"]] },
      ],
      ["07:00-11:00 Kassa | - | -", "15:00-19:00 Lager | - | -"],
    ],
    [
      "card lines whose boxes overlap the time under them: the overlap is no gap, still no title",
      [
        header,
        { top: 400, cells: [[230, "07:00 - 11:00"]] },
        { top: 455, cells: [[230, "Kassa"]] },
        { top: 490, cells: [[230, "15:00 - 19:00"]] },
        { top: 545, cells: [[230, "Lager"]] },
      ],
      ["07:00-11:00 Kassa | - | -", "15:00-19:00 Lager | - | -"],
    ],
    [
      "a line more than a line's height above the time is no title",
      [
        header,
        { top: 1050, cells: [[230, "Lager"]] },
        { top: 1200, cells: [[230, "12:00 - 20:30"]] },
      ],
      ["12:00-20:30 - | - | -"],
    ],
    [
      "a title does not displace a label beside the time",
      [
        header,
        { top: 1050, cells: [[230, "Morgon"]] },
        { top: 1100, cells: [[230, "12:00 - 20:30"], [700, "Kassa"]] },
      ],
      ["12:00-20:30 Kassa | - | -"],
    ],
    [
      "text on the header's own row is no title",
      [
        { top: 300, cells: [[230, "Butik"]] },
        { top: 350, cells: [[230, "07:00 - 15:30"]] },
      ],
      ["07:00-15:30 - | - | -"],
    ],
  ]);
});

Deno.test("readFreeContent() joins a start stacked over its end in an agenda's time column", () => {
  expectShifts([
    [
      "the label beside the start, the place beside the end",
      [
        header,
        { top: 418, cells: [[56, "07:00"], [327, "Undersköterska"]] },
        { top: 467, cells: [[57, "15:30"], [325, "Avd 12"]] },
      ],
      ["07:00-15:30 Undersköterska | Avd 12 | -"],
    ],
    [
      "two shifts of a day, one after the other",
      [
        header,
        { top: 418, cells: [[56, "07:00"], [327, "Kassa"]] },
        { top: 467, cells: [[57, "12:00"], [325, "Butik"]] },
        { top: 590, cells: [[56, "16:00"], [327, "Lager"]] },
        { top: 639, cells: [[57, "21:00"], [325, "Butik"]] },
      ],
      ["07:00-12:00 Kassa | Butik | -", "16:00-21:00 Lager | Butik | -"],
    ],
    [
      "a night shift stacked alone in a grid column",
      [header, { top: 418, cells: [[56, "22:00"]] }, { top: 467, cells: [[56, "06:00"]] }],
      ["22:00-06:00 - | - | -"],
    ],
    [
      "a lone start over its end led by a dash set apart from it",
      [
        header,
        { top: 418, cells: [[56, "07:00"]] },
        { top: 467, cells: [[56, "-"], [130, "15:30"]] },
      ],
      ["07:00-15:30 - | - | -"],
    ],
    [
      "times in different columns are no pair",
      [
        header,
        { top: 418, cells: [[56, "07:00"], [327, "Kassa"]] },
        { top: 467, cells: [[327, "15:30"], [625, "Avd 12"]] },
      ],
      [],
    ],
    [
      "times far apart are no pair",
      [
        header,
        { top: 418, cells: [[56, "07:00"], [327, "Kassa"]] },
        { top: 600, cells: [[57, "15:30"], [325, "Avd 12"]] },
      ],
      [],
    ],
  ]);
});

Deno.test("readFreeContent() reads past a shift's length printed beside its times", () => {
  expectShifts([
    [
      "the length between the time and a chip",
      [
        { top: 408, cells: [[428, "07:00-15:30 : 8 h 30 min"], [945, "[ Pass )"]] },
        { top: 480, cells: [[430, "Lager"]] },
        { top: 535, cells: [[430, "Rast 30 min"]] },
      ],
      ["07:00-15:30 Lager | - | 30"],
    ],
    [
      "a length wrapped onto the next line does not stand for the break",
      [
        { top: 959, cells: [[428, "21:45-06:15 (+1) : 8 h"], [945, "Pass"]] },
        { top: 1024, cells: [[428, "30 min"]] },
        { top: 1087, cells: [[430, "Natt"]] },
        { top: 1142, cells: [[430, "Rast 45 min"]] },
      ],
      ["21:45-06:15 Natt | - | 45"],
    ],
    [
      "the mark that parts a label from the length is no part of the label",
      [
        { top: 408, cells: [[428, "07:00-15:30"]] },
        { top: 480, cells: [[430, "Lager · 8 h"]] },
      ],
      ["07:00-15:30 Lager | - | -"],
    ],
    [
      "bare minutes stay the break when nothing names one",
      [
        { top: 959, cells: [[428, "07:00-15:30"]] },
        { top: 1024, cells: [[428, "30 min"]] },
      ],
      ["07:00-15:30 - | - | 30"],
    ],
  ]);
});

Deno.test("readFreeContent() names a shift by the part of the day leading its times", () => {
  expectShifts([
    [
      "name and bare hours on one line, the place under them",
      [
        header,
        { top: 460, cells: [[285, "Förmiddag 7-12"]] },
        { top: 520, cells: [[286, "Hemtjänst Norr"]] },
        { top: 600, cells: [[285, "Kväll 16-22"]] },
        { top: 660, cells: [[286, "Hemtjänst Norr"]] },
      ],
      ["07:00-12:00 Förmiddag | Hemtjänst Norr | -", "16:00-22:00 Kväll | Hemtjänst Norr | -"],
    ],
    [
      "the name shortened, before bare hours or clock times",
      [
        header,
        { top: 460, cells: [[285, "Fm 8-12"]] },
        { top: 600, cells: [[285, "em 13:00 - 17:00"]] },
      ],
      ["08:00-12:00 Fm | - | -", "13:00-17:00 em | - | -"],
    ],
    [
      "times in words after a name over them",
      [
        header,
        { top: 460, cells: [[188, "Natt"]] },
        { top: 500, cells: [[188, "från 21:30 till 07:00"]] },
        { top: 545, cells: [[188, "Avd 3"]] },
      ],
      ["21:30-07:00 Natt | Avd 3 | -"],
    ],
  ]);
});
