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
    ["VAB", "off"],
    ["Vab", "off"],
    ["Föräldraledig", "off"],
    ["Foraldraledig", "off"],
    ["Föräldraledighet", "off"],
    ["Tjänstledig", "off"],
    ["Tjanstledig", "off"],
    ["Tjänstledlg", "off"],
    ["Kompledig", "off"],
    ["Pass", "work"],
    ["PASS", "work"],
    ["Arbetspass", "work"],
    ["Arbete", "work"],
    ["Passet", null],
    ["<x£Ledig", "off"],
    ["<x£Ledig -", "off"],
    ["x Ledig", null],
    ["Kassa", null],
    ["Ledning", null],
    ["Vad", null],
    ["VA", null],
    ["Förälder", null],
    ["", null],
  ];
  for (const [text, want] of cases) assert.equal(classifyDayStatus(text), want, text);
});
