import assert from "node:assert/strict";
import { rm } from "node:fs/promises";
import { join } from "node:path";
import type postgres from "postgres";
import { buildSession, type SessionSpec, writePlan } from "../db/apply_plan_builder.ts";
import {
  adminSql,
  apply,
  openApplyScene,
  openTestDatabase,
  outputState,
  tableDigest,
  tempDir,
  type TestDatabase,
} from "../db/apply_fixture.ts";
import { parseApplyFlags } from "../../cli/apply_flags.ts";
import { applyGrants } from "../../cli/apply_grants.ts";
import { CONFIG, ENTRY, launch } from "./apply_support.ts";

const opts = { sanitizeOps: false, sanitizeResources: false };
/** Many small sessions of distinct users, so a kill lands in the middle of the run. */
function manySessions(n: number): SessionSpec[] {
  return Array.from({ length: n }, (_, i) => ({
    id: 10_000 + i,
    user_id: 80_000 + i,
    created_at: "2026-01-10T09:00:00+01:00",
    days: Array.from({ length: 7 }, (_, d) => ({
      date: `2026-01-${String(12 + d).padStart(2, "0")}`,
      shifts: d % 3 ? [{ start: "07:00", end: "15:30", label: "Kassa" }] : [],
    })),
  }));
}

/** A plan of `manySessions(3000)`, each previewed against the rows `sql` holds now. */
async function writeManySessionsPlan(sql: postgres.Sql, schema: string, dir: string) {
  const specs = manySessions(3000);
  const sessions = [];
  for (const s of specs) sessions.push(await buildSession(sql, schema, s));
  return { specs, plan: await writePlan(dir, sessions) };
}

/**
 * Starts the entry point on `plan` with the grants its launcher gives, and returns it once its
 * first session is written, so what is done to it next lands in the middle of the run.
 */
async function startMidRun(
  db: TestDatabase,
  sql: postgres.Sql,
  plan: string,
  extra: string[],
  stdout: "null" | "piped",
) {
  const flags = parseApplyFlags(
    ["--plan", plan, "--database-url", db.writerUrl],
    () => undefined,
  );
  const child = new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      `--config=${CONFIG}`,
      ...await applyGrants(flags),
      ENTRY,
      "--plan",
      plan,
      ...extra,
    ],
    env: { DATABASE_URL: db.writerUrl },
    stdout,
    stderr: "null",
  }).spawn();
  const table = sql(`${db.schema}.day_snapshot`);
  const count = async () =>
    (await sql<{ n: number }[]>`select count(*)::int as n from ${table}`)[0]!.n;
  while (await count() === 0) await new Promise((r) => setTimeout(r, 20));
  return child;
}

Deno.test("--help prints usage and exits 0, bad flags exit 2 with a pointer to --help", async () => {
  const help = await launch(["--help"]);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /--plan FILE/);
  assert.match(help.stdout, /--min-confidence X .*\n.*default: 0\.6/);
  for (
    const args of [
      ["--plan", "p.json"],
      ["--plan", "p.json", "--database-url", "postgres://h/db", "--db-schema", "bad-name"],
      ["--plan", "p.json", "--database-url", "postgres://h/db", "--min-confidence", "2"],
      ["--bogus"],
    ]
  ) {
    const r = await launch(args);
    assert.equal(r.code, 2, args.join(" "));
    assert.match(r.stderr, /Run with --help for usage/);
    assert.equal(r.stderr.trim().split("\n").length, 2);
  }
});

Deno.test("the entry point refuses to run with broad permissions", async () => {
  const out = await new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "-A",
      `--config=${CONFIG}`,
      ENTRY,
      "--plan",
      "x.json",
      "--database-url",
      "postgres://h/db",
    ],
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert.equal(out.code, 1);
  assert.match(new TextDecoder().decode(out.stderr), /Refusing to run with broad permissions/);
});

