import assert from "node:assert/strict";
import { readPage } from "../../../lib/layout/page_reading.ts";
import { buildPage, type CellSpec, phoneChrome, type RowSpec } from "./page_builder.ts";

const W = 1170;
const H = 2532;

function summary(page: ReturnType<typeof readPage>) {
  return page.days.map((d) => ({
    header: d.header_text,
    status: d.status,
    complete: d.complete,
    shifts: d.shifts.map((s) =>
      [s.start, s.end, s.ends_next_day, s.label, s.location, s.break_minutes].join("|")
    ),
  }));
}

Deno.test("an agenda list gives each day header its cards and drops a card cut by the tab bar", () => {
  const page = buildPage(W, H, [
    ...phoneChrome(H),
    { top: 180, height: 70, cells: [[62, "Mina pass"]] },
    { top: 333, height: 60, cells: [[59, "Måndag 12 januari"]] },
    { top: 466, height: 48, cells: [[111, "06:00 - 14:30"]] },
    { top: 547, height: 36, cells: [[112, "Kassa"]] },
    { top: 614, height: 36, cells: [[116, "&", 0.3], [176, "Butik Centrum"]] },
    { top: 680, height: 36, cells: [[114, ">", 0.5], [175, "30 min rast"]] },
    { top: 840, height: 60, cells: [[54, "Tisdag 13 januari"], [606, "Idag"]] },
    { top: 967, height: 46, cells: [[95, "Ledig"]] },
    { top: 1342, height: 60, cells: [[57, "Onsdag 14 januari"]] },
    { top: 1468, height: 48, cells: [[111, "07:00 - 11:00"]] },
    { top: 1549, height: 36, cells: [[112, "Kassa"]] },
    { top: 1616, height: 36, cells: [[116, "&", 0.3], [176, "Butik Centrum"]] },
    { top: 1768, height: 48, cells: [[111, "16:00 - 20:00"]] },
    { top: 1849, height: 36, cells: [[112, "Lager"]] },
    { top: 1916, height: 36, cells: [[116, "&", 0.3], [176, "Butik Centrum"]] },
    { top: 2077, height: 60, cells: [[54, "Torsdag 15 januari"]] },
    { top: 2203, height: 48, cells: [[111, "09:30 - 18:00"]] },
  ]);
  assert.deepEqual(summary(readPage(page, "2026-01-13")), [
    {
      header: "Måndag 12 januari",
      status: "work",
      complete: true,
      shifts: ["06:00|14:30|false|Kassa|Butik Centrum|30"],
    },
    { header: "Tisdag 13 januari", status: "off", complete: true, shifts: [] },
    {
      header: "Onsdag 14 januari",
      status: "work",
      complete: true,
      shifts: [
        "07:00|11:00|false|Kassa|Butik Centrum|",
        "16:00|20:00|false|Lager|Butik Centrum|",
      ],
    },
    {
      header: "Torsdag 15 januari",
      status: "work",
      complete: false,
      shifts: ["09:30|18:00|false|||"],
    },
  ]);
});

Deno.test("a page OCR read without its tab bar ends where OCR says the bar began", () => {
  const rows: RowSpec[] = [
    { top: 333, height: 60, cells: [[59, "Måndag 12 januari"]] },
    { top: 466, height: 48, cells: [[111, "06:00 - 14:30"]] },
    { top: 547, height: 36, cells: [[112, "Kassa"]] },
    { top: 700, height: 60, cells: [[57, "Tisdag 13 januari"]] },
    { top: 833, height: 48, cells: [[111, "07:00 - 11:00"]] },
    { top: 914, height: 36, cells: [[112, "Kassa"]] },
  ];
  const last = (page: ReturnType<typeof buildPage>) =>
    summary(readPage(page, "2026-01-13")).map((d) => [d.header, d.complete]);
  // The bar began just under the last card's label: that card may go on under it.
  const page = buildPage(W, H, rows);
  assert.deepEqual(last({ ...page, visible_bottom: 955 }), [
    ["Måndag 12 januari", true],
    ["Tisdag 13 januari", false],
  ]);
  // The same rows with the page's whole height in view.
  assert.deepEqual(last(page), [["Måndag 12 januari", true], ["Tisdag 13 januari", true]]);
});

