import assert from "node:assert/strict";
import { levelsKeepingSplit, otsuThreshold } from "../../ocr/otsu_levels.ts";

/** Level counts of a page: dark text, anti-aliased edges from `edgeFrom` up, white background. */
function page(text: number, edges: number, edgeFrom = 60): Float64Array {
  const counts = new Float64Array(256);
  for (let v = 0; v <= 30; v++) counts[v]! += text / 31;
  for (let v = edgeFrom; v <= 240; v++) counts[v]! += edges / (241 - edgeFrom);
  counts[255]! += 100_000;
  return counts;
}

function remapped(counts: Float64Array, table: Uint8Array): Float64Array {
  const out = new Float64Array(256);
  counts.forEach((n, v) => out[table[v]!]! += n);
  return out;
}

Deno.test("Otsu's threshold parts two levels at the darker one, as Tesseract's does", () => {
  const counts = new Float64Array(256);
  counts[20] = 100;
  counts[230] = 900;
  assert.equal(otsuThreshold(counts), 20);
  assert.equal(otsuThreshold(new Float64Array(256).fill(0).map((_, v) => v === 7 ? 5 : 0)), -1);
});

Deno.test("a cut page's levels are remapped so Otsu splits them where it split the whole page", () => {
  const whole = page(4_000, 9_000);
  const t = otsuThreshold(whole);
  // The cut takes away a tab bar's dark icons: the threshold Otsu picks moves.
  const cut = page(2_500, 9_000);
  assert.notEqual(otsuThreshold(cut), t);
  const table = levelsKeepingSplit(cut, t)!;
  assert.ok(table);
  const split = otsuThreshold(remapped(cut, table));
  for (let v = 0; v < 256; v++) {
    assert.equal(table[v]! <= split, v <= t, `level ${v} changes sides`);
    if (v > 0) assert.ok(table[v]! >= table[v - 1]!, "the remapping keeps the order of levels");
  }
  assert.equal(table[255], 255);
  assert.equal(table[0], 0);
  // It moves levels by no more than the threshold moved.
  assert.ok(table.every((to, v) => Math.abs(to - v) <= Math.abs(split - t) + 1));
});

Deno.test("a cut page Otsu already splits at the same level keeps its levels", () => {
  const whole = page(4_000, 9_000);
  const table = levelsKeepingSplit(whole, otsuThreshold(whole))!;
  assert.deepEqual([...table], Array.from({ length: 256 }, (_, v) => v));
});

Deno.test("no remapping is offered for a threshold that leaves nothing to split", () => {
  assert.equal(levelsKeepingSplit(page(4_000, 9_000), -1), null);
  assert.equal(levelsKeepingSplit(page(4_000, 9_000), 254), null);
});
