import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { canonicalDayJson, dayContentHash } from "../../lib/content_hash.ts";
import { shift } from "./day_preview_support.ts";

const monday = {
  date: "2026-01-12",
  status: "work" as const,
  shifts: [shift("2026-01-12", "07:00", "15:30", "Kassa")],
};

Deno.test("the canonical day is status and shift tuples, in a fixed key order", () => {
  assert.equal(
    canonicalDayJson(monday),
    '{"status":"work","shifts":[["07:00","15:30",false,"Kassa",null,null]]}',
  );
  assert.equal(
    dayContentHash(monday),
    createHash("sha256").update(canonicalDayJson(monday)).digest("hex"),
  );
  assert.match(dayContentHash(monday), /^[0-9a-f]{64}$/);
});

Deno.test("how a day was read does not change its hash, what it says does", () => {
  const reread = {
    ...monday,
    shifts: monday.shifts.map((s) => ({ ...s, confidence: 0.4, regions: [] })),
  };
  assert.equal(dayContentHash(reread), dayContentHash(monday));
  const relabelled = { ...monday, shifts: [shift("2026-01-12", "07:00", "15:30", "Lager")] };
  assert.notEqual(dayContentHash(relabelled), dayContentHash(monday));
  assert.notEqual(dayContentHash({ ...monday, status: "sick" }), dayContentHash(monday));
});

Deno.test("shifts hash the same in any order", () => {
  const a = shift("2026-01-12", "07:00", "11:00");
  const b = shift("2026-01-12", "17:00", "21:00");
  assert.equal(
    dayContentHash({ status: "work", shifts: [a, b] }),
    dayContentHash({ status: "work", shifts: [b, a] }),
  );
});
