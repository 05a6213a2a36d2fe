import assert from "node:assert/strict";
import {
  findDuration,
  findTimeRanges,
  isPartOfDay,
  namesBreak,
  parseBreakMinutes,
  parseClockTime,
  parseTimeRange,
  printsBareHours,
  readBareClock,
} from "../../lib/time_ranges.ts";

Deno.test("parseTimeRange() reads the range forms schedules print", () => {
  const cases: Array<[string, string, string, boolean]> = [
    ["07:00 – 15:30", "07:00", "15:30", false],
    ["07:00 - 15:30", "07:00", "15:30", false],
    ["07:00—15:30", "07:00", "15:30", false],
    ["7:00-15:30", "07:00", "15:30", false],
    ["07.00-15.30", "07:00", "15:30", false],
    ["7.00–16.00", "07:00", "16:00", false],
    ["13.30–21.30", "13:30", "21:30", false],
    ["07:00 till 15:30", "07:00", "15:30", false],
    ["kl. 7-16", "07:00", "16:00", false],
    ["kl. 10-18.30", "10:00", "18:30", false],
    ["09:30-18", "09:30", "18:00", false],
    ["13-21:30", "13:00", "21:30", false],
    ["22.00-6.00", "22:00", "06:00", true],
    ["kl 07:00-16:00", "07:00", "16:00", false],
    ["22:00 – 06:00", "22:00", "06:00", true],
    ["22.00-06.00", "22:00", "06:00", true],
    ["22:00--06:00", "22:00", "06:00", true],
    ["0700-1530", "07:00", "15:30", false],
    ["(07:00 - 15:30)", "07:00", "15:30", false],
    // arrows, and a chevron between two full clock times
    ["07:00 → 15:30", "07:00", "15:30", false],
    ["07:00 -> 15:30", "07:00", "15:30", false],
    ["kl 7 → 16", "07:00", "16:00", false],
    ["07:00 > 15:30", "07:00", "15:30", false],
    ["07:00>15:30", "07:00", "15:30", false],
    // a next-day mark that agrees with the clock
    ["22:00–06:00 (+1)", "22:00", "06:00", true],
    ["22:00–06:00 (+1 dag)", "22:00", "06:00", true],
    ["22:00-06:00 +1", "22:00", "06:00", true],
    // a break mark after the range
    ["07:00 - 15:30 (30)", "07:00", "15:30", false],
    ["07:00 - 15:30 (30 min)", "07:00", "15:30", false],
    ["22:00 - 06:00 (+1) (45)", "22:00", "06:00", true],
    // OCR lost both colons
    ["07 00 - 15 30", "07:00", "15:30", false],
    ["7 00 – 16 00", "07:00", "16:00", false],
    ["kl. 07 00 - 15 30", "07:00", "15:30", false],
    ["kl 7–16", "07:00", "16:00", false],
  ];
  for (const [text, start, end, next] of cases) {
    assert.deepEqual(parseTimeRange(text), { start, end, ends_next_day: next }, text);
  }
});

Deno.test("parseTimeRange() mends OCR's letter-for-digit slips but invents nothing", () => {
  assert.deepEqual(parseTimeRange("O7:00-15:3O"), {
    start: "07:00",
    end: "15:30",
    ends_next_day: false,
  });
  assert.deepEqual(parseTimeRange("l6:00 - 2l:00"), {
    start: "16:00",
    end: "21:00",
    ends_next_day: false,
  });
  for (
    const text of [
      "09:41",
      "12-16",
      "25:00-06:00",
      "07:00-07:00",
      "07:00 - ",
      "OO:OO-OO:OO",
      "Kassa",
      "07:61-08:00",
      // a bare hour range is a shift only in a grid cell
      "7–16",
      // a next-day mark the clock contradicts, or one that is not "+1"
      "07:00 - 15:30 (+1)",
      "22:00-06:00 (+2)",
      // a chevron beside a whole hour
      "7 > 16",
      "07:00 > 16",
      "07:00 → ",
      // spaced clocks on one side only, or a minute cut short
      "07 - 15 30",
      "07 00 - 15:30",
      "07 00 - 15 3",
      // more than a range and its break
      "07:00 - 15:30 (30) Kassa",
      "(30) 07:00 - 15:30",
    ]
  ) {
    assert.equal(parseTimeRange(text), null, text);
  }
});

