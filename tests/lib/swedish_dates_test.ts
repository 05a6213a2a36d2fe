import assert from "node:assert/strict";
import {
  findDateLabels,
  parseDayHeader,
  readDateLabel,
  readWeekdayOnly,
  resolveDates,
} from "../../lib/swedish_dates.ts";

const REF = { reference: "2026-01-13" };

Deno.test("parseDayHeader() reads every day-label form a schedule prints", () => {
  const cases: Array<[string, string, string]> = [
    ["Måndag 12 januari", "2026-01-12", "weekday"],
    ["måndag 12 januari", "2026-01-12", "weekday"],
    ["Mån 12 jan", "2026-01-12", "weekday"],
    ["mån. 12 jan.", "2026-01-12", "weekday"],
    ["mån 12/1", "2026-01-12", "weekday"],
    ["Mån 12.1", "2026-01-12", "weekday"],
    ["Måndag, 12 januari 2026", "2026-01-12", "explicit"],
    ["2026-01-12", "2026-01-12", "explicit"],
    ["20 2 6-01-17", "2026-01-17", "explicit"],
    ["2026-03-29", "2026-03-29", "explicit"],
    ["2026-10-25", "2026-10-25", "explicit"],
    ["29.03.2026", "2026-03-29", "explicit"],
    ["sön. 25 okt.", "2026-10-25", "weekday"],
    ["Lördag 28 mars", "2026-03-28", "weekday"],
    ["tis. 1 sept.", "2026-09-01", "weekday"],
    ["Fre. 29 maj", "2026-05-29", "weekday"],
    ["Måndag den 12 januari", "2026-01-12", "weekday"],
    ["måndag 12:e januari", "2026-01-12", "weekday"],
    ["Torsdag den 1:a januari", "2026-01-01", "weekday"],
    ["12.01.2026", "2026-01-12", "explicit"],
    ["12/1 2026", "2026-01-12", "explicit"],
    ["12 jan 2026", "2026-01-12", "explicit"],
    ["12 januari", "2026-01-12", "capture_date"],
    ["Tis 13/1", "2026-01-13", "weekday"],
    ["Ons 14 jan", "2026-01-14", "weekday"],
    ["Torsdag 15 januari", "2026-01-15", "weekday"],
    ["Tors 15/1", "2026-01-15", "weekday"],
    ["Fredag 16 jan", "2026-01-16", "weekday"],
    ["Lördag 17 januari", "2026-01-17", "weekday"],
    ["Sön 18/1", "2026-01-18", "weekday"],
    ["sö 18/1", "2026-01-18", "weekday"],
    ["Sön 1 mars", "2026-03-01", "weekday"],
    ["Tor 5 feb", "2026-02-05", "weekday"],
    ["fre 1 maj", "2026-05-01", "weekday"],
    ["Mån 1 juni", "2026-06-01", "weekday"],
    ["ons 1 juli", "2026-07-01", "weekday"],
    ["Tis 1 sept", "2026-09-01", "weekday"],
    ["Idag", "2026-01-13", "relative"],
    ["I dag", "2026-01-13", "relative"],
    ["Imorgon", "2026-01-14", "relative"],
    ["I morgon", "2026-01-14", "relative"],
    ["Igår", "2026-01-12", "relative"],
    // The four- and five-letter weekday abbreviations, with or without a dot, in any case.
    ["Månd 12 jan", "2026-01-12", "weekday"],
    ["tisd. 13 jan", "2026-01-13", "weekday"],
    ["onsd 14/1", "2026-01-14", "weekday"],
    ["TORSD. 15/1", "2026-01-15", "weekday"],
    ["fred 16/1", "2026-01-16", "weekday"],
    ["Lörd. 17 jan", "2026-01-17", "weekday"],
    ["sönd 18/1", "2026-01-18", "weekday"],
    // A two-digit year after a dash, and the other numeric orders and separators.
    ["mån 12 jan -26", "2026-01-12", "explicit"],
    ["12 jan-26", "2026-01-12", "explicit"],
    ["12/1-26", "2026-01-12", "explicit"],
    ["mån 12/1-26", "2026-01-12", "explicit"],
    ["12-01-2026", "2026-01-12", "explicit"],
    ["2026/01/12", "2026-01-12", "explicit"],
    ["12/1/2026", "2026-01-12", "explicit"],
    ["den 12/1", "2026-01-12", "capture_date"],
    ["den 12 januari", "2026-01-12", "capture_date"],
    // a roster's Datum and Veckodag columns side by side
    ["12.01 Måndag", "2026-01-12", "weekday"],
    ["12.1. mån", "2026-01-12", "weekday"],
  ];
  for (const [text, date, source] of cases) {
    assert.deepEqual(parseDayHeader(text, REF), { date, year_source: source }, text);
  }
});

