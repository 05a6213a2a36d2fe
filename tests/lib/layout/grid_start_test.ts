import assert from "node:assert/strict";
import { type DateBallot, voteFirstDate, yearsAround } from "../../../lib/layout/grid_start.ts";

/** Ballots of a Monday-first week whose columns print "day/month" without a year. */
function week(printed: Array<[number, number] | null>, reference: string): DateBallot[] {
  return printed.flatMap((p, offset) =>
    p === null ? [] : yearsAround(reference, null).map((year) => ({
      year,
      month: p[1],
      day: p[0],
      weekday: offset + 1,
      offset,
      weight: 1,
    }))
  );
}

Deno.test("voteFirstDate() starts the grid where most printed dates agree", () => {
  const cases: Array<[string, Array<[number, number] | null>, string, string | null]> = [
    ["all read", [[12, 1], [13, 1], [14, 1], [15, 1], [16, 1]], "2026-01-13", "2026-01-12"],
    [
      "one misread is outvoted",
      [[12, 1], [18, 1], [14, 1], null, [16, 1]],
      "2026-01-13",
      "2026-01-12",
    ],
    // Of the years around the capture date, 12/1 is a Monday only in 2026.
    ["one date, its weekday picks the year", [[12, 1]], "2026-06-01", "2026-01-12"],
    [
      "across the new year",
      [[29, 12], [30, 12], [31, 12], [1, 1], [2, 1]],
      "2026-01-02",
      "2025-12-29",
    ],
    ["no date on its weekday", [[14, 1]], "2026-01-13", null],
    ["nothing printed", [], "2026-01-13", null],
  ];
  for (const [name, printed, reference, want] of cases) {
    assert.equal(voteFirstDate(week(printed, reference), reference), want, name);
  }
});

Deno.test("voteFirstDate() weighs ballots, and a tie goes to the date nearer the capture date", () => {
  const monday = (date: string, weight: number): DateBallot => {
    const [year, month, day] = date.split("-").map(Number) as [number, number, number];
    return { year, month, day, weekday: 1, offset: 0, weight };
  };
  assert.equal(
    voteFirstDate([monday("2026-01-05", 1), monday("2026-02-02", 1)], "2026-01-30"),
    "2026-02-02",
  );
  assert.equal(
    voteFirstDate([monday("2026-01-05", 2), monday("2026-02-02", 1)], "2026-01-30"),
    "2026-01-05",
  );
  assert.deepEqual(yearsAround("2026-01-13", 2024), [2024]);
});
