/**
 * `deno task compile`: its one-line refusals when deno compile has no runtime to embed, the
 * confinement the compiled launchers use instead of child processes, and, where DENORT_BIN
 * names a real denort, the build itself.
 */
import assert from "node:assert/strict";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { APPLY_HELP } from "../../cli/apply_flags.ts";
import { BACKFILL_HELP } from "../../cli/backfill_help.ts";
import { BAKED_PERMISSIONS } from "../../cli/compile_targets.ts";
import { workerPermissions } from "../../cli/confined_entry.ts";
import { openTestDatabase } from "../support/test_database.ts";
import {
  backfill,
  CONFIG,
  CORPUS,
  IMAGES,
  readOutputs,
  ROOT,
  schemaDigest,
  tempDir,
} from "./backfill_support.ts";

const opts = { sanitizeOps: false, sanitizeResources: false };
const dec = new TextDecoder();

async function exec(cmd: string, args: string[], env: Record<string, string>, cwd = ROOT) {
  const out = await new Deno.Command(cmd, { args, env, cwd, stdout: "piped", stderr: "piped" })
    .output();
  return { code: out.code, stdout: dec.decode(out.stdout), stderr: dec.decode(out.stderr) };
}

/** The compile task as `deno task compile OUT_DIR` runs it. */
function compile(outDir: string, env: Record<string, string>) {
  return exec(Deno.execPath(), [
    "run",
    "--allow-read",
    "--allow-write",
    "--allow-env",
    "--allow-run",
    `--config=${CONFIG}`,
    join(ROOT, "cli/compile.ts"),
    outDir,
  ], { NO_COLOR: "1", ...env });
}

const lines = (s: string) => s.split("\n").filter((l) => l.trim() !== "");

Deno.test("compile says in one line that DENORT_BIN names no file, and builds nothing", async () => {
  const dir = await tempDir("compile_test_");
  try {
    const missing = join(dir, "no-such-denort");
    const out = await compile(join(dir, "dist"), { DENORT_BIN: missing });
    assert.equal(out.code, 1);
    assert.deepEqual(lines(out.stderr), [
      `error: DENORT_BIN is "${missing}", which is not a file: set DENORT_BIN to a local denort ${Deno.version.deno} (the runtime deno compile embeds)`,
    ]);
    assert.equal(await stat(join(dir, "dist")).catch(() => null), null);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

Deno.test("compile refuses the deno CLI as its runtime in one line", async () => {
  const dir = await tempDir("compile_test_");
  try {
    const out = await compile(join(dir, "dist"), { DENORT_BIN: Deno.execPath() });
    assert.equal(out.code, 1);
    const said = lines(out.stderr);
    assert.equal(said.length, 1);
    assert.match(
      said[0]!,
      /is the deno CLI, not its denort runtime: set DENORT_BIN to a local denort/,
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

Deno.test("a confined worker gets exactly the listed grants and nothing else", () => {
  assert.deepEqual(
    workerPermissions([
      "--allow-net=db:5432",
      "--allow-read=/data,/out",
      "--allow-write=/out",
      "--allow-env=DATABASE_URL,PGHOST",
    ]),
    {
      net: ["db:5432"],
      read: ["/data", "/out"],
      write: ["/out"],
      env: ["DATABASE_URL", "PGHOST"],
      run: false,
      ffi: false,
      sys: false,
      import: false,
    },
  );
  // A bare flag would pass on everything the compiled launcher holds.
  assert.throws(() => workerPermissions(["--allow-read"]), /name the paths or hosts/);
  assert.throws(() => workerPermissions(["--allow-run=sh"]), /name the paths or hosts/);
});

Deno.test(
  "the dry run confined to a worker, as the compiled backfill runs it, matches the launcher's",
  opts,
  async () => {
    await using db = await openTestDatabase({ loadCorpus: CORPUS });
    const dir = await tempDir("compile_test_");
    const cache = join(dir, "cache");
    const args = (name: string) => [
      "--local-root",
      IMAGES,
      "--output-file",
      join(dir, name, "report.json"),
      "--output-dir",
      join(dir, name, "sessions"),
      "--cache-dir",
      cache,
      "--concurrency",
      "1",
      "--limit",
      "2",
    ];
    try {
      const before = await schemaDigest(db.adminUrl, db.schema);
      // The compiled launcher's own grants (no --allow-run): only the worker narrows them.
      const confined = await exec(
        Deno.execPath(),
        [
          "run",
          `--config=${CONFIG}`,
          ...BAKED_PERMISSIONS,
          join(ROOT, "tests/cli/confined_backfill.ts"),
          ...args("confined"),
        ],
        { DATABASE_URL: db.readerUrl },
        dir,
      );
      const launched = await backfill(args("launched"), db.readerUrl);
      assert.doesNotMatch(confined.stderr, /Refusing/, confined.stderr);
      assert.equal(confined.code, launched.code, confined.stderr);
      const a = await readOutputs(
        join(dir, "confined", "report.json"),
        join(dir, "confined", "sessions"),
      );
      const b = await readOutputs(
        join(dir, "launched", "report.json"),
        join(dir, "launched", "sessions"),
      );
      assert.equal(a.summary.counts.sessions, 2);
      assert.deepEqual(a.summary.counts, {
        ...b.summary.counts,
        ocr_cache_hits: a.summary.counts.ocr_cache_hits,
      });
      assert.deepEqual(
        a.summary.sessions.map((l) => [l.id, l.status, l.error_code]),
        b.summary.sessions.map((l) => [l.id, l.status, l.error_code]),
      );
      assert.deepEqual(await schemaDigest(db.adminUrl, db.schema), before);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
);

const denort = Deno.env.get("DENORT_BIN");
const denortUsable = denort !== undefined &&
  (await Deno.stat(denort).catch(() => null))?.isFile === true &&
  (await exec(denort, ["--version"], {}).catch(() => null))?.stdout.startsWith("deno ") !== true;

Deno.test({
  name: "compile builds executables that answer --help and dry-run from another folder",
  ignore: !denortUsable,
  ...opts,
  async fn() {
    const dir = await mkdtemp(join(tmpdir(), "compile_test_"));
    try {
      const dist = join(dir, "dist");
      const built = await compile(dist, { DENORT_BIN: denort! });
      assert.equal(built.code, 0, built.stderr);
      console.log(built.stdout.trim());
      const elsewhere = join(dir, "elsewhere");
      await Deno.mkdir(elsewhere);
      const help = await exec(join(dist, "backfill"), ["--help"], {}, elsewhere);
      assert.equal(help.stdout.trim(), BACKFILL_HELP.trim());
      const applyHelp = await exec(join(dist, "apply"), ["--help"], {}, elsewhere);
      assert.equal(applyHelp.stdout.trim(), APPLY_HELP.trim());
      await using db = await openTestDatabase({ loadCorpus: CORPUS });
      const run = await exec(
        join(dist, "backfill"),
        [
          "--local-root",
          IMAGES,
          "--limit",
          "1",
          "--concurrency",
          "1",
        ],
        { DATABASE_URL: db.readerUrl },
        elsewhere,
      );
      assert.doesNotMatch(run.stderr, /Refusing|error: Uncaught/, run.stderr);
      const report = JSON.parse(
        await Deno.readTextFile(join(elsewhere, "backfill_report.json")),
      ) as { counts: { sessions: number } };
      assert.equal(report.counts.sessions, 1);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
});
