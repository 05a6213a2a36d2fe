import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import postgres from "postgres";
import { openTestDatabase } from "../support/test_database.ts";
import { readCorpusSessions } from "../../db/load_corpus.ts";
import { runTask } from "./task_runner.ts";

const CORPUS = new URL("../../fixtures/corpus/dev", import.meta.url).pathname;
const connect = (url: string) => postgres(url, { onnotice: () => {}, max: 1 });

type Row = [number, number, string, number, [number, string][]];

/** Sessions with their images, sorted by id and sequence, from the database. */
async function storedSessions(url: string, schema: string): Promise<Row[]> {
  const sql = connect(url);
  try {
    const rows = await sql<
      { id: string; user_id: string; state: string; created_at: Date; images: [number, string][] }[]
    >`
      select s.id, s.user_id, s.state, s.created_at,
        coalesce(jsonb_agg(jsonb_build_array(i.sequence, i.r2_key) order by i.sequence)
          filter (where i.id is not null), '[]') as images
      from ${sql(`${schema}.capture_session`)} s
      left join ${sql(`${schema}.capture_image`)} i on i.session_id = s.id
      group by s.id order by s.id`;
    return rows.map((r) => [
      Number(r.id),
      Number(r.user_id),
      r.state,
      r.created_at.getTime(),
      r.images,
    ]);
  } finally {
    await sql.end();
  }
}

/** The same, from sessions.json. */
async function corpusSessions(dir: string): Promise<Row[]> {
  return (await readCorpusSessions(dir)).toSorted((a, b) => a.id - b.id).map((s) => [
    s.id,
    s.user_id,
    s.state,
    Date.parse(s.created_at),
    s.images.toSorted((a, b) => a.sequence - b.sequence).map((i) => [i.sequence, i.r2_key]),
  ]);
}

Deno.test("load-corpus loads every session and image of the dev corpus as written, once", async () => {
  await using db = await openTestDatabase();
  const expected = await corpusSessions(CORPUS);
  assert.ok(expected.some((s) => s[4].length > 1), "the corpus has a multi-image session");
  assert.ok(new Set(expected.map((s) => s[2])).size > 1, "the corpus has several states");
  const env = { DATABASE_URL: db.adminUrl };
  const first = await runTask("load-corpus", ["--corpus", CORPUS], env);
  assert.equal(first.code, 0, first.stderr);
  const images = expected.reduce((n, s) => n + s[4].length, 0);
  assert.match(
    first.stdout,
    new RegExp(`Loaded ${expected.length} new sessions and ${images} new images`),
  );
  assert.deepEqual(await storedSessions(db.adminUrl, db.schema), expected);

  const again = await runTask("load-corpus", ["--corpus", CORPUS], env);
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stdout, /Loaded 0 new sessions and 0 new images/);
  assert.deepEqual(await storedSessions(db.adminUrl, db.schema), expected);
  assert.doesNotMatch(first.stdout + first.stderr, new RegExp(new URL(db.adminUrl).password));
});

Deno.test("the triggers are back on once the load has committed", async () => {
  await using db = await openTestDatabase({ loadCorpus: CORPUS });
  const done = (await readCorpusSessions(CORPUS)).find((s) => s.state === "done")!;
  const sql = connect(db.adminUrl);
  try {
    const [role] = await sql`show session_replication_role`;
    assert.equal(role!.session_replication_role, "origin");
    await assert.rejects(
      sql`update ${sql(`${db.schema}.capture_session`)} set state = 'open' where id = ${done.id}`,
      (e: { code?: string }) => e.code === "23514",
    );
    await assert.rejects(
      sql`insert into ${sql(`${db.schema}.capture_image`)} (session_id, sequence, r2_key)
        values (${done.id}, 999, 'captures/late.png')`,
      (e: { code?: string }) => e.code === "23514",
    );
  } finally {
    await sql.end();
  }
});

Deno.test("load-corpus as a role that may not pause triggers fails and loads nothing", async () => {
  await using db = await openTestDatabase();
  const r = await runTask("load-corpus", ["--corpus", CORPUS], { DATABASE_URL: db.writerUrl });
  assert.equal(r.code, 1);
  assert.match(r.stderr, /^error: Cannot load the corpus into 127\.0\.0\.1:\d+: /);
  assert.doesNotMatch(r.stdout + r.stderr, /writer-test-secret/);
  assert.deepEqual(await storedSessions(db.adminUrl, db.schema), []);
});

Deno.test("load-corpus refuses bad command lines and a sessions.json of the wrong shape", async () => {
  const url = "postgres://127.0.0.1:1/x";
  const cases: [string[], RegExp][] = [
    [["--corpus", CORPUS], /Missing --database-url/],
    [["--database-url", url], /Missing --corpus/],
    [["--database-url", url, "--corpus", CORPUS, "--db-schema", "1st"], /schema name/],
  ];
  for (const [args, message] of cases) {
    const r = await runTask("load-corpus", args);
    assert.equal(r.code, 2, args.join(" "));
    assert.match(r.stderr, message);
    assert.match(r.stderr, /--help/);
  }
  const dir = await mkdtemp(join(tmpdir(), "load_corpus_test_"));
  try {
    await writeFile(join(dir, "sessions.json"), JSON.stringify({ sessions: [{ id: "x" }] }));
    const r = await runTask("load-corpus", ["--database-url", url, "--corpus", dir]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /Cannot read corpus ".*": /);
  } finally {
    await rm(dir, { recursive: true });
  }
});
