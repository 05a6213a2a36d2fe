import assert from "node:assert/strict";
import {
  addDays,
  isoWeekday,
  isoWeekMonday,
  localDateOf,
  localDateTimeToInstant,
} from "../../lib/calendar_math.ts";

const TZ = "Europe/Stockholm";

Deno.test("localDateTimeToInstant() is right on both DST change days", () => {
  const cases: Array<[string, string, string]> = [
    ["2026-01-12", "07:00", "2026-01-12T06:00:00.000Z"],
    ["2026-07-01", "07:00", "2026-07-01T05:00:00.000Z"],
    ["2026-03-29", "01:30", "2026-03-29T00:30:00.000Z"],
    ["2026-03-29", "03:30", "2026-03-29T01:30:00.000Z"],
    ["2026-10-25", "01:30", "2026-10-24T23:30:00.000Z"],
    ["2026-10-25", "03:30", "2026-10-25T02:30:00.000Z"],
    ["2026-10-25", "02:30", "2026-10-25T00:30:00.000Z"],
  ];
  for (const [date, time, want] of cases) {
    assert.equal(localDateTimeToInstant(date, time, TZ), want, `${date} ${time}`);
  }
});

Deno.test("localDateOf() gives the Stockholm calendar date of an instant", () => {
  assert.equal(localDateOf("2026-01-12T23:30:00Z", TZ), "2026-01-13");
  assert.equal(localDateOf("2026-06-30T21:59:00Z", TZ), "2026-06-30");
  assert.equal(localDateOf("2026-06-30T22:00:00Z", TZ), "2026-07-01");
});

Deno.test("calendar steps cross months, years and leap days", () => {
  assert.equal(addDays("2025-12-31", 1), "2026-01-01");
  assert.equal(addDays("2028-02-28", 1), "2028-02-29");
  assert.equal(isoWeekday("2026-01-12"), 1);
  assert.equal(isoWeekday("2026-01-18"), 7);
  assert.equal(isoWeekMonday(2026, 1), "2025-12-29");
  assert.equal(isoWeekMonday(2025, 53), null);
});
