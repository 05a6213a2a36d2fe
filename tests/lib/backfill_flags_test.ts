import assert from "node:assert/strict";
import {
  type BackfillOptions,
  parseBackfillFlags,
  redactedUrl,
  UsageError,
} from "../../lib/backfill_flags.ts";

const URL_ = "postgres://reader:secret@db.internal:6543/prod";
const env = (vars: Record<string, string>) => (k: string) => vars[k];

function options(args: string[], vars: Record<string, string> = {}): BackfillOptions {
  const parsed = parseBackfillFlags(args, env(vars), "/work");
  assert.equal(parsed.help, false);
  return (parsed as { options: BackfillOptions }).options;
}

Deno.test("defaults follow the original runner and paths resolve against the working folder", () => {
  const o = options(["--database-url", URL_, "--local-root", "imgs"]);
  assert.equal(o.schema, "schedule_ingest");
  assert.equal(o.localRoot, "/work/imgs");
  assert.equal(o.outputFile, "/work/backfill_report.json");
  assert.equal(o.outputDir, "/work/backfill_sessions");
  assert.equal(o.cacheDir, "/work/backfill_sessions/.ocr_cache");
  assert.equal(o.ocrLang, "sv");
  assert.deepEqual(o.states, []);
  assert.equal(o.limit, null);
  assert.equal(o.shard, null);
});

Deno.test("every selection flag is read, --session-id repeats and --states is a comma list", () => {
  const o = options([
    "--database-url=" + URL_,
    "--local-root=/data/images",
    "--session-id=7",
    "--session-id",
    "9",
    "--session-id=7",
    "--user-id",
    "8225717176",
    "--states",
    "done, failed",
    "--from-date",
    "2026-01-01",
    "--to-date",
    "2026-01-31",
    "--limit",
    "5",
    "--ocr-default-year",
    "2026",
    "--concurrency",
    "3",
    "--json",
  ]);
  assert.deepEqual(o.sessionIds, ["7", "9"]);
  assert.equal(o.userId, "8225717176");
  assert.deepEqual(o.states, ["done", "failed"]);
  assert.equal(o.fromDate, "2026-01-01");
  assert.equal(o.toDate, "2026-01-31");
  assert.equal(o.limit, 5);
  assert.equal(o.ocrDefaultYear, 2026);
  assert.equal(o.concurrency, 3);
  assert.equal(o.json, true);
});

Deno.test("the database URL comes from DATABASE_URL when the flag is absent", () => {
  assert.equal(options(["--local-root", "x"], { DATABASE_URL: URL_ }).databaseUrl, URL_);
});

Deno.test("--shard takes K/N, or K from JOB_COMPLETION_INDEX with auto/N", () => {
  const base = ["--database-url", URL_, "--local-root", "x", "--shard"];
  assert.deepEqual(options([...base, "2/4"]).shard, { index: 2, count: 4 });
  assert.deepEqual(options([...base, "auto/3"], { JOB_COMPLETION_INDEX: "1" }).shard, {
    index: 1,
    count: 3,
  });
});

Deno.test("--help wins over everything else", () => {
  assert.deepEqual(parseBackfillFlags(["--help", "--limit", "x"], env({}), "/"), { help: true });
  assert.deepEqual(parseBackfillFlags(["-h"], env({}), "/"), { help: true });
});

const bad: [string, string[], Record<string, string>, RegExp][] = [
  ["no database URL", ["--local-root", "x"], {}, /Missing --database-url/],
  ["no local root", ["--database-url", URL_], {}, /Missing --local-root/],
  [
    "a URL of another scheme",
    ["--database-url", "mysql://h/d", "--local-root", "x"],
    {},
    /postgres/,
  ],
  ["an unknown flag", ["--database-url", URL_, "--local-root", "x", "--apply"], {}, /--apply/],
  [
    "an impossible date",
    ["--database-url", URL_, "--local-root", "x", "--from-date", "2026-02-30"],
    {},
    /Invalid --from-date "2026-02-30"/,
  ],
  [
    "a date in another format",
    ["--database-url", URL_, "--local-root", "x", "--to-date", "1/2/2026"],
    {},
    /Invalid --to-date/,
  ],
  [
    "a reversed date range",
    [
      "--database-url",
      URL_,
      "--local-root",
      "x",
      "--from-date",
      "2026-02-02",
      "--to-date",
      "2026-02-01",
    ],
    {},
    /before --from-date/,
  ],
  [
    "an unknown state",
    ["--database-url", URL_, "--local-root", "x", "--states", "done,finished"],
    {},
    /unknown state "finished"/,
  ],
  [
    "a schema that is not an identifier",
    ["--database-url", URL_, "--local-root", "x", "--db-schema", "a;drop"],
    {},
    /Invalid --db-schema "a;drop"/,
  ],
  [
    "a zero limit",
    ["--database-url", URL_, "--local-root", "x", "--limit", "0"],
    {},
    /Invalid --limit "0"/,
  ],
  [
    "a fractional limit",
    ["--database-url", URL_, "--local-root", "x", "--limit", "1.5"],
    {},
    /Invalid --limit/,
  ],
  [
    "a non-numeric session id",
    ["--database-url", URL_, "--local-root", "x", "--session-id", "7x"],
    {},
    /Invalid --session-id "7x"/,
  ],
  [
    "a shard index out of range",
    ["--database-url", URL_, "--local-root", "x", "--shard", "4/4"],
    {},
    /not in 0..3/,
  ],
  [
    "auto shard without the index",
    ["--database-url", URL_, "--local-root", "x", "--shard", "auto/4"],
    {},
    /JOB_COMPLETION_INDEX is not set/,
  ],
  [
    "a malformed shard",
    ["--database-url", URL_, "--local-root", "x", "--shard", "1of4"],
    {},
    /Invalid --shard/,
  ],
  ["a positional argument", ["--database-url", URL_, "--local-root", "x", "extra"], {}, /extra/],
];
for (const [name, args, vars, message] of bad) {
  Deno.test(`a usage error names the problem: ${name}`, () => {
    assert.throws(() => parseBackfillFlags(args, env(vars), "/"), (err: unknown) => {
      assert.ok(err instanceof UsageError);
      assert.match(err.message, message);
      assert.doesNotMatch(err.message, /\n/);
      return true;
    });
  });
}

Deno.test("a redacted URL keeps host and user but never the password", () => {
  const r = redactedUrl(URL_);
  assert.match(r, /reader:\*\*\*@db\.internal:6543\/prod/);
  assert.doesNotMatch(r, /secret/);
  assert.doesNotMatch(redactedUrl("postgres://h/d?password=secret"), /secret/);
});
