import assert from "node:assert/strict";
import { levelCounts } from "../../ocr/level_counts.ts";

Deno.test("level counts tally every pixel, the last few past a multiple of four included", () => {
  const data = Uint8Array.from([0, 7, 7, 255, 7, 0, 255, 3, 7, 255, 255]);
  const counts = levelCounts(data);
  const expected = new Float64Array(256);
  for (const v of data) expected[v]!++;
  assert.deepEqual([...counts], [...expected]);
  assert.deepEqual([counts[0], counts[3], counts[7], counts[255]], [2, 1, 4, 4]);
});