Deno.test("the launcher grants the database host, the plan files and the report only", async () => {
  const dir = await tempDir();
  try {
    const plan = await writePlan(dir, []);
    const flags = parseApplyFlags([
      "--plan",
      plan,
      "--database-url",
      "postgres://u:pw@db.example:6543/x",
    ], () => undefined);
    const grants = await applyGrants(flags);
    assert.deepEqual(grants.slice(0, 3), [
      "--allow-net=db.example:6543",
      `--allow-read=${plan},${dir}/apply_report.json.tmp`,
      `--allow-write=${dir}/apply_report.json,${dir}/apply_report.json.tmp`,
    ]);
    assert.ok(!grants.some((g) => g.includes("pw")));
  } finally {
    await rm(dir, { recursive: true });
  }
});

Deno.test(
  "an apply killed with SIGKILL and rerun ends in the state of one clean apply",
  opts,
  async () => {
    await using scene = await openApplyScene();
    await using clean = await openTestDatabase();
    const { db, sql, dir } = scene;
    const cleanSql = adminSql(clean);
    try {
      const { specs, plan } = await writeManySessionsPlan(sql, db.schema, dir);
      const captures = await tableDigest(sql, db.schema, "capture_session");

      const child = await startMidRun(db, sql, plan, [], "null");
      const table = sql(`${db.schema}.day_snapshot`);
      child.kill("SIGKILL");
      const status = await child.status;
      assert.equal(status.signal, "SIGKILL");
      const partial = await sql<{ n: number; half: number }[]>`
      select count(distinct source_session_id)::int as n,
        count(*) filter (where c <> 7)::int as half
      from (select source_session_id, count(*) over (partition by source_session_id) as c
            from ${table}) t`;
      assert.ok(partial[0]!.n < specs.length, "the kill must land before the end");
      assert.equal(partial[0]!.half, 0, "no session may be half written");

      const rerun = await launch(["--plan", plan, "--database-url", db.writerUrl]);
      assert.equal(rerun.code, 0, rerun.stderr);
      assert.equal((await apply(clean, plan)).exitCode, 0);
      assert.deepEqual(
        await outputState(sql, db.schema),
        await outputState(cleanSql, clean.schema),
      );
      assert.deepEqual(await tableDigest(sql, db.schema, "capture_session"), captures);
    } finally {
      await cleanSql.end();
    }
  },
);

Deno.test(
  "Ctrl-C stops an apply after the sessions in flight, reports them and exits 130",
  opts,
  async () => {
    await using scene = await openApplyScene();
    const { db, sql, dir } = scene;
    const { specs, plan } = await writeManySessionsPlan(sql, db.schema, dir);
    const child = await startMidRun(db, sql, plan, ["--json"], "piped");
    const table = sql(`${db.schema}.day_snapshot`);
    child.kill("SIGINT");
    const out = await child.output();
    assert.equal(out.code, 130);
    const report = JSON.parse(new TextDecoder().decode(out.stdout));
    assert.equal(report.interrupted, true);
    const [row] = await sql<{ n: number }[]>`
    select count(distinct source_session_id)::int as n from ${table}`;
    assert.equal(report.counts.applied, row!.n);
    assert.ok(row!.n < specs.length);
  },
);

Deno.test(
  "two applies started together: one runs, the other is refused at once",
  opts,
  async () => {
    await using scene = await openApplyScene();
    const { db, sql, dir } = scene;
    const { plan } = await writeManySessionsPlan(sql, db.schema, dir);
    const start = (report: string) =>
      launch([
        "--plan",
        plan,
        "--database-url",
        db.writerUrl,
        "--report-file",
        join(dir, report),
      ]);
    const results = await Promise.all([start("a.json"), start("b.json")]);
    const codes = results.map((r) => r.code).sort();
    assert.deepEqual(codes, [0, 1]);
    const refused = results.find((r) => r.code === 1)!;
    assert.match(refused.stderr, /Another apply is running on this database and schema/);
    const [row] = await sql<{ n: number }[]>`
    select count(distinct source_session_id)::int as n
    from ${sql(`${db.schema}.day_snapshot`)}`;
    assert.equal(row!.n, 3000);
  },
);