Deno.test("findTimeRanges() finds every range inside a row", () => {
  assert.deepEqual(
    findTimeRanges("Mån 26/1 = 13.30-21.30 Undersköterska").map((r) => [r.start, r.end]),
    [["13:30", "21:30"]],
  );
  assert.deepEqual(
    findTimeRanges("07:00-11:00 och 16:00-20:00").map((r) => [r.start, r.end]),
    [["07:00", "11:00"], ["16:00", "20:00"]],
  );
  // Spaced clocks are read only where the range stands alone in its cell.
  assert.deepEqual(findTimeRanges("Mån 12 07 00 - 15 30"), []);
  assert.deepEqual(
    findTimeRanges("Mån 12  07 00 - 15 30").map((r) => [r.start, r.end]),
    [["07:00", "15:30"]],
  );
  // The next-day mark belongs to the range, so it is not left over for the label.
  const [night] = findTimeRanges("22:00-06:00 (+1) Lager");
  assert.equal("22:00-06:00 (+1) Lager".slice(night!.index + night!.length).trim(), "Lager");
});

Deno.test("parseClockTime() reads one time token", () => {
  const cases: Array<[string, string | null]> = [
    ["07:00", "07:00"],
    ["7.00", "07:00"],
    ["21:45", "21:45"],
    ["kl. 7:30", "07:30"],
    ["0700", null],
    ["25:00", null],
    ["Ledig", null],
  ];
  for (const [text, want] of cases) assert.equal(parseClockTime(text), want, text);
});

Deno.test("parseBreakMinutes() reads breaks however they are written", () => {
  const cases: Array<[string, number | null]> = [
    ["Rast 30 min", 30],
    ["30 min rast", 30],
    ["rast 45 min", 45],
    ["Rast: 45", 45],
    ["(30)", 30],
    ["30 min", 30],
    ["0 min", 0],
    ["Rast 1 h", 60],
    ["Rast 1 tim 30 min", 90],
    ["Rast 0:30", 30],
    ["Rast 00:45", 45],
    ["Rast 1:00", 60],
    ["Rast 1,5 h", 90],
    ["Rast 0.5 h", 30],
    ["Rast 30 minuter", 30],
    ["30 minuter rast", 30],
    ["Paus 30 min", 30],
    ["Rast 11-13", null],
    ["Rast 45, Kassa", 45],
    ["Rast 30.", 30],
    ["RAST 30 MIN", 30],
    ["Rast 30min", 30],
    ["rast: 30 min.", 30],
    ["Rast 12:00-12:30", null],
    // several breaks of one length, and lunch
    ["Raster 2x15 min", 30],
    ["Rast 2 x 15 min", 30],
    ["Rast 2×15", 30],
    ["2x15 min rast", 30],
    ["Pauser 2x10 min", 20],
    ["Lunch 30 min", 30],
    ["45 min lunch", 45],
    ["Lunchrast 45 min", 45],
    ["Lunch 12:00-12:30", null],
    ["Lunch", null],
    ["Lunchvakt 30 min", null],
    ["Rast 5x15", null],
    ["Kassa", null],
    ["Butik Centrum", null],
  ];
  for (const [text, want] of cases) assert.equal(parseBreakMinutes(text), want, text);
});

