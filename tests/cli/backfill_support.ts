/** Running the backfill as the operator does, and reading what it wrote, for the CLI tests. */
import { mkdtemp, readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import postgres from "postgres";
import type { BackfillSummary, SessionOutput } from "../../lib/schema/session_output.ts";

export const ROOT = new URL("../../", import.meta.url).pathname;
export const CORPUS = join(ROOT, "fixtures/corpus/dev");
export const IMAGES = join(CORPUS, "images");
export const LAUNCHER = join(ROOT, "main.ts");
export const ENTRY = join(ROOT, "cli/backfill.ts");
export const CONFIG = join(ROOT, "deno.json");

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
  ms: number;
}

export function tempDir(prefix = "backfill_test_"): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

/**
 * A task's launcher run with the grants its `deno task` line gives (read, env, run) and
 * DATABASE_URL as given, as an operator starts it.
 */
export async function runLauncher(
  launcher: string,
  args: string[],
  env: Record<string, string>,
): Promise<Run> {
  const started = performance.now();
  const out = await new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--allow-read",
      "--allow-env",
      "--allow-run",
      `--config=${CONFIG}`,
      launcher,
      ...args,
    ],
    stdout: "piped",
    stderr: "piped",
    env,
  }).output();
  const dec = new TextDecoder();
  return {
    code: out.code,
    stdout: dec.decode(out.stdout),
    stderr: dec.decode(out.stderr),
    ms: Math.round(performance.now() - started),
  };
}

/** `deno task backfill ...` with DATABASE_URL in the environment, as the task runs it. */
export function backfill(args: string[], databaseUrl = "", env: Record<string, string> = {}) {
  return runLauncher(LAUNCHER, args, { DATABASE_URL: databaseUrl, ...env });
}

export interface Outputs {
  summary: BackfillSummary;
  sessions: Map<string, SessionOutput>;
}

export async function readOutputs(outputFile: string, outputDir: string): Promise<Outputs> {
  const summary = JSON.parse(await Deno.readTextFile(outputFile)) as BackfillSummary;
  const sessions = new Map<string, SessionOutput>();
  for (const name of (await readdir(outputDir)).filter((n) => n.endsWith(".json")).sort()) {
    const out = JSON.parse(await Deno.readTextFile(join(outputDir, name))) as SessionOutput;
    sessions.set(out.session.id, out);
  }
  return { summary, sessions };
}

/** Every table of the schema as a digest of all its rows, to prove a run wrote nothing. */
export async function schemaDigest(
  adminUrl: string,
  schema: string,
): Promise<Record<string, string>> {
  const sql = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    const tables = await sql<{ relname: string }[]>`
      select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = ${schema} and c.relkind = 'r' order by c.relname`;
    const out: Record<string, string> = {};
    for (const { relname } of tables) {
      const [row] = await sql<{ digest: string | null; n: number }[]>`
        select md5(string_agg(t::text, E'\\n' order by t::text)) as digest, count(*)::int as n
        from ${sql(`${schema}.${relname}`)} t`;
      out[relname] = `${row?.n}:${row?.digest}`;
    }
    return out;
  } finally {
    await sql.end();
  }
}

/** Inserts capture rows as the owner, bypassing production's state triggers. */
export async function insertCaptures(
  adminUrl: string,
  schema: string,
  sessions: { id: number; user_id: number; state: string; created_at: string; keys: string[] }[],
): Promise<void> {
  const sql = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    await sql.begin(async (tx) => {
      await tx`set local session_replication_role = replica`;
      for (const s of sessions) {
        await tx`insert into ${tx(`${schema}.capture_session`)} (id, user_id, state, created_at)
          values (${s.id}, ${s.user_id}, ${s.state}, ${s.created_at})`;
        for (const [i, key] of s.keys.entries()) {
          await tx`insert into ${tx(`${schema}.capture_image`)} (session_id, sequence, r2_key)
            values (${s.id}, ${i + 1}, ${key})`;
        }
      }
    });
  } finally {
    await sql.end();
  }
}

/** A session's file without what differs between two runs of the same input (timings). */
export function stable(out: SessionOutput): unknown {
  return {
    ...out,
    images: out.images.map((i) => ({ ...i, ocr: { ...i.ocr, ms: null, cache_hit: null } })),
  };
}
