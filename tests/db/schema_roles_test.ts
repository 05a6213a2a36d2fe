import assert from "node:assert/strict";
import postgres from "postgres";
import { openTestDatabase, READER_ROLE, WRITER_ROLE } from "../support/test_database.ts";
import { setupDatabase } from "../../db/setup.ts";
import { readCorpusSessions } from "../../db/load_corpus.ts";

const CORPUS = new URL("../../fixtures/corpus/dev", import.meta.url).pathname;
const connect = (url: string) => postgres(url, { onnotice: () => {}, max: 1 });

async function sqlState(run: () => Promise<unknown>): Promise<string | null> {
  try {
    await run();
    return null;
  } catch (e) {
    return (e as { code?: string }).code ?? String(e);
  }
}

Deno.test("the transition trigger accepts production's moves and rejects any other", async () => {
  await using db = await openTestDatabase();
  const sql = connect(db.adminUrl);
  try {
    const t = sql(`${db.schema}.capture_session`);
    await sql`insert into ${t} (id, user_id, state, created_at) values (1, 7, 'open', now())`;
    for (const next of ["closed", "processing", "failed", "processing", "done"]) {
      await sql`update ${t} set state = ${next} where id = 1`;
    }
    for (const illegal of ["open", "closed", "processing", "failed"]) {
      assert.equal(
        await sqlState(() => sql`update ${t} set state = ${illegal} where id = 1`),
        "23514",
        `done -> ${illegal} must be refused`,
      );
    }
    await sql`insert into ${t} (id, user_id, state, created_at) values (2, 7, 'open', now())`;
    assert.equal(await sqlState(() => sql`update ${t} set state = 'done' where id = 2`), "23514");
  } finally {
    await sql.end();
  }
});

Deno.test("images can join only an open session", async () => {
  await using db = await openTestDatabase();
  const sql = connect(db.adminUrl);
  try {
    const s = sql(`${db.schema}.capture_session`);
    const i = sql(`${db.schema}.capture_image`);
    await sql`insert into ${s} (id, user_id, state, created_at) values (1, 7, 'open', now())`;
    await sql`insert into ${i} (session_id, sequence, r2_key) values (1, 1, 'a.png')`;
    await sql`update ${s} set state = 'closed' where id = 1`;
    assert.equal(
      await sqlState(() =>
        sql`insert into ${i} (session_id, sequence, r2_key) values (1, 2, 'b.png')`
      ),
      "23514",
    );
  } finally {
    await sql.end();
  }
});

Deno.test("the reader cannot write anything and its sessions start read-only", async () => {
  await using db = await openTestDatabase({ loadCorpus: CORPUS });
  const sql = connect(db.readerUrl);
  try {
    const shown = await sql`show default_transaction_read_only`;
    assert.equal(shown[0]?.default_transaction_read_only, "on");
    for (
      const table of [
        "capture_session",
        "capture_image",
        "day_snapshot",
        "schedule_event",
        "notification",
      ]
    ) {
      const t = sql(`${db.schema}.${table}`);
      // With the read-only default switched off, the missing privilege is what stops the write.
      const code = await sqlState(() =>
        sql.begin(async (tx) => {
          await tx`set transaction read write`;
          await tx`delete from ${t}`;
        })
      );
      assert.equal(code, "42501", `delete from ${table}`);
    }
    // Inside its default transaction even a write it could make is refused.
    assert.equal(await sqlState(() => sql`create temp table scratch (x int)`), "25006");
    const rows = await sql`select count(*)::int as n from ${sql(`${db.schema}.capture_session`)}`;
    assert.ok(rows[0]!.n > 0, "the reader can read");
  } finally {
    await sql.end();
  }
});

Deno.test("the writer can change the output tables and never the capture tables", async () => {
  await using db = await openTestDatabase({ loadCorpus: CORPUS });
  const sql = connect(db.writerUrl);
  try {
    for (const table of ["capture_session", "capture_image"]) {
      const t = sql(`${db.schema}.${table}`);
      assert.equal(await sqlState(() => sql`delete from ${t}`), "42501", `delete from ${table}`);
      assert.equal(
        await sqlState(() => sql`update ${t} set created_at = created_at`),
        "42501",
        `update ${table}`,
      );
    }
    await sql`insert into ${sql(`${db.schema}.day_snapshot`)}
      (user_id, day, status, shifts, source_session_id, source_captured_at, content_hash)
      values (1, '2026-01-12', 'off', '[]', 1, now(), 'h')`;
    await sql`insert into ${sql(`${db.schema}.schedule_event`)}
      (user_id, day, starts_at, ends_at, source_session_id)
      values (1, '2026-01-12', '2026-01-12T07:00:00+01', '2026-01-12T15:00:00+01', 1)`;
    await sql`insert into ${sql(`${db.schema}.notification`)}
      (user_id, day, kind, payload, fingerprint, source_session_id)
      values (1, '2026-01-12', 'shift_added', '{}', 'f', 1)`;
  } finally {
    await sql.end();
  }
});