Deno.test("compact rows read times, label and status on the row and a second shift below it", () => {
  const page = buildPage(W, H, [
    ...phoneChrome(H),
    { top: 190, cells: [[422, "Mitt schema"]] },
    { top: 358, height: 27, cells: [[49, "v. 10"]] },
    {
      top: 476,
      height: 36,
      cells: [[82, "Mån 2 mars"], [478, "11.00-19.30"], [862, "Kök"], [1039, "8,0"]],
    },
    {
      top: 617,
      height: 36,
      cells: [[79, "Tis 3 mars"], [478, "11.00-14.30"], [862, "Kök"], [1039, "3,5"]],
    },
    { top: 686, height: 36, cells: [[478, "18.00-22.30"], [862, "Bar"], [1039, "4,5"]] },
    { top: 826, height: 36, cells: [[81, "Ons 4 mars"], [475, "Sjuk"]] },
    {
      top: 966,
      height: 36,
      cells: [[79, "Tor 5 mars"], [478, "18.00-2.30 (30)"], [862, "Frukt &"]],
    },
    { top: 1030, height: 36, cells: [[862, "grönt"]] },
    { top: 1106, height: 36, cells: [[82, "Fre 2013"], [478, "09.00-17.00"], [862, "Kök"]] },
    { top: 1242, height: 36, cells: [[82, "Lör 7 mars"], [475, "Ledig"]] },
  ]);
  const read = readPage(page, "2026-03-02");
  assert.deepEqual(summary(read), [
    { header: "Mån 2 mars", status: "work", complete: true, shifts: ["11:00|19:30|false|Kök||"] },
    {
      header: "Tis 3 mars",
      status: "work",
      complete: true,
      shifts: ["11:00|14:30|false|Kök||", "18:00|22:30|false|Bar||"],
    },
    { header: "Ons 4 mars", status: "sick", complete: true, shifts: [] },
    {
      header: "Tor 5 mars",
      status: "work",
      complete: true,
      shifts: ["18:00|02:30|true|Frukt & grönt||30"],
    },
    { header: "Fre 2013", status: "work", complete: true, shifts: ["09:00|17:00|false|Kök||"] },
    { header: "Lör 7 mars", status: "off", complete: true, shifts: [] },
  ]);
  assert.equal(read.days[4]!.label.weekday, 5);
  assert.equal(read.days[4]!.label.day, null);
  assert.equal(read.days[0]!.weekMonday, "2026-03-02");
});

Deno.test("a web table maps cells to header columns and drops a row cut at the bottom edge", () => {
  const page = buildPage(1440, 900, [
    { top: 52, height: 16, cells: [[120, "bemannaweb.exempelbolaget.se/schema"]] },
    { top: 162, height: 22, cells: [[164, "Mitt schema"]] },
    { top: 216, height: 12, cells: [[163, "Period: 19 jan - 1 feb 2026"]] },
    {
      top: 271,
      height: 12,
      cells: [[178, "Datum"], [403, "Dag"], [586, "Start"], [728, "Slut"], [871, "Rast"], [
        1032,
        "Avdelning",
      ]],
    },
    {
      top: 312,
      height: 12,
      cells: [
        [178, "2026-01-19"],
        [403, "Måndag"],
        [586, "07:00"],
        [729, "15:30"],
        [870, "30 min"],
        [1034, "Kassa"],
      ],
    },
    { top: 352, height: 12, cells: [[178, "2026-01-20"], [403, "Tisdag"], [586, "Ledig"]] },
    {
      top: 392,
      height: 12,
      cells: [[178, "2026-01-21"], [403, "Onsdag"], [586, "16:00"], [729, "20:00"], [870, "0"], [
        1034,
        "Frukt & grönt",
      ]],
    },
    { top: 432, height: 12, cells: [[178, "2026-01-22"], [403, "Torsdag"], [586, "Semester"]] },
    {
      top: 888,
      height: 12,
      cells: [[178, "2026-01-23"], [403, "Fredag"], [586, "16:00"], [729, "21:15"], [870, "0"], [
        1034,
        "Kassa",
      ]],
    },
  ]);
  const read = readPage(page, "2026-01-19");
  assert.deepEqual(summary(read), [
    {
      header: "2026-01-19",
      status: "work",
      complete: true,
      shifts: ["07:00|15:30|false|Kassa||30"],
    },
    { header: "2026-01-20", status: "off", complete: true, shifts: [] },
    {
      header: "2026-01-21",
      status: "work",
      complete: true,
      shifts: ["16:00|20:00|false|Frukt & grönt||0"],
    },
    { header: "2026-01-22", status: "vacation", complete: true, shifts: [] },
    {
      header: "2026-01-23",
      status: "work",
      complete: false,
      shifts: ["16:00|21:15|false|Kassa||0"],
    },
  ]);
  assert.deepEqual(read.periods.map((p) => [p.day, p.month, p.year]), [[19, 1, null], [
    1,
    2,
    2026,
  ]]);
});