Deno.test("parseDayHeader() tolerates the diacritics OCR drops", () => {
  for (
    const [text, date] of [["Mandag 12 januari", "2026-01-12"], ["Lordag 17 jan", "2026-01-17"], [
      "Sondag 18/1",
      "2026-01-18",
    ], ["Lor 31/1", "2026-01-31"]]
  ) {
    assert.equal(parseDayHeader(text!, REF)?.date, date, text);
  }
});

Deno.test("parseDayHeader() returns null for text that is not a day label", () => {
  for (
    const text of [
      "Mina pass",
      "09:41",
      "12.30",
      // "d.m" alone is a time as much as a date, and a time before a weekday is no date
      "01.02",
      "07.00 Måndag",
      "12.30 tisdag",
      "95 %",
      "Vecka 5",
      "Kassa",
      "31 feb",
      "to",
      "on",
      "Butik Centrum",
      "30/14",
      "12 2026-01",
      "2026-13-01",
      // near misses of the forms above
      "12 jan -2",
      "12 jan -263",
      "12/1-26/1",
      "12/1 - 26",
      "16 feb -29 mars",
      "12-01-26",
      "2026/01-12",
      "12/1-16:00",
      "den",
      "den 13",
      "Fredrik 16/1",
      "Tisdagen 13/1",
      "Tisd",
      // the printed weekday fits no year near the capture: 13 jan 2026 is a Tuesday
      "fred 13/1",
      "mån 12 jan -25",
    ]
  ) {
    assert.equal(parseDayHeader(text, REF), null, text);
  }
});

Deno.test("readDateLabel() reads a weekday abbreviation alone as a weekday", () => {
  const cases: Array<[string, number]> = [
    ["TISD.", 2],
    ["Månd", 1],
    ["onsd", 3],
    ["fred", 5],
    ["LÖRD", 6],
    ["sönd.", 7],
  ];
  for (const [text, weekday] of cases) {
    assert.equal(readDateLabel(text)?.weekday, weekday, text);
    assert.equal(readDateLabel(text)?.day, null, text);
  }
});

Deno.test("an ISO date whose year OCR split with spaces keeps its year, and only a 20xx one", () => {
  const cases: Array<[string, string | null]> = [
    ["20 2 6-01-17", "2026-01-17"],
    ["2 026-01-17", "2026-01-17"],
    ["202 6-01-17", "2026-01-17"],
    ["2 0 2 6-01-17", "2026-01-17"],
    ["20 26/01/17", "2026-01-17"],
    ["20 2 6-1-7", "2026-01-07"],
    // a number before a garbled year is no part of it, nor is a split year outside 20xx
    ["12 26-01-17", null],
    ["Pass 3 026-01-17", null],
    ["1 9 99-01-17", null],
    // mixed separators make no ISO date, split year or not
    ["20 2 6-01/17", null],
  ];
  for (const [text, date] of cases) {
    const want = date ? { date, year_source: "explicit" } : null;
    assert.deepEqual(parseDayHeader(text, REF), want, text);
  }
});

Deno.test("parseDayHeader() takes the printed date beside a relative word when they agree", () => {
  const cases: Array<[string, string | null, string | null]> = [
    ["Idag, 13 jan", "2026-01-13", "capture_date"],
    ["Imorgon 14/1", "2026-01-14", "capture_date"],
    ["Igår – mån 12 jan", "2026-01-12", "weekday"],
    ["Idag · tis 13 jan 2026", "2026-01-13", "explicit"],
    ["Idag - 13/1", "2026-01-13", "capture_date"],
    ["Idag | 13 jan", "2026-01-13", "capture_date"],
    ["Idag • 13 jan", "2026-01-13", "capture_date"],
    ["Idag : 13 jan", "2026-01-13", "capture_date"],
    ["Imorgon — 14/1", "2026-01-14", "capture_date"],
    // the printed date is not the day the word names
    ["Idag, 14 jan", null, null],
    ["Imorgon 13/1", null, null],
    ["Igår – tis 13 jan", null, null],
    // not one badge and one date
    ["Idag 13 jan 14 jan", null, null],
    ["Idag Kassa 13 jan", null, null],
    ["Idag, tis", null, null],
    // a mark that parts nothing
    ["Idag + 13 jan", null, null],
    ["Idag -, 13 jan", null, null],
  ];
  for (const [text, date, source] of cases) {
    const want = date ? { date, year_source: source } : null;
    assert.deepEqual(parseDayHeader(text, REF), want, text);
  }
  // Without a capture date nothing says which day "Idag" is.
  assert.equal(parseDayHeader("Idag, 13 jan", { reference: "" }), null);
});

