import assert from "node:assert/strict";
import { rm } from "node:fs/promises";
import { join } from "node:path";
import postgres from "postgres";
import { openTestDatabase } from "../support/test_database.ts";
import { publishedSchemaErrors } from "../support/published_schema.ts";
import { dayContentHash } from "../../lib/content_hash.ts";
import {
  backfill,
  CORPUS,
  IMAGES,
  readOutputs,
  ROOT,
  schemaDigest,
  stable,
  tempDir,
} from "./backfill_support.ts";

const opts = { sanitizeOps: false, sanitizeResources: false };
const truthOf = async (id: string) =>
  JSON.parse(await Deno.readTextFile(join(CORPUS, `truth/${id}.json`))) as { expect: string };

/** Stored days for user 8225717176 that session 2101 (captured 2026-01-13) also shows. */
async function seedDays(adminUrl: string, schema: string) {
  const sql = postgres(adminUrl, { max: 1, onnotice: () => {} });
  const older = {
    status: "work",
    shifts: [{
      start: "06:00",
      end: "14:00",
      ends_next_day: false,
      label: "Kassa",
      location: null,
      break_minutes: null,
    }],
  };
  const newer = { status: "off", shifts: [] };
  try {
    await sql`insert into ${sql(`${schema}.day_snapshot`)}
      (user_id, day, status, shifts, source_session_id, source_captured_at, content_hash) values
      (8225717176, '2026-01-12', 'work', ${
      sql.json(older.shifts)
    }, 1, '2026-01-01T10:00:00+01:00', ${dayContentHash(older)}),
      (8225717176, '2026-01-13', 'off', ${
      sql.json(newer.shifts)
    }, 2, '2026-06-01T10:00:00+02:00', ${dayContentHash(newer)})`;
    await sql`insert into ${sql(`${schema}.schedule_event`)}
      (user_id, day, starts_at, ends_at, label, source_session_id) values
      (8225717176, '2026-01-12', '2026-01-12T06:00:00+01:00', '2026-01-12T14:00:00+01:00', 'Kassa', 1)`;
  } finally {
    await sql.end();
  }
}

