import assert from "node:assert/strict";
import { mkdir, readdir, rm, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { openTestDatabase } from "../support/test_database.ts";
import { backfillGrants } from "../../cli/backfill_grants.ts";
import { parseBackfillFlags } from "../../lib/backfill_flags.ts";
import {
  backfill,
  CONFIG,
  ENTRY,
  IMAGES,
  insertCaptures,
  readOutputs,
  schemaDigest,
  tempDir,
} from "./backfill_support.ts";

const opts = { sanitizeOps: false, sanitizeResources: false };

Deno.test("--help shows usage, defaults, environment and permissions; bad flags exit 2", async () => {
  const help = await backfill(["--help"]);
  assert.equal(help.code, 0);
  for (
    const part of [
      /^Usage:/m,
      /--to-date YYYY-MM-DD .*whole day/,
      /default: schedule_ingest/,
      /^Environment:/m,
      /^Permissions/m,
      /--shard K\/N/,
    ]
  ) {
    assert.match(help.stdout, part);
  }
  for (
    const args of [
      ["--local-root", "x", "--from-date", "2026-13-01"],
      ["--local-root", "x", "--states", "done,gone"],
      ["--local-root", "x", "--db-schema", "x-y"],
      ["--local-root", "x", "--ocr-lang", "xx"],
      ["--bogus"],
    ]
  ) {
    const r = await backfill(args, "postgres://u:pw@127.0.0.1:1/db");
    assert.equal(r.code, 2, args.join(" "));
    assert.match(r.stderr, /^error: .+\nRun with --help for usage\n$/);
    assert.equal(r.stdout, "");
  }
});

Deno.test("writer credentials: the run refuses to start and writes nothing", opts, async () => {
  await using db = await openTestDatabase({ loadCorpus: IMAGES.replace(/\/images$/, "") });
  const dir = await tempDir();
  try {
    const r = await backfill([
      "--local-root",
      IMAGES,
      "--output-file",
      join(dir, "r.json"),
      "--output-dir",
      join(dir, "s"),
    ], db.writerUrl);
    assert.equal(r.code, 1);
    assert.match(
      r.stderr,
      /Refusing to run: role "backfill_writer" could write schema "schedule_ingest" \(.*day_snapshot: INSERT/,
    );
    assert.doesNotMatch(r.stderr, /writer-test-secret/);
    assert.deepEqual(await readdir(dir), []);
  } finally {
    await rm(dir, { recursive: true });
  }
});

Deno.test("an unreachable database: exit 1 with one line naming host and port, never the password", async () => {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (listener.addr as Deno.NetAddr).port;
  listener.close();
  const dir = await tempDir();
  try {
    const r = await backfill([
      "--local-root",
      IMAGES,
      "--output-dir",
      join(dir, "s"),
      "--output-file",
      join(dir, "r.json"),
    ], `postgres://reader:hunter2@127.0.0.1:${port}/prod`);
    assert.equal(r.code, 1);
    const lines = r.stderr.trim().split("\n");
    assert.equal(lines.length, 1, r.stderr);
    assert.match(
      lines[0]!,
      new RegExp(`^error: Cannot connect to the database at 127\\.0\\.0\\.1:${port} within 10 s: `),
    );
    assert.doesNotMatch(r.stderr + r.stdout, /hunter2/);
    assert.ok(r.ms < 10_000, `${r.ms} ms`);
  } finally {
    await rm(dir, { recursive: true });
  }
});

Deno.test(
  "hostile keys are refused as outside the root, while the other sessions complete",
  opts,
  async () => {
    await using db = await openTestDatabase();
    const dir = await tempDir();
    const root = join(dir, "root");
    try {
      await mkdir(join(root, "captures/9"), { recursive: true });
      await writeFile(join(dir, "outside.png"), "not for the runner");
      await symlink(join(dir, "outside.png"), join(root, "captures/9/escape.png"));
      await symlink("/etc/passwd", join(root, "captures/9/passwd.png"));
      await Deno.copyFile(
        join(IMAGES, "captures/8225717176/2026/01/ab9331c7-5a1c-41de-a206-e3eeeff35443.png"),
        join(root, "captures/9/good.png"),
      );
      await insertCaptures(db.adminUrl, db.schema, [
        {
          id: 1,
          user_id: 9,
          state: "done",
          created_at: "2026-01-10T10:00:00+01:00",
          keys: ["../../etc/passwd"],
        },
        {
          id: 2,
          user_id: 9,
          state: "done",
          created_at: "2026-01-10T10:01:00+01:00",
          keys: ["/etc/passwd"],
        },
        {
          id: 3,
          user_id: 9,
          state: "done",
          created_at: "2026-01-10T10:02:00+01:00",
          keys: ["captures/9/escape.png"],
        },
        {
          id: 4,
          user_id: 9,
          state: "done",
          created_at: "2026-01-10T10:03:00+01:00",
          keys: ["other/passwd.png"],
        },
        { id: 5, user_id: 9, state: "done", created_at: "2026-01-10T10:04:00+01:00", keys: [] },
        {
          id: 6,
          user_id: 9,
          state: "done",
          created_at: "2026-01-13T09:45:07+01:00",
          keys: ["captures/9/good.png"],
        },
      ]);
      const before = await schemaDigest(db.adminUrl, db.schema);
      const r = await backfill([
        "--local-root",
        root,
        "--output-file",
        join(dir, "out/r.json"),
        "--output-dir",
        join(dir, "out/s"),
        "--cache-dir",
        join(dir, "cache"),
      ], db.readerUrl);
      assert.equal(r.code, 1, r.stderr);
      const { summary, sessions } = await readOutputs(join(dir, "out/r.json"), join(dir, "out/s"));
      assert.deepEqual(summary.sessions.map((l) => [l.id, l.error_code]), [
        ["1", "image_outside_root"],
        ["2", "image_outside_root"],
        ["3", "image_outside_root"],
        ["4", "image_outside_root"],
        ["5", "no_images"],
        ["6", null],
      ]);
      assert.equal(sessions.get("6")!.status, "ok");
      assert.ok(sessions.get("6")!.days.length > 0);
      for (const id of ["1", "2", "3", "4"]) {
        const image = sessions.get(id)!.images[0]!;
        assert.equal(image.local_path, null);
        assert.equal(image.sha256, null);
        assert.equal(image.ocr.status, "not_run");
      }
      assert.deepEqual(await schemaDigest(db.adminUrl, db.schema), before);
    } finally {
      await rm(dir, { recursive: true });
    }
  },
);

Deno.test("the launcher's grants allow the output paths and deny writes, reads and hosts beyond them", async () => {
  const dir = await tempDir();
  try {
    await mkdir(join(dir, "images"));
    await mkdir(join(dir, "out/sessions"), { recursive: true });
    const parsed = parseBackfillFlags(
      [
        "--database-url",
        "postgres://r:pw@127.0.0.1:5999/db",
        "--local-root",
        join(dir, "images"),
        "--output-file",
        join(dir, "out/report.json"),
        "--output-dir",
        join(dir, "out/sessions"),
      ],
      () => undefined,
      dir,
    );
    assert.ok(!parsed.help);
    const grants = backfillGrants(parsed.options);
    const probe = join(dir, "probe.ts");
    await writeFile(
      probe,
      `
      const tries = {
        session_file: () => Deno.writeTextFileSync(${
        JSON.stringify(join(dir, "out/sessions/1.json"))
      }, "{}"),
        summary: () => Deno.writeTextFileSync(${
        JSON.stringify(join(dir, "out/report.json"))
      }, "{}"),
        beside_summary: () => Deno.writeTextFileSync(${
        JSON.stringify(join(dir, "out/other.json"))
      }, "{}"),
        into_images: () => Deno.writeTextFileSync(${
        JSON.stringify(join(dir, "images/x.png"))
      }, "x"),
        tmp: () => Deno.writeTextFileSync("/tmp/backfill_probe_" + Deno.pid, "x"),
        read_etc: () => Deno.readTextFileSync("/etc/hostname"),
        other_host: () => Deno.connect({ hostname: "127.0.0.1", port: 5432 }),
        run: () => new Deno.Command("true").outputSync(),
        env_home: () => Deno.env.get("HOME"),
      };
      const out = {};
      for (const [k, f] of Object.entries(tries)) {
        try { await f(); out[k] = "allowed"; } catch (e) { out[k] = e.name; }
      }
      console.log(JSON.stringify(out));`,
    );
    const r = await new Deno.Command(Deno.execPath(), {
      args: ["run", "--no-prompt", `--config=${CONFIG}`, ...grants, probe],
      stdout: "piped",
      stderr: "piped",
    }).output();
    assert.equal(r.code, 0, new TextDecoder().decode(r.stderr));
    assert.deepEqual(JSON.parse(new TextDecoder().decode(r.stdout)), {
      session_file: "allowed",
      summary: "allowed",
      beside_summary: "NotCapable",
      into_images: "NotCapable",
      tmp: "NotCapable",
      read_etc: "NotCapable",
      other_host: "NotCapable",
      run: "NotCapable",
      env_home: "NotCapable",
    });
  } finally {
    await rm(dir, { recursive: true });
  }
});

Deno.test("the entry refuses to run with broader grants than the launcher gives", async () => {
  const dir = await tempDir();
  try {
    const r = await new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "-A",
        `--config=${CONFIG}`,
        ENTRY,
        "--database-url",
        "postgres://r:pw@127.0.0.1:1/db",
        "--local-root",
        dir,
        "--output-dir",
        join(dir, "s"),
        "--output-file",
        join(dir, "r.json"),
      ],
      stdout: "piped",
      stderr: "piped",
    }).output();
    assert.equal(r.code, 1);
    assert.match(
      new TextDecoder().decode(r.stderr),
      /Refusing to run with these permissions: holds --allow-run.*--allow-write \(everywhere\)/,
    );
    assert.deepEqual(await readdir(dir), []);
  } finally {
    await rm(dir, { recursive: true });
  }
});

Deno.test(
  "a summary that cannot be written fails the run at start, before any OCR",
  opts,
  async () => {
    await using db = await openTestDatabase({ loadCorpus: IMAGES.replace(/\/images$/, "") });
    const dir = await tempDir();
    try {
      const r = await backfill([
        "--local-root",
        IMAGES,
        "--output-file",
        join(dir, "missing/folder/r.json"),
        "--output-dir",
        join(dir, "s"),
      ], db.readerUrl);
      assert.equal(r.code, 1);
      assert.match(r.stderr, /Cannot write --output-file ".*missing\/folder\/r\.json": /);
      assert.deepEqual(await readdir(join(dir, "s")), [".ocr_cache"]);
    } finally {
      await rm(dir, { recursive: true });
    }
  },
);