Deno.test("a week grid gives each column's shifts, stacked start over end, to its header", () => {
  const heads = ["Mån 12/1", "Tis 13/1", "Ons 14/1", "Tor 15/1", "Fre 16/1"];
  const x = (i: number) => 40 + i * 225;
  const page = buildPage(W, H, [
    ...phoneChrome(H),
    { top: 200, height: 50, cells: [[60, "Vecka 3"]] },
    { top: 320, height: 30, cells: heads.map((h, i) => [x(i), h] as [number, string]) },
    {
      top: 420,
      height: 30,
      cells: [[x(0), "07:00"], [x(1), "Ledig"], [x(2), "07:00"], [x(4), "22:00"]],
    },
    { top: 460, height: 30, cells: [[x(0), "15:30"], [x(2), "11:00"], [x(4), "06:00"]] },
    { top: 500, height: 30, cells: [[x(0), "Kassa"], [x(2), "Lager"], [x(4), "Kassa"]] },
    { top: 600, height: 30, cells: [[x(2), "16:00-20:00"]] },
    { top: 640, height: 30, cells: [[x(2), "Kassa"]] },
  ]);
  assert.deepEqual(summary(readPage(page, "2026-01-12")), [
    { header: "Mån 12/1", status: "work", complete: true, shifts: ["07:00|15:30|false|Kassa||"] },
    { header: "Tis 13/1", status: "off", complete: true, shifts: [] },
    {
      header: "Ons 14/1",
      status: "work",
      complete: true,
      shifts: ["07:00|11:00|false|Lager||", "16:00|20:00|false|Kassa||"],
    },
    { header: "Tor 15/1", status: null, complete: false, shifts: [] },
    { header: "Fre 16/1", status: "work", complete: true, shifts: ["22:00|06:00|true|Kassa||"] },
  ]);
});

Deno.test("a chat that mentions a day and times yields no day with content", () => {
  const page = buildPage(W, H, [
    { top: 60, cells: [[90, "16:22"]] },
    { top: 165, cells: [[279, "Maria Holm"]] },
    { top: 348, height: 35, cells: [[547, "Idag"]] },
    { top: 441, cells: [[78, "Hej! Kan du byta till lördag 07:00-"]] },
    { top: 507, cells: [[82, "15:30 istället för söndag?"]] },
    { top: 581, height: 26, cells: [[809, "15:58"]] },
    { top: 894, cells: [[75, "Ja, rasten ligger kvar 11:30."]] },
  ]);
  const read = readPage(page, "2026-02-11");
  assert.ok(read.days.every((d) => d.status === null && d.shifts.length === 0));
});

