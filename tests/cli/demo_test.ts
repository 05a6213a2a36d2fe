import assert from "node:assert/strict";

// The zero-setup demo end to end: its own PostgreSQL, dry run, apply, and a second dry run.
Deno.test("the demo runs the whole flow and leaves nothing pending for the sessions it applied", async () => {
  const out = await Deno.makeTempDir({ prefix: "demo_test_" });
  try {
    const result = await new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", "cli/demo.ts", out],
      cwd: new URL("../..", import.meta.url).pathname,
      stdin: "null",
      stdout: "piped",
      stderr: "piped",
    }).output();
    const stdout = new TextDecoder().decode(result.stdout);
    const stderr = new TextDecoder().decode(result.stderr);
    assert.equal(result.code, 0, stderr.slice(-2000));
    assert.match(stdout, /pending changes: 0/);
    // Both dry runs print their summary; the two broken sample sessions fail by design.
    assert.equal(stdout.match(/sessions 22: ok 18, no_schedule 2, failed 2/g)?.length, 2);
    assert.match(stdout, /2126\timage_missing/);
    assert.match(stdout, /2128\timage_ambiguous/);
    const report = JSON.parse(await Deno.readTextFile(`${out}/dry_run/apply_report.json`));
    assert.ok(report.persisted.events_inserted > 100, "apply wrote the sample shifts");
    // Each dry run leaves its own review page, which the demo points at.
    for (const run of ["dry_run", "dry_run_after_apply"]) {
      const page = await Deno.readTextFile(`${out}/${run}/review.html`);
      assert.match(page, /<html/);
    }
    assert.match(stdout, /review page .*dry_run\/review\.html/);
  } finally {
    await Deno.remove(out, { recursive: true });
  }
});
