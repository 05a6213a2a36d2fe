import assert from "node:assert/strict";
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
    ]
  ) {
    assert.equal(parseWeekLabel(text, { reference: "2026-01-13" }), null, text);
  }
});