Deno.test("a month calendar dates each cell by its number, column and the month title", () => {
  const x = (i: number) => 30 + i * 160;
  const days = ["Mån", "Tis", "Ons", "Tor", "Fre", "Lör", "Sön"];
  const page = buildPage(W, H, [
    ...phoneChrome(H),
    { top: 200, height: 50, cells: [[400, "Mars 2026"]] },
    { top: 300, height: 26, cells: days.map((d, i) => [x(i), d] as [number, string]) },
    { top: 380, height: 30, cells: [[x(5), "28"], [x(6), "1"]] },
    { top: 430, height: 26, cells: [[x(5), "07-16"], [x(6), "Ledig"]] },
    {
      top: 560,
      height: 30,
      cells: [0, 1, 2, 3, 4, 5, 6].map((i) => [x(i), String(2 + i)] as [number, string]),
    },
    { top: 610, height: 26, cells: [[x(0), "07:00"], [x(2), "Sjuk"]] },
    { top: 650, height: 26, cells: [[x(0), "16:00"]] },
  ]);
  const read = readPage(page, "2026-03-02");
  const shown = read.days.filter((d) => d.status !== null).map((d) => ({
    day: d.label.day,
    month: d.label.month,
    year: d.label.year,
    weekday: d.label.weekday,
    status: d.status,
    shifts: d.shifts.map((s) => `${s.start}-${s.end}`),
  }));
  // A cell of the previous month that shows a shift is that month's day, dated by its place.
  assert.deepEqual(shown, [
    { day: 28, month: 2, year: 2026, weekday: 6, status: "work", shifts: ["07:00-16:00"] },
    { day: 1, month: 3, year: 2026, weekday: 7, status: "off", shifts: [] },
    { day: 2, month: 3, year: 2026, weekday: 1, status: "work", shifts: ["07:00-16:00"] },
    { day: 4, month: 3, year: 2026, weekday: 3, status: "sick", shifts: [] },
  ]);
  assert.deepEqual(read.days[0]!.label.month, 2);
});

Deno.test("a week strip above an agenda list does not turn the list into a grid", () => {
  const strip = ["Mån 12/1", "Tis 13/1", "Ons 14/1", "Tor 15/1", "Fre 16/1"];
  const page = buildPage(W, H, [
    ...phoneChrome(H),
    { top: 200, height: 30, cells: strip.map((h, i) => [40 + i * 225, h] as [number, string]) },
    { top: 333, height: 60, cells: [[59, "Måndag 12 januari"]] },
    { top: 466, height: 48, cells: [[111, "06:00 - 14:30"]] },
    { top: 547, height: 36, cells: [[112, "Kassa"]] },
    { top: 840, height: 60, cells: [[54, "Tisdag 13 januari"]] },
    { top: 967, height: 46, cells: [[95, "Ledig"]] },
  ]);
  assert.deepEqual(summary(readPage(page, "2026-01-12")), [
    {
      header: "Måndag 12 januari",
      status: "work",
      complete: true,
      shifts: ["06:00|14:30|false|Kassa||"],
    },
    { header: "Tisdag 13 januari", status: "off", complete: true, shifts: [] },
  ]);
});

Deno.test("a full card at the bottom edge is cut when the page shows days with more than one card", () => {
  const cardRows = (top: number, time: string): RowSpec[] => [
    { top, height: 48, cells: [[111, time]] },
    { top: top + 81, height: 36, cells: [[112, "Kök"]] },
    { top: top + 140, height: 36, cells: [[116, "&", 0.3], [176, "Restaurang Hamnen"]] },
  ];
  const rows = (twoCards: boolean): RowSpec[] => [
    ...phoneChrome(H),
    { top: 333, height: 60, cells: [[59, "söndag 18 januari"]] },
    ...cardRows(466, "10:30 - 14:00"),
    ...(twoCards ? cardRows(740, "17:00 - 21:00") : []),
    { top: 1955, height: 53, cells: [[54, "måndag 19 januari"]] },
    ...cardRows(2079, "10:30 - 14:00"),
  ];
  const complete = (twoCards: boolean) =>
    readPage(buildPage(W, H, rows(twoCards)), "2026-01-18").days.map((d) => d.complete);
  assert.deepEqual(complete(true), [true, false]);
  assert.deepEqual(complete(false), [true, true]);
});

Deno.test("a day word inside a sentence does not start a day", () => {
  const page = buildPage(W, H, [
    { top: 441, cells: [[78, "Kan du jobba imorgon"]] },
    { top: 507, cells: [[82, "07:00-15:30"]] },
    { top: 607, cells: [[82, "Idag, tisdag 13 januari"]] },
    { top: 707, cells: [[82, "07:00-15:30"]] },
  ]);
  assert.deepEqual(readPage(page, "2026-01-13").days.map((d) => d.header_text), [
    "Idag, tisdag 13 januari",
  ]);
});

