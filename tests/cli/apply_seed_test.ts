import assert from "node:assert/strict";
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { parseApplyFlags } from "../../cli/apply_flags.ts";
import { applyGrants } from "../../cli/apply_grants.ts";
import { backfillGrants } from "../../cli/backfill_grants.ts";
import { parseBackfillFlags } from "../../lib/backfill_flags.ts";
import type { ApplyReport } from "../../lib/schema/apply_report.ts";
import { adminSql, NOTHING_PERSISTED, outputState, tableDigest } from "../db/apply_fixture.ts";
import { publishedSchemaErrors } from "../support/published_schema.ts";
import { openTestDatabase } from "../support/test_database.ts";
import { launch } from "./apply_support.ts";
import { backfill, CORPUS, IMAGES, readOutputs, tempDir } from "./backfill_support.ts";

const opts = { sanitizeOps: false, sanitizeResources: false };

Deno.test("--local-root takes the dry run's flags and grants, and refuses --plan", async () => {
  const args = [
    "--local-root",
    IMAGES,
    "--user-id",
    "8225717176",
    "--states",
    "done,failed",
    "--output-dir",
    "/tmp/out",
    "--cache-dir",
    "/tmp/cache",
  ];
  const env = (k: string) => k === "DATABASE_URL" ? "postgres://w:pw@db.example:6543/x" : undefined;
  const seed = parseApplyFlags(
    [...args, "--store-notifications", "--min-confidence=0.8"],
    env,
    "/work",
  );
  assert.equal(seed.mode, "seed");
  if (seed.mode !== "seed") return;
  assert.equal(seed.storeNotifications, true);
  assert.equal(seed.minConfidence, 0.8);
  const dry = parseBackfillFlags(args, env, "/work");
  assert.ok(!dry.help);
  assert.deepEqual(seed.backfill, dry.options);
  assert.deepEqual(await applyGrants(seed), backfillGrants(dry.options));

  const help = await launch(["--help"]);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /--local-root DIR/);
  for (
    const bad of [
      ["--plan", "p.json"],
      ["--min-confidence", "1.5"],
      ["--states", "nope"],
      ["--ocr-lang", "xx"],
    ]
  ) {
    const r = await launch(["--local-root", IMAGES, ...bad], "postgres://h/db");
    assert.equal(r.code, 2, `${bad.join(" ")}: ${r.stderr}`);
    assert.match(r.stderr, /Run with --help for usage/);
  }
});

Deno.test(
  "--local-root on the dev corpus writes what a dry run then apply --plan writes, once",
  opts,
  async (t) => {
    await using planned = await openTestDatabase({ loadCorpus: CORPUS });
    await using seeded = await openTestDatabase({ loadCorpus: CORPUS });
    const dir = await tempDir("apply_seed_test_");
    // One cache for every run: the OCR is done once, the rest is what is compared.
    const cache = join(dir, "cache");
    const paths = (name: string) => [
      "--output-file",
      join(dir, name, "report.json"),
      "--output-dir",
      join(dir, name, "sessions"),
      "--cache-dir",
      cache,
    ];
    const plannedSql = adminSql(planned);
    const seededSql = adminSql(seeded);
    const seed = (name: string) =>
      launch(
        ["--local-root", IMAGES, ...paths(name), "--store-notifications", "--json"],
        seeded.writerUrl,
      );
    try {
      const captures = [
        await tableDigest(seededSql, seeded.schema, "capture_session"),
        await tableDigest(seededSql, seeded.schema, "capture_image"),
      ];
      let applyReport!: ApplyReport;
      await t.step("a dry run as the reader, then apply --plan as the writer", async () => {
        const dry = await backfill(["--local-root", IMAGES, ...paths("dry")], planned.readerUrl);
        assert.equal(dry.code, 1, dry.stderr);
        const applied = await launch([
          "--plan",
          join(dir, "dry/report.json"),
          "--store-notifications",
          "--json",
        ], planned.writerUrl);
        assert.equal(applied.code, 0, applied.stderr);
        applyReport = JSON.parse(applied.stdout);
      });

      await t.step("one --local-root run writes the same rows", async () => {
        const run = await seed("seed");
        assert.equal(run.code, 1, run.stderr);
        const state = await outputState(seededSql, seeded.schema);
        assert.ok(state.snapshots.length > 20 && state.events.length > 20);
        assert.ok(state.notifications.length > 0);
        assert.deepEqual(state, await outputState(plannedSql, planned.schema));

        const { summary, sessions } = await readOutputs(
          join(dir, "seed/report.json"),
          join(dir, "seed/sessions"),
        );
        assert.deepEqual(JSON.parse(run.stdout), summary);
        assert.deepEqual(await publishedSchemaErrors("backfill_summary.schema.json", summary), []);
        assert.equal(sessions.size, 22);
        const planned_ = new Map(applyReport.sessions.map((s) => [s.session_id, s]));
        for (const [id, out] of sessions) {
          assert.deepEqual(
            await publishedSchemaErrors("backfill_session.schema.json", out),
            [],
            id,
          );
          const a = out.apply!;
          assert.equal(a.status, planned_.get(id)!.status, id);
          assert.deepEqual(a.persisted, planned_.get(id)!.persisted, id);
          if (a.status !== "applied") continue;
          // Previewed just before its transaction, a session persists exactly its preview.
          const e = out.preview.totals.events;
          assert.deepEqual(
            [a.persisted.events_inserted, a.persisted.events_updated, a.persisted.events_deleted],
            [e.insert, e.update, e.delete],
            id,
          );
          assert.equal(a.persisted.notifications_stored, out.notifications.length, id);
        }
        assert.deepEqual(summary.apply?.persisted, applyReport.persisted);
        assert.deepEqual(summary.apply?.counts, applyReport.counts);
      });

      await t.step("failed sessions are reported and the others still applied", async () => {
        const { summary, sessions } = await readOutputs(
          join(dir, "seed/report.json"),
          join(dir, "seed/sessions"),
        );
        assert.deepEqual(summary.counts.by_error_code, { image_missing: 1, image_ambiguous: 1 });
        for (
          const [id, code] of [["2126", "image_missing"], ["2128", "image_ambiguous"]] as const
        ) {
          const out = sessions.get(id)!;
          assert.equal(out.status, "failed");
          assert.equal(out.error?.code, code);
          assert.equal(out.apply?.status, "not_applicable");
        }
        const counts = summary.apply!.counts;
        assert.ok(counts.applied! >= 5, JSON.stringify(counts));
        assert.equal(counts.not_applicable, 2 + summary.counts.by_status.no_schedule!);
      });

      await t.step("a second --local-root run writes nothing", async () => {
        const before = await outputState(seededSql, seeded.schema);
        const again = await seed("again");
        assert.equal(again.code, 1, again.stderr);
        const summary = JSON.parse(again.stdout);
        assert.deepEqual(summary.apply.persisted, NOTHING_PERSISTED);
        assert.deepEqual(await outputState(seededSql, seeded.schema), before);
        assert.deepEqual([
          await tableDigest(seededSql, seeded.schema, "capture_session"),
          await tableDigest(seededSql, seeded.schema, "capture_image"),
        ], captures);
      });
    } finally {
      await plannedSql.end();
      await seededSql.end();
      await rm(dir, { recursive: true });
    }
  },
);
