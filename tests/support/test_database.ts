/**
 * A fresh database per test on a real PostgreSQL server that this process starts itself
 * (or the server TEST_DATABASE_URL names). BACKFILL_TEST_PG=system|embedded picks the binaries.
 */
import postgres from "postgres";
import { type LocalServer, type ServerKind, startLocalServer } from "../../db/local_server.ts";
import { setupDatabase } from "../../db/setup.ts";
import { loadCorpus, readCorpusSessions } from "../../db/load_corpus.ts";

export interface TestDatabase extends AsyncDisposable {
  adminUrl: string;
  readerUrl: string;
  writerUrl: string;
  schema: string;
  host: string;
  port: number;
  database: string;
}

export const READER_ROLE = "backfill_reader";
export const WRITER_ROLE = "backfill_writer";
const READER_PASSWORD = "reader-test-secret";
const WRITER_PASSWORD = "writer-test-secret";
const SCHEMA = "schedule_ingest";

let server: Promise<{ url: URL; local: LocalServer | null }> | null = null;
let counter = 0;

function sharedServer(): Promise<{ url: URL; local: LocalServer | null }> {
  server ??= (async () => {
    const external = Deno.env.get("TEST_DATABASE_URL");
    if (external) return { url: new URL(external), local: null };
    const kind = (Deno.env.get("BACKFILL_TEST_PG") || "auto") as ServerKind;
    if (!["auto", "system", "embedded"].includes(kind)) {
      throw new Error(`Invalid BACKFILL_TEST_PG "${kind}": use system, embedded or auto`);
    }
    try {
      const local = await startLocalServer(kind);
      globalThis.addEventListener("unload", () => local.stopSync());
      return { url: new URL(local.url), local };
    } catch (e) {
      throw new Error(
        `Cannot start a PostgreSQL server for the tests (${kind}): ${(e as Error).message}`,
      );
    }
  })();
  return server;
}

function withCredentials(base: URL, database: string, user: string, password?: string): string {
  const url = new URL(base);
  url.pathname = `/${database}`;
  url.username = user;
  url.password = password ?? base.password;
  return url.toString();
}

export async function openTestDatabase(
  opts: { loadCorpus?: string } = {},
): Promise<TestDatabase> {
  const { url } = await sharedServer();
  const database = `backfill_test_${Deno.pid}_${++counter}`;
  const admin = postgres(url.toString(), { onnotice: () => {}, max: 1 });
  try {
    await admin`create database ${admin(database)}`;
  } finally {
    await admin.end();
  }
  const adminUrl = withCredentials(url, database, url.username || "postgres");
  const sql = postgres(adminUrl, { onnotice: () => {}, max: 1 });
  try {
    await setupDatabase(sql, {
      schema: SCHEMA,
      readerRole: READER_ROLE,
      writerRole: WRITER_ROLE,
      readerPassword: READER_PASSWORD,
      writerPassword: WRITER_PASSWORD,
    });
    if (opts.loadCorpus) {
      await loadCorpus(sql, SCHEMA, await readCorpusSessions(opts.loadCorpus));
    }
  } finally {
    await sql.end();
  }
  return {
    adminUrl,
    readerUrl: withCredentials(url, database, READER_ROLE, READER_PASSWORD),
    writerUrl: withCredentials(url, database, WRITER_ROLE, WRITER_PASSWORD),
    schema: SCHEMA,
    host: url.hostname,
    port: Number(url.port || 5432),
    database,
    async [Symbol.asyncDispose]() {
      const drop = postgres(url.toString(), { onnotice: () => {}, max: 1 });
      try {
        await drop`drop database if exists ${drop(database)} with (force)`;
      } finally {
        await drop.end();
      }
    },
  };
}
