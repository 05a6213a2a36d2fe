import assert from "node:assert/strict";
import { inShard, selectionSpec, shardOf } from "../../lib/session_selection.ts";

const base = {
  sessionIds: [],
  userId: null,
  states: [],
  fromDate: null,
  toDate: null,
  limit: null,
  shard: null,
};

Deno.test("--to-date ends at the next midnight in Stockholm, --from-date starts at its own", () => {
  const winter = selectionSpec(
    { ...base, fromDate: "2026-01-13", toDate: "2026-01-13" },
    "Europe/Stockholm",
  );
  assert.equal(winter.createdFrom, "2026-01-12T23:00:00.000Z");
  assert.equal(winter.createdBefore, "2026-01-13T23:00:00.000Z");
  const summer = selectionSpec({ ...base, toDate: "2026-06-30" }, "Europe/Stockholm");
  assert.equal(summer.createdBefore, "2026-06-30T22:00:00.000Z");
  // The day clocks go forward is 23 hours long: the bound is still the next local midnight.
  const dst = selectionSpec(
    { ...base, fromDate: "2026-03-29", toDate: "2026-03-29" },
    "Europe/Stockholm",
  );
  assert.equal(dst.createdFrom, "2026-03-28T23:00:00.000Z");
  assert.equal(dst.createdBefore, "2026-03-29T22:00:00.000Z");
});

Deno.test("no date flags leave the created_at bounds open", () => {
  const spec = selectionSpec(base, "Europe/Stockholm");
  assert.equal(spec.createdFrom, null);
  assert.equal(spec.createdBefore, null);
});

Deno.test("an unresolved auto shard is a programmer error", () => {
  assert.throws(() => selectionSpec({ ...base, shard: { index: "auto", count: 2 } }, "UTC"));
});

Deno.test("shards partition the ids: each id in exactly one, roughly even", () => {
  const count = 4;
  const sizes = new Array(count).fill(0);
  for (let id = 1; id <= 4000; id++) {
    const k = shardOf(String(id), count);
    sizes[k]++;
    const hits = [0, 1, 2, 3].filter((i) => inShard(String(id), { shard: { index: i, count } }));
    assert.deepEqual(hits, [k]);
  }
  for (const n of sizes) assert.ok(n > 850 && n < 1150, `uneven shards ${sizes}`);
  assert.ok(inShard("17", { shard: null }));
});

Deno.test("a shard is the first 56 bits of sha256 of the decimal id, modulo the count", () => {
  // sha256("2101") = 6cf713e83ca48f..., sha256("1") = 6b86b273ff34fc...
  assert.equal(shardOf("2101", 7), 2);
  assert.equal(shardOf("2101", 1_000_003), 867511);
  assert.equal(shardOf("1", 1_000_003), 947794);
});
