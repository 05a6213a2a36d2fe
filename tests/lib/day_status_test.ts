import assert from "node:assert/strict";
import { classifyDayStatus } from "../../lib/day_status.ts";

Deno.test("classifyDayStatus() names the days without shifts", () => {
  const cases: Array<[string, string | null]> = [
    ["Ledig", "off"],
    ["Ledigt", "off"],
    ["LEDIG", "off"],
    ["Fridag", "off"],
    ["Ej schemalagd", "off"],
    ["Semester", "vacation"],
    ["Semestcr", "vacation"],
    ["Sjuk", "sick"],
    ["Sjukskriven", "sick"],
    ["Sjukfrånvaro", "sick"],
    ["<x£Ledig", "off"],
    ["<x£Ledig -", "off"],
    ["x Ledig", null],
    ["Kassa", null],
    ["Ledning", null],
    ["", null],
  ];
  for (const [text, want] of cases) assert.equal(classifyDayStatus(text), want, text);
});
