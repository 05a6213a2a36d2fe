import assert from "node:assert/strict";
import { evaluateCorpus } from "../cli/eval.ts";

// Runs real OCR over the dev corpus: slow, but it is the check that keeps a regression out.
Deno.test("the dev corpus scores at least F1 0.97 with no wrong years and no shifts on non-schedule screens", async () => {
  const cacheDir = await Deno.makeTempDir({ prefix: "eval_gate_" });
  try {
    const report = await evaluateCorpus(
      new URL("../fixtures/corpus/dev", import.meta.url).pathname,
      { cacheDir },
    );
    const m = report.metrics;
    console.error(JSON.stringify(m));
    assert.ok(m.f1 >= 0.97, `F1 ${m.f1.toFixed(3)} is below 0.97`);
    assert.equal(m.wrong_years, 0);
    assert.equal(m.false_shifts_on_non_schedule, 0);
    assert.equal(m.expect_matched, m.sessions);
  } finally {
    await Deno.remove(cacheDir, { recursive: true });
  }
});