Deno.test("findTimeRanges() reads whole-hour ranges only where the caller says a cell holds a shift", () => {
  const cases: Array<[string, [string, string] | null]> = [
    ["07-16", ["07:00", "16:00"]],
    ["22-06", ["22:00", "06:00"]],
    ["07-16 (30)", ["07:00", "16:00"]],
    ["Ledig  07-16", ["07:00", "16:00"]],
    ["Vecka 3-4", null],
    ["sida 1-2", null],
    ["24-06", null],
    ["12-1-2026", null],
  ];
  for (const [text, want] of cases) {
    const found = findTimeRanges(text, { bareHours: true }).map((r) => [r.start, r.end]);
    assert.deepEqual(found, want ? [want] : [], text);
    assert.deepEqual(findTimeRanges(text), [], `${text} without bareHours`);
  }
});

Deno.test("printsBareHours() tells a range written with a bare whole hour and no kl", () => {
  const cases: Array<[string, boolean]> = [
    ["7-15:30", true],
    ["må 12.10.  9:30-18  Pass", true],
    ["22-6:30 (+1)", true],
    ["13 - 21.30", true],
    ["07:00-15:30", false],
    ["7.00 - 15.30", false],
    ["kl 7-16", false],
    ["kl. 10-18.30", false],
    ["14-22", false],
    ["Vecka 3-4", false],
    ["Kassa", false],
  ];
  for (const [text, want] of cases) assert.equal(printsBareHours(text), want, text);
});

Deno.test("findDuration() finds a shift's length but not a break or a time", () => {
  const cases: Array<[string, string | null]> = [
    ["8 h 30 min", "8 h 30 min"],
    ["· 8 h", "8 h"],
    ["-:3h 30 min [ Pass )", "3h 30 min"],
    ["8,5 h", "8,5 h"],
    ["(8h)", "8h"],
    ["8 tim", "8 tim"],
    ["7 timmar", "7 timmar"],
    ["Rast 1 h", null],
    ["Rast 1,5 h", null],
    ["12:30 h", null],
    ["Hus 3", null],
    ["Kassa", null],
  ];
  for (const [text, want] of cases) {
    const found = findDuration(text);
    assert.equal(found ? text.slice(found.index, found.index + found.length) : null, want, text);
  }
});

Deno.test("findTimeRanges() reads a bare pair after a part of the day as that shift's hours", () => {
  const cases: Array<[string, [string, string] | null]> = [
    ["Förmiddag 7-12", ["07:00", "12:00"]],
    ["Kväll 16–22", ["16:00", "22:00"]],
    ["Natt 22-7", ["22:00", "07:00"]],
    ["Natt 22-7  Hemtjänst", ["22:00", "07:00"]],
    // anything else before the pair, or more after it, keeps it a count or a period
    ["Vecka 3-4", null],
    ["Kväll 16-22 och 23", null],
    ["Dagar 3-4", null],
  ];
  for (const [text, want] of cases) {
    const found = findTimeRanges(text).map((r) => [r.start, r.end]);
    assert.deepEqual(found, want ? [want] : [], text);
  }
});

Deno.test("readBareClock() reads a token of digits that is a clock time and nothing else", () => {
  assert.deepEqual(readBareClock("7:00"), { hours: 7, minutes: 0 });
  assert.deepEqual(readBareClock("18.30"), { hours: 18, minutes: 30 });
  for (const text of ["kl 7:00", "O7:00", "07:00-15:30", "0700", "7:0"]) {
    assert.equal(readBareClock(text), null, text);
  }
});

Deno.test("isPartOfDay() takes a part of the day's name or its short form as a word, in any case", () => {
  for (const word of ["Kväll", "NATT", "förmiddag", "Dag", "fm", "Em"]) {
    assert.ok(isPartOfDay(word), word);
  }
  for (const word of ["Kvällspass", "Dagtid", "Lager", "Emma"]) assert.ok(!isPartOfDay(word), word);
});

Deno.test("namesBreak() tells a named break from bare minutes", () => {
  for (const text of ["Rast 45 min", "Lunchrast", "PAUS", "Raster 2x15 min", "Lunch 30"]) {
    assert.ok(namesBreak(text), text);
  }
  for (const text of ["30 min", "(30)", "8 h 30 min"]) assert.ok(!namesBreak(text), text);
});