Deno.test("a relative badge before a full date keeps the header aligned with the others", () => {
  const cases: Array<[string, string]> = [
    ["Idag · lördag 14 mars", "Imorgon, söndag 15 mars"],
    ["Idag lördag 14 mars", "Imorgon söndag 15 mars"],
    ["Idag - 14 mars", "Imorgon - 15 mars"],
    ["Idag | 14 mars", "Imorgon • 15 mars"],
    ["Idag : lördag 14 mars", "Imorgon : 15 mars"],
  ];
  for (const [today, tomorrow] of cases) {
    const page = buildPage(W, H, [
      ...phoneChrome(H),
      { top: 300, height: 50, cells: [[60, today]] },
      { top: 380, height: 48, cells: [[60, "07:00 – 15:30"]] },
      { top: 560, height: 50, cells: [[60, tomorrow]] },
      { top: 640, height: 48, cells: [[60, "Ledig"]] },
      { top: 820, height: 50, cells: [[60, "Måndag 16 mars"]] },
      { top: 900, height: 48, cells: [[60, "12:00 – 20:30"]] },
      { top: 1080, height: 50, cells: [[60, "Tisdag 17 mars"]] },
      { top: 1160, height: 48, cells: [[60, "Sjuk"]] },
    ]);
    assert.deepEqual(
      readPage(page, "2026-03-14").days.map((d) => [d.header_text, d.label.day, d.status]),
      [
        [today, 14, "work"],
        [tomorrow, 15, "off"],
        ["Måndag 16 mars", 16, "work"],
        ["Tisdag 17 mars", 17, "sick"],
      ],
      today,
    );
  }
});

Deno.test("a week grid with weekday and day-number header rows takes its month from the week title", () => {
  const x = (i: number) => 30 + i * 160;
  const names = ["Mån", "Tis", "Ons", "Tor", "Fre", "Lör", "Sön"];
  const page = buildPage(W, H, [
    ...phoneChrome(H),
    { top: 200, height: 50, cells: [[60, "Vecka 5"]] },
    { top: 300, height: 26, cells: names.map((d, i) => [x(i), d] as [number, string]) },
    {
      top: 340,
      height: 30,
      cells: [26, 27, 28, 29, 30, 31, 1].map((n, i) => [x(i), String(n)] as [number, string]),
    },
    { top: 420, height: 26, cells: [[x(0), "07:00"], [x(6), "22:00"]] },
    { top: 460, height: 26, cells: [[x(0), "15:30"], [x(6), "06:00"]] },
  ]);
  const read = readPage(page, "2026-01-26");
  const shown = read.days.filter((d) => d.status !== null).map((d) =>
    [d.label.day, d.label.month, d.label.weekday, d.shifts.map((s) => `${s.start}-${s.end}`).join()]
      .join(" ")
  );
  assert.deepEqual(shown, ["26 1 1 07:00-15:30", "1 2 7 22:00-06:00"]);
});

Deno.test("a table's week column on a day's own row dates the week and keeps the day", () => {
  const row = (top: number, cells: Array<[number, string]>): RowSpec => ({
    top,
    height: 14,
    cells,
  });
  const page = buildPage(1440, 900, [
    row(204, [[214, "Vecka"], [305, "Dag"], [541, "Från"], [693, "Till"], [1021, "Enhet"]]),
    row(240, [[214, "v48"], [305, "Mån 23/11"], [541, "07:00"], [694, "15:30"], [1020, "Avd 2"]]),
    row(275, [[305, "Tis 24/11"], [541, "Fridag"]]),
    row(310, [[305, "Sön 29/11"], [541, "Ledig"]]),
    row(345, [[214, "v49"], [305, "Mån 30/11"], [541, "08:00"], [694, "16:00"], [
      1021,
      "Utbildning",
    ]]),
    row(380, [[305, "Tis 1/12"], [541, "22:00"], [694, "06:00"], [1021, "Natt"]]),
  ]);
  const read = readPage(page, "2026-11-20");
  assert.deepEqual(
    read.days.map((d) => [d.header_text, d.status, d.weekMonday, d.shifts.map((s) => s.label)]),
    [
      ["Mån 23/11", "work", "2026-11-23", ["Avd 2"]],
      ["Tis 24/11", "off", "2026-11-23", []],
      ["Sön 29/11", "off", "2026-11-23", []],
      ["Mån 30/11", "work", "2026-11-30", ["Utbildning"]],
      ["Tis 1/12", "work", "2026-11-30", ["Natt"]],
    ],
  );
});