Deno.test("parseDayHeader() pins the year from the printed weekday", () => {
  // Captured in early January: "Tis 30 dec" is the December just gone, not the one ahead.
  assert.deepEqual(parseDayHeader("Tis 30 dec", REF), {
    date: "2025-12-30",
    year_source: "weekday",
  });
  // Captured in late December, "Fre 2 jan" is next year's.
  assert.deepEqual(parseDayHeader("Fre 2 jan", { reference: "2025-12-29" }), {
    date: "2026-01-02",
    year_source: "weekday",
  });
  // The weekday wins over nearness: 13 January was a Monday in 2025, not in 2026.
  assert.deepEqual(parseDayHeader("Mån 13 januari", REF), {
    date: "2025-01-13",
    year_source: "weekday",
  });
  // A weekday that fits no year near the capture is refused rather than guessed.
  assert.equal(parseDayHeader("Mån 14 januari", REF), null);
});

Deno.test("resolveDates() carries a list across the new year by continuity", () => {
  const labels = ["30 dec", "31 dec", "1 jan", "2 jan"].map((t) => readDateLabel(t)!);
  const dates = resolveDates(labels, { reference: "2025-12-29" });
  assert.deepEqual(dates.map((d) => d?.date), [
    "2025-12-30",
    "2025-12-31",
    "2026-01-01",
    "2026-01-02",
  ]);
  assert.deepEqual(dates.map((d) => d?.year_source), [
    "capture_date",
    "continuity",
    "continuity",
    "continuity",
  ]);
  // The same list seen from a capture in January keeps its December in the year before.
  const seenLater = resolveDates(labels, { reference: "2026-01-05" });
  assert.deepEqual(seenLater.map((d) => d?.date), [
    "2025-12-30",
    "2025-12-31",
    "2026-01-01",
    "2026-01-02",
  ]);
});

Deno.test("resolveDates() falls back to the default year only without a capture date", () => {
  const [d] = resolveDates([readDateLabel("12 januari")!], { reference: "", defaultYear: 2027 });
  assert.deepEqual(d, { date: "2027-01-12", year_source: "default_year" });
});

Deno.test("resolveDates() handles the DST change days as plain calendar dates", () => {
  assert.deepEqual(parseDayHeader("Söndag 29 mars", { reference: "2026-03-27" }), {
    date: "2026-03-29",
    year_source: "weekday",
  });
  assert.deepEqual(parseDayHeader("Sön 25 okt", { reference: "2026-10-20" }), {
    date: "2026-10-25",
    year_source: "weekday",
  });
});

Deno.test("findDateLabels() finds labels inside a row and leaves times alone", () => {
  const found = (text: string) => findDateLabels(text).map((f) => f.label.text);
  assert.deepEqual(found("Mån 26/1 = 13.30-21.30 Undersköterska"), ["Mån 26/1"]);
  assert.deepEqual(found("17.02.2026 tis 13:30 21:30 30 Undersköterska"), ["17.02.2026 tis"]);
  assert.deepEqual(found("Period: 16 feb - 29 mars 2026"), ["16 feb", "29 mars 2026"]);
  assert.deepEqual(found("07:00 - 15:30 Kassa"), []);
  assert.deepEqual(found("Tor 19 feb 14:00–22:30 Truck"), ["Tor 19 feb"]);
  assert.deepEqual(found("Mån 12/1-26 07:00-15:30"), ["Mån 12/1-26"]);
  assert.deepEqual(found("torsd 15/1 13-21:30"), ["torsd 15/1"]);
  // In a row the badge and the date stay apart: the layout keeps the date and drops the badge.
  assert.deepEqual(found("Idag · lördag 14 mars"), ["Idag", "lördag 14 mars"]);
});

Deno.test("readWeekdayOnly() takes a weekday alone, not a date, a badge or a sentence", () => {
  assert.equal(readWeekdayOnly("Måndag")?.weekday, 1);
  assert.equal(readWeekdayOnly("tis.")?.weekday, 2);
  assert.equal(readWeekdayOnly("SÖN")?.weekday, 7);
  for (const text of ["Mån 12/1", "Idag", "12 januari", "Måndag kväll"]) {
    assert.equal(readWeekdayOnly(text), null, text);
  }
});
