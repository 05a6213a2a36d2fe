import assert from "node:assert/strict";
import postgres from "postgres";
import { openTestDatabase } from "../support/test_database.ts";

const CORPUS = new URL("../../fixtures/corpus/dev", import.meta.url).pathname;
const CAPTURE_TABLES = ["capture_session", "capture_image"];
const OUTPUT_TABLES = ["day_snapshot", "schedule_event", "notification"];
const connect = (url: string) => postgres(url, { onnotice: () => {}, max: 1 });

async function sqlState(run: () => Promise<unknown>): Promise<string | null> {
  try {
    await run();
    return null;
  } catch (e) {
    return (e as { code?: string }).code ?? String(e);
  }
}

/** Every kind of write to a table; privileges are checked before any constraint. */
function writes(sql: postgres.Sql | postgres.TransactionSql, table: string) {
  const t = sql(table);
  const column = sql(table.endsWith(".capture_image") ? "sequence" : "user_id");
  return {
    insert: () => sql`insert into ${t} default values`,
    update: () => sql`update ${t} set ${column} = ${column}`,
    delete: () => sql`delete from ${t}`,
    truncate: () => sql`truncate ${t}`,
  };
}

Deno.test("the reader's own transactions are read-only: every write fails with 25006", async () => {
  await using db = await openTestDatabase({ loadCorpus: CORPUS });
  const sql = connect(db.readerUrl);
  try {
    const [shown] = await sql`show default_transaction_read_only`;
    assert.equal(shown!.default_transaction_read_only, "on");
    for (const table of [...CAPTURE_TABLES, ...OUTPUT_TABLES]) {
      for (const [kind, write] of Object.entries(writes(sql, `${db.schema}.${table}`))) {
        assert.equal(await sqlState(write), "25006", `${kind} ${table}`);
      }
    }
    // Even a write it holds the privilege for: a temporary table of its own.
    assert.equal(await sqlState(() => sql`create temp table scratch (x int)`), "25006");
    const [count] = await sql`select count(*)::int as n from ${
      sql(`${db.schema}.capture_session`)
    }`;
    assert.ok(count!.n > 0, "the reader reads the capture sessions");
  } finally {
    await sql.end();
  }
});

Deno.test("the reader lacks every write privilege: 42501 once its transaction is made read-write", async () => {
  await using db = await openTestDatabase({ loadCorpus: CORPUS });
  const sql = connect(db.readerUrl);
  try {
    for (const table of [...CAPTURE_TABLES, ...OUTPUT_TABLES]) {
      for (const kind of ["insert", "update", "delete", "truncate"] as const) {
        const code = await sqlState(() =>
          sql.begin(async (tx) => {
            await tx`set transaction read write`;
            await writes(tx, `${db.schema}.${table}`)[kind]();
          })
        );
        assert.equal(code, "42501", `${kind} ${table}`);
      }
    }
  } finally {
    await sql.end();
  }
});

Deno.test("the writer gets 42501 on the capture tables and writes the output tables", async () => {
  await using db = await openTestDatabase({ loadCorpus: CORPUS });
  const sql = connect(db.writerUrl);
  const admin = connect(db.adminUrl);
  try {
    const [shown] = await sql`show default_transaction_read_only`;
    assert.equal(shown!.default_transaction_read_only, "off");
    for (const table of CAPTURE_TABLES) {
      for (const [kind, write] of Object.entries(writes(sql, `${db.schema}.${table}`))) {
        assert.equal(await sqlState(write), "42501", `${kind} ${table}`);
      }
    }
    const t = (name: string) => sql(`${db.schema}.${name}`);
    await sql`insert into ${t("day_snapshot")}
      (user_id, day, status, shifts, source_session_id, source_captured_at, content_hash)
      values (1, '2026-01-12', 'off', '[]', 1, now(), 'h')`;
    await sql`insert into ${t("schedule_event")}
      (user_id, day, starts_at, ends_at, source_session_id)
      values (1, '2026-01-12', '2026-01-12T07:00:00+01', '2026-01-12T15:00:00+01', 1)`;
    await sql`insert into ${t("notification")}
      (user_id, day, kind, payload, fingerprint, source_session_id)
      values (1, '2026-01-12', 'shift_added', '{}', 'f', 1)`;
    for (const table of OUTPUT_TABLES) {
      const updated = await sql`update ${t(table)} set user_id = 2 where user_id = 1`;
      assert.equal(updated.count, 1, `update ${table}`);
      const deleted = await sql`delete from ${t(table)} where user_id = 2`;
      assert.equal(deleted.count, 1, `delete ${table}`);
    }
    // Nothing beyond SELECT on the capture tables, and no sequence privilege at all.
    const privileges = await admin<{ name: string; privilege: string }[]>`
      select c.relname as name, a.privilege_type as privilege
      from pg_class c
      join pg_namespace n on n.oid = c.relnamespace,
      lateral aclexplode(c.relacl) a
      where n.nspname = ${db.schema} and a.grantee = 'backfill_writer'::regrole
      order by 1, 2`;
    assert.deepEqual(
      privileges.map((p) => `${p.name}:${p.privilege}`),
      [
        "capture_image:SELECT",
        "capture_session:SELECT",
        ...OUTPUT_TABLES.toSorted().flatMap((
          o,
        ) => [`${o}:DELETE`, `${o}:INSERT`, `${o}:SELECT`, `${o}:UPDATE`]),
      ],
    );
  } finally {
    await admin.end();
    await sql.end();
  }
});

Deno.test("loopback logins check the role's password", async () => {
  await using db = await openTestDatabase();
  for (const url of [db.readerUrl, db.writerUrl]) {
    const ok = connect(url);
    try {
      const [who] = await ok`select current_user as u`;
      assert.equal(who!.u, new URL(url).username);
    } finally {
      await ok.end();
    }
    const wrong = new URL(url);
    wrong.password = "not-the-password";
    const bad = connect(wrong.toString());
    try {
      assert.equal(await sqlState(() => bad`select 1`), "28P01");
    } finally {
      await bad.end();
    }
  }
});
