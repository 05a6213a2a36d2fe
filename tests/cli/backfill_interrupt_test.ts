import assert from "node:assert/strict";
import { readdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { openTestDatabase } from "../support/test_database.ts";
import { backfillGrants } from "../../cli/backfill_grants.ts";
import { parseBackfillFlags } from "../../lib/backfill_flags.ts";
import {
  CONFIG,
  CORPUS,
  ENTRY,
  IMAGES,
  LAUNCHER,
  readOutputs,
  tempDir,
} from "./backfill_support.ts";

const opts = { sanitizeOps: false, sanitizeResources: false };
/** Sessions whose images are OCR'd from scratch (a fresh cache), so each takes seconds. */
const SLOW = ["2101", "2104", "2107", "2110", "2111", "2113"].flatMap((id) => ["--session-id", id]);

async function firstFile(dir: string, timeoutMs = 120_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const names = await readdir(dir).catch(() => [] as string[]);
    if (names.some((n) => /^\d+\.json$/.test(n))) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`No session file in "${dir}" after ${timeoutMs} ms`);
}

/** A TCP relay to the database that the test can cut, as a network failure would. */
function relay(port: number) {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const open = new Set<Deno.Conn>();
  (async () => {
    for await (const client of listener) {
      const server = await Deno.connect({ hostname: "127.0.0.1", port }).catch(() => null);
      if (!server) {
        client.close();
        continue;
      }
      open.add(client).add(server);
      client.readable.pipeTo(server.writable).catch(() => {});
      server.readable.pipeTo(client.writable).catch(() => {});
    }
  })().catch(() => {});
  return {
    port: (listener.addr as Deno.NetAddr).port,
    cut() {
      try {
        listener.close();
      } catch { /* already cut */ }
      for (const c of open) {
        try {
          c.close();
        } catch { /* already closed */ }
      }
    },
  };
}

function lines(summaryIds: string[], files: string[]) {
  return {
    summaryIds: [...summaryIds].sort(),
    files: files.filter((f) => f.endsWith(".json")).map((f) => f.replace(".json", "")).sort(),
  };
}

Deno.test(
  "Ctrl-C: sessions in flight finish, the summary covers exactly the files, exit 130",
  opts,
  async () => {
    await using db = await openTestDatabase({ loadCorpus: CORPUS });
    const dir = await tempDir();
    try {
      const args = [
        "--local-root",
        IMAGES,
        "--output-file",
        join(dir, "r.json"),
        "--output-dir",
        join(dir, "s"),
        "--cache-dir",
        join(dir, "cache"),
        "--concurrency",
        "1",
        ...SLOW,
      ];
      const parsed = parseBackfillFlags(
        ["--database-url", db.readerUrl, ...args],
        () => undefined,
        dir,
      );
      assert.ok(!parsed.help);
      // The entry with exactly the launcher's grants, so the signal reaches it directly.
      const child = new Deno.Command(Deno.execPath(), {
        args: [
          "run",
          "--no-prompt",
          `--config=${CONFIG}`,
          ...backfillGrants(parsed.options),
          ENTRY,
          ...args,
        ],
        env: { DATABASE_URL: db.readerUrl },
        stdout: "piped",
        stderr: "piped",
      }).spawn();
      const output = child.output();
      await firstFile(join(dir, "s"));
      child.kill("SIGINT");
      const out = await output;
      const stderr = new TextDecoder().decode(out.stderr);
      assert.equal(out.code, 130, stderr);
      assert.match(stderr, /Interrupted: finishing the sessions in flight/);
      const { summary } = await readOutputs(join(dir, "r.json"), join(dir, "s"));
      assert.equal(summary.partial, true);
      const l = lines(summary.sessions.map((s) => s.id), await readdir(join(dir, "s")));
      assert.deepEqual(l.summaryIds, l.files);
      assert.ok(l.files.length >= 1 && l.files.length < 6, `${l.files.length} sessions written`);
      assert.deepEqual((await readdir(join(dir, "s"))).filter((f) => f.endsWith(".tmp")), []);
    } finally {
      await rm(dir, { recursive: true });
    }
  },
);

Deno.test(
  "the connection lost mid-run: the run stops, keeps what completed, exit 1",
  opts,
  async () => {
    await using db = await openTestDatabase({ loadCorpus: CORPUS });
    const proxy = relay(db.port);
    const dir = await tempDir();
    try {
      const url = new URL(db.readerUrl);
      url.port = String(proxy.port);
      const child = new Deno.Command(Deno.execPath(), {
        args: [
          "run",
          "--allow-read",
          "--allow-env",
          "--allow-run",
          `--config=${CONFIG}`,
          LAUNCHER,
          "--local-root",
          IMAGES,
          "--output-file",
          join(dir, "r.json"),
          "--output-dir",
          join(dir, "s"),
          "--cache-dir",
          join(dir, "cache"),
          "--concurrency",
          "1",
          ...SLOW,
        ],
        env: { DATABASE_URL: url.toString() },
        stdout: "piped",
        stderr: "piped",
      }).spawn();
      const output = child.output();
      await firstFile(join(dir, "s"));
      proxy.cut();
      const out = await output;
      const stderr = new TextDecoder().decode(out.stderr);
      assert.equal(out.code, 1, stderr);
      assert.match(stderr, new RegExp(`Lost the database at 127\\.0\\.0\\.1:${proxy.port}`));
      assert.doesNotMatch(stderr, /reader-test-secret/);
      const { summary } = await readOutputs(join(dir, "r.json"), join(dir, "s"));
      assert.equal(summary.partial, true);
      assert.equal(summary.fatal_error?.code, "database_lost");
      const l = lines(summary.sessions.map((s) => s.id), await readdir(join(dir, "s")));
      assert.deepEqual(l.summaryIds, l.files);
      assert.ok(l.files.length >= 1 && l.files.length < 6, `${l.files.length} sessions written`);
    } finally {
      proxy.cut();
      await rm(dir, { recursive: true });
    }
  },
);
