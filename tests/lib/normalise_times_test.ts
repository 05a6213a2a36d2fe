import assert from "node:assert/strict";
import { shiftInstants } from "../../lib/normalise_times.ts";

const TZ = "Europe/Stockholm";

Deno.test("shift instants carry the Stockholm offset of their own moment", () => {
  const cases: [string, string, string, boolean, string, string][] = [
    [
      "2026-01-12",
      "06:00",
      "14:30",
      false,
      "2026-01-12T06:00:00+01:00",
      "2026-01-12T14:30:00+01:00",
    ],
    [
      "2026-07-01",
      "22:00",
      "06:00",
      true,
      "2026-07-01T22:00:00+02:00",
      "2026-07-02T06:00:00+02:00",
    ],
    // Spring forward: the night of 2026-03-29 is one hour shorter.
    [
      "2026-03-28",
      "22:00",
      "06:00",
      true,
      "2026-03-28T22:00:00+01:00",
      "2026-03-29T06:00:00+02:00",
    ],
    // Fall back: the night of 2026-10-25 is one hour longer.
    [
      "2026-10-24",
      "22:00",
      "06:00",
      true,
      "2026-10-24T22:00:00+02:00",
      "2026-10-25T06:00:00+01:00",
    ],
    // Spring forward on the day itself: a shift from before the change ends in summer time.
    [
      "2026-03-29",
      "01:00",
      "09:00",
      false,
      "2026-03-29T01:00:00+01:00",
      "2026-03-29T09:00:00+02:00",
    ],
    // Fall back: 01:30-03:30 lasts three hours, as 02:00-03:00 happens twice.
    [
      "2026-10-25",
      "01:30",
      "03:30",
      false,
      "2026-10-25T01:30:00+02:00",
      "2026-10-25T03:30:00+01:00",
    ],
    [
      "2025-12-31",
      "21:00",
      "05:30",
      true,
      "2025-12-31T21:00:00+01:00",
      "2026-01-01T05:30:00+01:00",
    ],
  ];
  for (const [date, start, end, next, startsAt, endsAt] of cases) {
    assert.deepEqual(shiftInstants(date, { start, end, ends_next_day: next }, TZ), {
      starts_at: startsAt,
      ends_at: endsAt,
    });
  }
});

Deno.test("shift instants settle the wall-clock times a DST change makes ambiguous", () => {
  const cases: [string, string, string, boolean, string, string][] = [
    // 02:30 on 2026-10-25 happens twice: the first, in summer time, is taken.
    [
      "2026-10-25",
      "02:30",
      "06:00",
      false,
      "2026-10-25T02:30:00+02:00",
      "2026-10-25T06:00:00+01:00",
    ],
    [
      "2026-10-25",
      "00:00",
      "02:30",
      false,
      "2026-10-25T00:00:00+02:00",
      "2026-10-25T02:30:00+02:00",
    ],
    [
      "2026-10-24",
      "23:00",
      "02:15",
      true,
      "2026-10-24T23:00:00+02:00",
      "2026-10-25T02:15:00+02:00",
    ],
    // 02:30 on 2026-03-29 never happens: it is read with the winter offset, one hour on.
    [
      "2026-03-29",
      "02:30",
      "10:00",
      false,
      "2026-03-29T03:30:00+02:00",
      "2026-03-29T10:00:00+02:00",
    ],
  ];
  for (const [date, start, end, next, startsAt, endsAt] of cases) {
    assert.deepEqual(
      shiftInstants(date, { start, end, ends_next_day: next }, TZ),
      { starts_at: startsAt, ends_at: endsAt },
      `${date} ${start}-${end}`,
    );
  }
});