const CATALOG = `
  select 'rel', c.relname || ':' || c.relkind::text || ':' || coalesce(array_to_string(c.relacl, ','), '')
    from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'schedule_ingest'
  union all select 'col', table_name || '.' || column_name || ':' || data_type || ':' || is_nullable
    from information_schema.columns where table_schema = 'schedule_ingest'
  union all select 'trg', tgname || ':' || pg_get_triggerdef(t.oid)
    from pg_trigger t join pg_class c on c.oid = t.tgrelid join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'schedule_ingest' and not t.tgisinternal
  union all select 'fn', p.proname || ':' || md5(p.prosrc) || ':' || coalesce(array_to_string(p.proconfig, ','), '')
    from pg_proc p join pg_namespace n on n.oid = p.pronamespace where n.nspname = 'schedule_ingest'
  union all select 'role', rolname || ':' || rolcanlogin::text || ':' || coalesce(array_to_string(s.setconfig, ','), '')
    from pg_roles r left join pg_db_role_setting s on s.setrole = r.oid
    where rolname in ('${READER_ROLE}', '${WRITER_ROLE}')
  order by 1, 2`;

Deno.test("running setup a second time changes nothing", async () => {
  await using db = await openTestDatabase({ loadCorpus: CORPUS });
  const sql = connect(db.adminUrl);
  try {
    const before = await sql.unsafe(CATALOG);
    const rowsBefore = await sql`select count(*)::int as n from ${
      sql(`${db.schema}.capture_image`)
    }`;
    await setupDatabase(sql, {
      schema: db.schema,
      readerRole: READER_ROLE,
      writerRole: WRITER_ROLE,
      readerPassword: null,
      writerPassword: null,
    });
    assert.deepEqual(await sql.unsafe(CATALOG), before);
    assert.deepEqual(
      await sql`select count(*)::int as n from ${sql(`${db.schema}.capture_image`)}`,
      rowsBefore,
    );
  } finally {
    await sql.end();
  }
});

Deno.test("setup refuses a schema name that is not a plain identifier", async () => {
  await using db = await openTestDatabase();
  const sql = connect(db.adminUrl);
  try {
    await assert.rejects(
      setupDatabase(sql, {
        schema: 'x"; drop table y; --',
        readerRole: READER_ROLE,
        writerRole: WRITER_ROLE,
        readerPassword: null,
        writerPassword: null,
      }),
      /Invalid schema name/,
    );
  } finally {
    await sql.end();
  }
});

Deno.test("load-corpus holds every session and image of the dev corpus as written", async () => {
  await using db = await openTestDatabase({ loadCorpus: CORPUS });
  const sql = connect(db.adminUrl);
  try {
    const expected = await readCorpusSessions(CORPUS);
    const sessions = await sql<{ id: string; user_id: string; state: string; created_at: Date }[]>`
      select id, user_id, state, created_at from ${
      sql(`${db.schema}.capture_session`)
    } order by id`;
    assert.deepEqual(
      sessions.map((s) => [Number(s.id), Number(s.user_id), s.state, s.created_at.getTime()]),
      [...expected].sort((a, b) => a.id - b.id).map((s) => [
        s.id,
        s.user_id,
        s.state,
        Date.parse(s.created_at),
      ]),
    );
    const images = await sql<{ session_id: string; sequence: number; r2_key: string }[]>`
      select session_id, sequence, r2_key from ${sql(`${db.schema}.capture_image`)}
      order by session_id, sequence`;
    assert.deepEqual(
      images.map((i) => [Number(i.session_id), i.sequence, i.r2_key]),
      expected.flatMap((s) => s.images.map((i) => [s.id, i.sequence, i.r2_key]))
        .sort((a, b) => (a[0] as number) - (b[0] as number) || (a[1] as number) - (b[1] as number)),
    );
  } finally {
    await sql.end();
  }
});
