import assert from "node:assert/strict";
import { readDateLabel, resolveDates } from "../../lib/swedish_dates.ts";
import { parseWeekLabel } from "../../lib/week_labels.ts";

Deno.test("parseWeekLabel() reads week headers as ISO weeks", () => {
  const ref = { reference: "2026-01-13" };
  const cases: Array<[string, number, number, string]> = [
    ["Vecka 3", 2026, 3, "2026-01-12"],
    ["vecka 3", 2026, 3, "2026-01-12"],
    ["v. 3", 2026, 3, "2026-01-12"],
    ["V.3", 2026, 3, "2026-01-12"],
    ["v3 2026", 2026, 3, "2026-01-12"],
    ["Vecka 1", 2026, 1, "2025-12-29"],
    ["Vecka 52", 2025, 52, "2025-12-22"],
    ["Vecka 53 2026", 2026, 53, "2026-12-28"],
    ["v. 12", 2026, 12, "2026-03-16"],
    ["v12 2026", 2026, 12, "2026-03-16"],
    ["Vecka 12, 2026", 2026, 12, "2026-03-16"],
    ["v12/2026", 2026, 12, "2026-03-16"],
    ["Vecka 12 · 2026", 2026, 12, "2026-03-16"],
    ["Vecka 12 (16–22 mars)", 2026, 12, "2026-03-16"],
    ["v. 12 · 16/3 – 22/3", 2026, 12, "2026-03-16"],
    ["Vecka 12 2026 - 16 mars till 22 mars", 2026, 12, "2026-03-16"],
    ["V12", 2026, 12, "2026-03-16"],
  ];
  for (const [text, year, week, monday] of cases) {
    assert.deepEqual(parseWeekLabel(text, ref), { year, week, monday }, text);
  }
});

Deno.test("parseWeekLabel() refuses what is not a week", () => {
  for (
    const text of [
      "Vecka 54",
      "Vecka 53 2025",
      "Veckans pass",
      "v 0",
      "Mån 12/1",
      "Vecka 12 Kassa",
      "v. 12 (ny)",
      "Vecka 12 - Butik",
      // English
      "w3",
      "W 3",
      "Week 3",
    ]
  ) {
    assert.equal(parseWeekLabel(text, { reference: "2026-01-13" }), null, text);
  }
});

Deno.test("parseWeekLabel() reads a week 53 without a year only near a year that has one", () => {
  const cases: Array<[string, string | null]> = [
    // 2026 has 53 ISO weeks; its week 53 starts on 2026-12-28
    ["2026-10-01", "2026-12-28"],
    ["2026-06-12", "2026-12-28"],
    ["2027-01-04", "2026-12-28"],
    ["2020-12-01", "2020-12-28"],
    // neither 2024 nor 2025 has a week 53, and 2026's is too far ahead to be meant
    ["2025-06-15", null],
    // early in a year the week 53 that ends it is almost a year away
    ["2026-01-13", null],
  ];
  for (const [reference, monday] of cases) {
    assert.equal(parseWeekLabel("Vecka 53", { reference })?.monday ?? null, monday, reference);
  }
});

Deno.test("a week 1 that opens in December dates its days across the new year", () => {
  const labels = ["mån 29 dec", "tis 30 dec", "ons 31 dec", "tors 1 jan", "fre 2 jan"];
  for (const reference of ["2025-12-20", "2026-01-10"]) {
    assert.deepEqual(parseWeekLabel("Vecka 1", { reference }), {
      year: 2026,
      week: 1,
      monday: "2025-12-29",
    });
    const dates = resolveDates(labels.map((t) => readDateLabel(t)!), { reference });
    assert.deepEqual(dates.map((d) => d?.date), [
      "2025-12-29",
      "2025-12-30",
      "2025-12-31",
      "2026-01-01",
      "2026-01-02",
    ], reference);
  }
});
