/**
 * `deno task demo`: the whole flow on the bundled sample sessions, with nothing installed but
 * Deno. A throwaway PostgreSQL on loopback gets the schema, both roles and the sample capture
 * rows; the real backfill entry point runs as the reader, apply as the writer, then backfill
 * again to show nothing left to apply. This launcher needs broad permissions to run the
 * database server; the entry points it starts keep their own narrow ones.
 */
import { join, resolve } from "node:path";
import { styleText } from "node:util";
import postgres from "postgres";
import { startLocalServer } from "../db/local_server.ts";
import { setupDatabase } from "../db/setup.ts";
import { loadCorpus, readCorpusSessions } from "../db/load_corpus.ts";

const ROOT = resolve(new URL("..", import.meta.url).pathname);
const CORPUS = join(ROOT, "fixtures/corpus/dev");
// Sample screenshots were checked by hand; en-dash time ranges come back from OCR with low
// word confidence even when read right, so the demo applies down to this floor.
const DEMO_MIN_CONFIDENCE = "0.25";

const step = (text: string) => console.error(styleText("bold", `\n== ${text}`));

function withUser(url: string, user: string, password: string): string {
  const u = new URL(url);
  u.username = user;
  u.password = password;
  return u.toString();
}

async function run(args: string[], env: Record<string, string>): Promise<number> {
  const child = new Deno.Command(Deno.execPath(), {
    args,
    cwd: ROOT,
    env,
    stdin: "null",
    stdout: "inherit",
    stderr: "inherit",
  }).spawn();
  return (await child.status).code;
}

/** Preview actions per day, over the sessions apply did not hold back. */
async function pendingChanges(
  sessionsDir: string,
  heldBack: ReadonlySet<string>,
): Promise<Record<string, number>> {
  const actions: Record<string, number> = {};
  for await (const entry of Deno.readDir(sessionsDir)) {
    if (!entry.name.endsWith(".json") || heldBack.has(entry.name.replace(/\.json$/, ""))) continue;
    const file = JSON.parse(await Deno.readTextFile(join(sessionsDir, entry.name)));
    for (const day of file.preview?.days ?? []) {
      actions[day.action] = (actions[day.action] ?? 0) + 1;
    }
  }
  return actions;
}

async function main(): Promise<number> {
  const out = resolve(Deno.args[0] ?? join(ROOT, "demo_output"));
  await Deno.remove(out, { recursive: true }).catch(() => {});
  await Deno.mkdir(out, { recursive: true });
  step("Starting a throwaway PostgreSQL on 127.0.0.1");
  const server = await startLocalServer();
  try {
    console.error(`${server.kind} PostgreSQL on ${server.host}:${server.port}`);
    const readerPassword = crypto.randomUUID();
    const writerPassword = crypto.randomUUID();
    const admin = postgres(server.url, { onnotice: () => {}, max: 1 });
    try {
      await setupDatabase(admin, {
        schema: "schedule_ingest",
        readerRole: "backfill_reader",
        writerRole: "backfill_writer",
        readerPassword,
        writerPassword,
      });
      const loaded = await loadCorpus(admin, "schedule_ingest", await readCorpusSessions(CORPUS));
      console.error(`schema, roles and ${loaded.sessions} sample sessions loaded`);
    } finally {
      await admin.end();
    }
    const reader = { DATABASE_URL: withUser(server.url, "backfill_reader", readerPassword) };
    const writer = { DATABASE_URL: withUser(server.url, "backfill_writer", writerPassword) };
    const backfill = (name: string) => [
      "run",
      "--allow-read",
      "--allow-env",
      "--allow-run",
      "main.ts",
      "--local-root",
      join(CORPUS, "images"),
      "--output-file",
      join(out, name, "backfill_report.json"),
      "--output-dir",
      join(out, name, "sessions"),
      "--cache-dir",
      join(out, "ocr_cache"),
    ];

    step(
      "Dry run as backfill_reader (two sample sessions fail on purpose: a missing and an ambiguous image)",
    );
    const first = await run(backfill("dry_run"), reader);
    if (first > 1) return first;

    step("Applying the reviewed plan as backfill_writer");
    const applied = await run([
      "run",
      "--allow-read",
      "--allow-env",
      "--allow-run",
      "cli/apply_launcher.ts",
      "--plan",
      join(out, "dry_run", "backfill_report.json"),
      "--min-confidence",
      DEMO_MIN_CONFIDENCE,
      "--store-notifications",
    ], writer);
    if (applied !== 0) return applied;

    step("Dry run again: what would a second apply change?");
    const second = await run(backfill("dry_run_after_apply"), reader);
    if (second > 1) return second;
    const report = JSON.parse(await Deno.readTextFile(join(out, "dry_run", "apply_report.json")));
    const heldBack = new Set<string>(
      report.sessions.filter((r: { status: string }) =>
        r.status === "needs_review" || r.status === "conflict"
      )
        .map((r: { session_id: string }) => r.session_id),
    );
    const pending = await pendingChanges(join(out, "dry_run_after_apply", "sessions"), heldBack);
    const changes = Object.entries(pending).filter(([a]) =>
      a !== "unchanged" && a !== "skipped_older"
    );
    console.log(
      `\nDays previewed after apply: ${
        Object.entries(pending).map(([a, n]) => `${a} ${n}`).join(", ")
      }; pending changes: ${changes.reduce((s, [, n]) => s + n, 0)}`,
    );
    if (heldBack.size > 0) {
      console.log(`Held back for review, not applied: sessions ${[...heldBack].join(", ")}`);
    }
    console.log(`Outputs: ${out}`);
    console.log(`  review page      ${join(out, "dry_run", "review.html")} (open it in a browser)`);
    console.log(`  dry run summary  ${join(out, "dry_run", "backfill_report.json")}`);
    console.log(`  per session      ${join(out, "dry_run", "sessions")}/<id>.json`);
    console.log(`  apply report     ${join(out, "dry_run", "apply_report.json")}`);
    console.log(`  after apply      ${join(out, "dry_run_after_apply")}`);
    return changes.length === 0 ? 0 : 1;
  } finally {
    server.stopSync();
  }
}

if (import.meta.main) Deno.exit(await main());
