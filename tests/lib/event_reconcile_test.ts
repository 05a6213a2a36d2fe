import assert from "node:assert/strict";
import { duplicateStart, reconcileEvents, type StoredEvent } from "../../lib/event_reconcile.ts";

const stored = (
  id: string,
  start: string,
  end: string,
  label: string | null = null,
): StoredEvent => ({
  id,
  starts_at: `2026-01-12T${start}:00.000Z`,
  ends_at: `2026-01-12T${end}:00.000Z`,
  label,
  location: null,
  break_minutes: null,
});
// The same instants as the stored rows, written with the Stockholm offset.
const shift = (start: string, end: string, label: string | null = null) => ({
  starts_at: `2026-01-12T${String(Number(start.slice(0, 2)) + 1).padStart(2, "0")}${
    start.slice(2)
  }:00+01:00`,
  ends_at: `2026-01-12T${String(Number(end.slice(0, 2)) + 1).padStart(2, "0")}${
    end.slice(2)
  }:00+01:00`,
  label,
  location: null,
  break_minutes: null,
});

Deno.test("events are matched by start instant whatever the offset they are written with", () => {
  const cases: {
    name: string;
    rows: StoredEvent[];
    want: ReturnType<typeof shift>[];
    expect: { insert: number; update: string[]; delete: string[]; keep: string[] };
  }[] = [
    {
      name: "first sight",
      rows: [],
      want: [shift("06:00", "14:00")],
      expect: { insert: 1, update: [], delete: [], keep: [] },
    },
    {
      name: "same shift",
      rows: [stored("1", "06:00", "14:00")],
      want: [shift("06:00", "14:00")],
      expect: { insert: 0, update: [], delete: [], keep: ["1"] },
    },
    {
      name: "new end",
      rows: [stored("1", "06:00", "14:00")],
      want: [shift("06:00", "15:00")],
      expect: { insert: 0, update: ["1"], delete: [], keep: [] },
    },
    {
      name: "new label",
      rows: [stored("1", "06:00", "14:00", "Kassa")],
      want: [shift("06:00", "14:00", "Lager")],
      expect: { insert: 0, update: ["1"], delete: [], keep: [] },
    },
    {
      name: "moved start",
      rows: [stored("1", "06:00", "14:00")],
      want: [shift("07:00", "14:00")],
      expect: { insert: 1, update: [], delete: ["1"], keep: [] },
    },
    {
      name: "day off now",
      rows: [stored("1", "06:00", "14:00"), stored("2", "16:00", "18:00")],
      want: [],
      expect: { insert: 0, update: [], delete: ["1", "2"], keep: [] },
    },
    {
      name: "split shift added",
      rows: [stored("1", "06:00", "10:00")],
      want: [shift("06:00", "10:00"), shift("12:00", "16:00")],
      expect: { insert: 1, update: [], delete: [], keep: ["1"] },
    },
  ];
  for (const c of cases) {
    const plan = reconcileEvents(c.rows, c.want);
    assert.equal(plan.insert.length, c.expect.insert, c.name);
    assert.deepEqual(plan.update.map((u) => u.id), c.expect.update, c.name);
    assert.deepEqual(plan.delete, c.expect.delete, c.name);
    assert.deepEqual(plan.keep, c.expect.keep, c.name);
  }
});

Deno.test("a day with two shifts starting at the same instant is reported", () => {
  assert.equal(duplicateStart([shift("06:00", "10:00"), shift("12:00", "16:00")]), null);
  assert.match(
    duplicateStart([shift("06:00", "10:00"), shift("06:00", "12:00")]) ?? "",
    /Two shifts start at/,
  );
});
