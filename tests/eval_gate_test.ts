import assert from "node:assert/strict";
import { evaluateCorpus } from "../cli/eval.ts";

// These run real OCR over whole corpora: slow, but they are the checks that keep a regression
// out, on the dev layouts and on the rendered ones the dev corpus lacks.
// f1 counts a shift right when its date, start and end are; full_f1 when every field is.
const gates = [
  { corpus: "dev", f1: 0.99, full_f1: 0.99, status: 0.99 },
  { corpus: "synthetic", f1: 0.97, full_f1: 0.95, status: 0.98 },
  { corpus: "variants", f1: 0.97, full_f1: 0.95, status: 0.96 },
  { corpus: "wild", f1: 0.97, full_f1: 0.95, status: 0.95 },
];

for (const gate of gates) {
  Deno.test(`the ${gate.corpus} corpus scores at least F1 ${gate.f1} with no wrong years and no shifts on non-schedule screens`, async () => {
    const cacheDir = await Deno.makeTempDir({ prefix: "eval_gate_" });
    try {
      const report = await evaluateCorpus(
        new URL(`../fixtures/corpus/${gate.corpus}`, import.meta.url).pathname,
        { cacheDir },
      );
      const m = report.metrics;
      console.error(JSON.stringify(m));
      assert.ok(m.f1 >= gate.f1, `F1 ${m.f1.toFixed(3)} is below ${gate.f1}`);
      assert.ok(
        m.full_f1 >= gate.full_f1,
        `full F1 ${m.full_f1.toFixed(3)} is below ${gate.full_f1}`,
      );
      assert.ok(
        m.day_status_accuracy >= gate.status,
        `day status accuracy ${m.day_status_accuracy.toFixed(3)} is below ${gate.status}`,
      );
      assert.equal(m.wrong_years, 0);
      assert.equal(m.false_shifts_on_non_schedule, 0);
      assert.ok(
        m.expect_matched === m.sessions,
        `${m.sessions - m.expect_matched} sessions missed their expected outcome`,
      );
    } finally {
      await Deno.remove(cacheDir, { recursive: true });
    }
  });
}