Deno.test(
  "a dev corpus run: right failures, schema-valid files, nothing written; then warm, then sharded",
  opts,
  async (t) => {
    await using db = await openTestDatabase({ loadCorpus: CORPUS });
    await seedDays(db.adminUrl, db.schema);
    const dir = await tempDir();
    const cache = join(dir, "cache");
    const run = (name: string, extra: string[] = []) =>
      backfill([
        "--local-root",
        IMAGES,
        "--output-file",
        join(dir, name, "report.json"),
        "--output-dir",
        join(dir, name, "sessions"),
        "--cache-dir",
        cache,
        "--concurrency",
        "2",
        ...extra,
      ], db.readerUrl);
    try {
      const before = await schemaDigest(db.adminUrl, db.schema);
      let cold!: Awaited<ReturnType<typeof run>>;
      await t.step("cold run", async () => {
        cold = await run("cold");
        assert.equal(cold.code, 1, cold.stderr);
        const { summary, sessions } = await readOutputs(
          join(dir, "cold/report.json"),
          join(dir, "cold/sessions"),
        );
        assert.equal(sessions.size, 22);
        for (const [id, out] of sessions) {
          const expect = (await truthOf(id)).expect;
          const want = {
            ok: "ok",
            no_schedule: "no_schedule",
            missing_image: "failed",
            ambiguous_image: "failed",
          }[expect];
          if (expect === "ok" || expect === "no_schedule") {
            assert.notEqual(out.status, "failed", `${id}: ${out.error?.message}`);
          } else assert.equal(out.status, want, id);
          assert.deepEqual(
            await publishedSchemaErrors("backfill_session.schema.json", out),
            [],
            id,
          );
        }
        assert.equal(sessions.get("2126")!.error!.code, "image_missing");
        const ambiguous = sessions.get("2128")!.error!;
        assert.equal(ambiguous.code, "image_ambiguous");
        assert.deepEqual((ambiguous.details as { candidates: string[] }).candidates, [
          "backup/telefon/61c939f9-74b0-4e85-8bfb-ce3efb90f1fd.png",
          "downloads/61c939f9-74b0-4e85-8bfb-ce3efb90f1fd.png",
        ]);
        // The summary agrees with the files, line by line and in its counts.
        assert.deepEqual(await publishedSchemaErrors("backfill_summary.schema.json", summary), []);
        assert.deepEqual(
          summary.sessions.map((l) => [l.id, l.status, l.error_code]),
          [...sessions.values()].map((o) => [o.session.id, o.status, o.error?.code ?? null]),
        );
        const byStatus = { ok: 0, no_schedule: 0, failed: 0 };
        for (const o of sessions.values()) byStatus[o.status]++;
        assert.deepEqual(summary.counts.by_status, byStatus);
        assert.deepEqual(summary.counts.by_error_code, { image_missing: 1, image_ambiguous: 1 });
        assert.equal(summary.counts.sessions, 22);
        assert.doesNotMatch(JSON.stringify(summary), /reader-test-secret/);
        // The preview saw the stored days: one changed, one owned by a newer capture.
        const preview = new Map(sessions.get("2101")!.preview.days.map((p) => [p.date, p.action]));
        assert.equal(preview.get("2026-01-12"), "update");
        assert.equal(preview.get("2026-01-13"), "skipped_older");
        assert.deepEqual(sessions.get("2101")!.notifications.map((n) => [n.day, n.kind]), [[
          "2026-01-12",
          "shift_changed",
        ]]);
        assert.match(cold.stderr, /22\/22 sessions/);
        assert.match(cold.stdout, /sessions 22: ok \d+, no_schedule \d+, failed 2/);
      });
      await t.step("every table is byte-for-byte unchanged", async () => {
        assert.deepEqual(await schemaDigest(db.adminUrl, db.schema), before);
      });
      await t.step("a second run takes every image from the OCR cache", async () => {
        const warm = await run("warm");
        assert.equal(warm.code, 1);
        const { summary, sessions } = await readOutputs(
          join(dir, "warm/report.json"),
          join(dir, "warm/sessions"),
        );
        const read = [...sessions.values()].flatMap((o) => o.images).filter((i) =>
          i.ocr.status === "ok"
        );
        assert.ok(read.length >= 35);
        assert.ok(read.every((i) => i.ocr.cache_hit === true));
        assert.equal(summary.counts.ocr_cache_hits, read.length);
        const coldOut = await readOutputs(
          join(dir, "cold/report.json"),
          join(dir, "cold/sessions"),
        );
        for (const [id, out] of sessions) {
          assert.deepEqual(stable(out), stable(coldOut.sessions.get(id)!), id);
        }
        console.log(
          `dev corpus (22 sessions, ${read.length} images): cold ${cold.ms} ms, warm ${warm.ms} ms`,
        );
      });
      await t.step(
        "three shards together hold exactly the unsharded run, and merge into its summary",
        async () => {
          const parts = [];
          for (const k of [0, 1, 2]) {
            const r = await run(`shard${k}`, ["--shard", `${k}/3`]);
            assert.ok(r.code === 0 || r.code === 1, r.stderr);
            parts.push(
              await readOutputs(
                join(dir, `shard${k}/report.json`),
                join(dir, `shard${k}/sessions`),
              ),
            );
          }
          const whole = await readOutputs(
            join(dir, "warm/report.json"),
            join(dir, "warm/sessions"),
          );
          const union = new Map(parts.flatMap((p) => [...p.sessions]));
          assert.equal(parts.reduce((n, p) => n + p.sessions.size, 0), union.size);
          assert.deepEqual([...union.keys()].sort(), [...whole.sessions.keys()].sort());
          for (const [id, out] of union) {
            assert.deepEqual(stable(out), stable(whole.sessions.get(id)!), id);
          }
          assert.ok(parts.every((p) => p.sessions.size > 0));
          const merged = await new Deno.Command(Deno.execPath(), {
            args: [
              "task",
              "-q",
              "report:merge",
              "--output-file",
              join(dir, "merged.json"),
              ...[0, 1, 2].map((k) => join(dir, `shard${k}/report.json`)),
            ],
            cwd: ROOT,
            stdout: "piped",
            stderr: "piped",
          }).output();
          assert.equal(merged.code, 0, new TextDecoder().decode(merged.stderr));
          const m = JSON.parse(await Deno.readTextFile(join(dir, "merged.json")));
          assert.deepEqual(m.counts.by_status, whole.summary.counts.by_status);
          assert.deepEqual(
            m.sessions.map((l: { id: string; status: string }) => [l.id, l.status]),
            whole.summary.sessions.map((l) => [l.id, l.status]),
          );
          assert.equal(m.partial, false);
          assert.deepEqual(await publishedSchemaErrors("backfill_summary.schema.json", m), []);
        },
      );
      assert.deepEqual(await schemaDigest(db.adminUrl, db.schema), before);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
);