Deno.test("a bare whole-hour range alone in its cell is a shift where the page writes hours bare", () => {
  const rows = (first: string): RowSpec[] => [
    ...phoneChrome(H),
    { top: 250, height: 40, cells: [[54, "må 12.10."], [285, first], [654, "Pass"]] },
    { top: 322, height: 30, cells: [[287, "Kassa"]] },
    { top: 450, height: 40, cells: [[54, "to 15.10."], [286, "14-22"], [654, "Pass"]] },
    { top: 522, height: 30, cells: [[287, "Kassa"]] },
    { top: 650, height: 40, cells: [[54, "fr 16.10."], [286, "Ledig"]] },
  ];
  const cases: Array<[string, string[]]> = [
    ["7-15:30", ["07:00|15:30", "14:00|22:00"]],
    ["22-6:30 (+1)", ["22:00|06:30", "14:00|22:00"]],
    // written with minutes elsewhere, "14-22" may be a period or a count: not read
    ["07:00-15:30", ["07:00|15:30"]],
    ["kl 7-16", ["07:00|16:00"]],
  ];
  for (const [first, want] of cases) {
    const read = readPage(buildPage(W, H, rows(first)), "2026-10-09");
    const shifts = read.days.flatMap((d) => d.shifts.map((s) => `${s.start}|${s.end}`));
    assert.deepEqual(shifts, want, first);
  }
});

Deno.test("a date under a message's arrival time is what the message is about, not a day header", () => {
  const card = (top: number, stamp: string, title: string | null, text: string): RowSpec[] => [
    { top, height: 30, cells: [[146, "Schema"], [996, stamp]] },
    ...(title ? [{ top: top + 64, height: 34, cells: [[148, title]] as CellSpec[] }] : []),
    { top: top + 130, height: 34, cells: [[145, text]] },
  ];
  const cases: Array<[string, RowSpec[], string[]]> = [
    [
      "notification cards with a title",
      [
        ...card(349, "18:02", "Nytt pass", "tis 3/3 kl 14-22 · Kassa"),
        ...card(635, "16:40", "Ändrat pass", "ons 4/3 07:00–15:30"),
      ],
      [],
    ],
    ["a card without a title", card(349, "18:02", null, "tis 3/3 kl 14-22 · Kassa"), []],
    // a stamp that is no clock time, or a clock time inside the line, heads no message
    [
      "an updated note in one phrase",
      [
        { top: 349, height: 30, cells: [[146, "Uppdaterad 18:02"]] },
        { top: 479, height: 34, cells: [[145, "tis 3/3"], [500, "14:00-22:00"]] },
        { top: 579, height: 34, cells: [[145, "ons 4/3"], [500, "07:00-15:30"]] },
      ],
      ["tis 3/3", "ons 4/3"],
    ],
    [
      "a list whose rows end in a chip",
      [
        { top: 349, height: 30, cells: [[146, "må 2/3"], [500, "7-15:30"], [996, "Pass"]] },
        { top: 449, height: 30, cells: [[146, "ti 3/3"], [500, "14-22"], [996, "Pass"]] },
      ],
      ["må 2/3", "ti 3/3"],
    ],
  ];
  for (const [name, rows, want] of cases) {
    const read = readPage(buildPage(W, H, [...phoneChrome(H), ...rows]), "2026-03-02");
    assert.deepEqual(
      read.days.filter((d) => d.shifts.length).map((d) => d.header_text),
      want,
      name,
    );
  }
});

