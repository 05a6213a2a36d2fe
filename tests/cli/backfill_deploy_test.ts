import assert from "node:assert/strict";
import { parseBackfillFlags } from "../../lib/backfill_flags.ts";

const MANIFEST = await Deno.readTextFile(
  new URL("../../deploy/backfill-indexed-job.yaml", import.meta.url),
);

Deno.test("the Indexed Job's arguments parse, and its shard count matches its completions", () => {
  const args = [...MANIFEST.matchAll(/^\s+- (--[a-z-]+=\S+)$/gm)].map((m) => m[1]!);
  assert.ok(args.length >= 5, args.join(" "));
  const completions = Number(/^\s+completions: (\d+)/m.exec(MANIFEST)?.[1]);
  const parallelism = Number(/^\s+parallelism: (\d+)/m.exec(MANIFEST)?.[1]);
  assert.match(MANIFEST, /completionMode: Indexed/);
  for (const index of ["0", String(completions - 1)]) {
    // Kubernetes expands $(JOB_COMPLETION_INDEX) in args and sets the variable itself.
    const expanded = args.map((a) => a.replaceAll("$(JOB_COMPLETION_INDEX)", index));
    const parsed = parseBackfillFlags(
      expanded,
      (k) => ({ DATABASE_URL: "postgres://reader@db:5432/prod", JOB_COMPLETION_INDEX: index })[k],
      "/app",
    );
    assert.ok(!parsed.help);
    assert.deepEqual(parsed.options.shard, { index: Number(index), count: completions });
    assert.equal(parsed.options.outputDir, `/out/shard-${index}/sessions`);
  }
  assert.equal(parallelism, completions);
});