Deno.test("a roster's dotted dates beside their weekdays start days, and no hour ruler", () => {
  const row = (top: number, cells: Array<[number, string]>): RowSpec => ({
    top,
    height: 9,
    cells,
  });
  const days: Array<[string, string, string, string]> = [
    ["09.02", "Måndag", "Öppning", "07:00-15:30"],
    ["10.02", "Tisdag", "Lager", "08:00-12:00"],
    ["11.02", "Onsdag", "Sjuk", ""],
    ["12.02", "Torsdag", "Stängning", "12:00-20:30"],
    ["13.02", "Fredag", "Öppning", "07:00-15:30"],
    ["14.02", "Lördag", "Ledig", ""],
  ];
  const page = buildPage(1440, 900, [
    row(153, [[227, "Datum"], [389, "Veckodag"], [602, "Pass"], [812, "Tid"], [1050, "Timmar"]]),
    ...days.map(([datum, dag, pass, tid], i) =>
      row(176 + i * 20, [
        [226, datum],
        [390, dag],
        [602, pass],
        ...(tid ? [[812, tid], [1051, "8,5"]] as Array<[number, string]> : []),
      ])
    ),
  ]);
  assert.deepEqual(
    readPage(page, "2026-01-29").days.map((d) => [
      d.header_text,
      d.status,
      d.shifts.map((s) => `${s.start}-${s.end} ${s.label}`),
    ]),
    [
      ["09.02 Måndag", "work", ["07:00-15:30 Öppning"]],
      ["10.02 Tisdag", "work", ["08:00-12:00 Lager"]],
      ["11.02 Onsdag", "sick", []],
      ["12.02 Torsdag", "work", ["12:00-20:30 Stängning"]],
      ["13.02 Fredag", "work", ["07:00-15:30 Öppning"]],
      ["14.02 Lördag", "off", []],
    ],
  );
});

Deno.test("date blocks, a day number over its weekday, head their rows in the month above", () => {
  const block = (top: number, day: string, weekday: string, right: string[]): RowSpec[] => [
    { top, height: 56, cells: [[103, day], [285, right[0]!]] },
    { top: top + 62, height: 38, cells: [[286, right[1] ?? ""]].filter((c) => c[1]) as CellSpec[] },
    { top: top + 84, height: 25, cells: [[103, weekday]] },
  ];
  const page = buildPage(W, H, [
    ...phoneChrome(H),
    { top: 183, height: 60, cells: [[58, "Mina pass"]] },
    { top: 340, height: 34, cells: [[58, "Februari"]] },
    ...block(452, "9", "MÅN", ["Förmiddag 7-12", "Hemtjänst Norr"]),
    ...block(672, "11", "ONS", ["VAB"]),
    ...block(892, "13", "FRE", ["Natt 22-7", "Hemtjänst Syd"]),
    { top: 1112, height: 34, cells: [[58, "Mars"]] },
    ...block(1180, "2", "MÅN", ["Kväll 16-22", "Hemtjänst Syd"]),
  ]);
  assert.deepEqual(
    readPage(page, "2026-02-08").days.map((d) => [
      d.header_text,
      d.label.month,
      d.status,
      d.shifts.map((s) => `${s.start}-${s.end} ${s.label} | ${s.location}`),
    ]),
    [
      ["9 MÅN", 2, "work", ["07:00-12:00 Förmiddag | Hemtjänst Norr"]],
      ["11 ONS", 2, "off", []],
      ["13 FRE", 2, "work", ["22:00-07:00 Natt | Hemtjänst Syd"]],
      ["2 MÅN", 3, "work", ["16:00-22:00 Kväll | Hemtjänst Syd"]],
    ],
  );
});

Deno.test("a lone number over a weekday once on a page is no date block", () => {
  const page = buildPage(W, H, [
    ...phoneChrome(H),
    { top: 400, height: 56, cells: [[103, "3"], [285, "olästa meddelanden"]] },
    { top: 470, height: 25, cells: [[103, "Måndag"]] },
    { top: 600, cells: [[103, "Kan du jobba 10-18?"]] },
  ]);
  assert.deepEqual(readPage(page, "2026-02-08").days, []);
});
