import assert from "node:assert/strict";
import postgres from "postgres";
import { openTestDatabase, type TestDatabase } from "../support/test_database.ts";
import { setupDatabase } from "../../db/setup.ts";
import { runTask } from "./task_runner.ts";

const connect = (url: string) => postgres(url, { onnotice: () => {}, max: 1 });

/** Everything setup creates or grants, as text: schema, tables, columns, keys, triggers, roles. */
async function catalog(url: string, schema: string, roles: string[]): Promise<string[]> {
  const sql = connect(url);
  try {
    const rows = await sql<{ line: string }[]>`
      select 'schema ' || nspname || ' ' || coalesce(nspacl::text, '') as line
        from pg_namespace where nspname = ${schema}
      union all select 'rel ' || c.relname || ' ' || c.relkind::text || ' ' || coalesce(c.relacl::text, '')
        from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = ${schema}
      union all select 'col ' || table_name || '.' || column_name || ' ' || data_type || ' '
          || is_nullable || ' ' || coalesce(column_default, '') || ' ' || is_identity
        from information_schema.columns where table_schema = ${schema}
      union all select 'con ' || conrelid::regclass::text || ' ' || conname || ' '
          || pg_get_constraintdef(c.oid)
        from pg_constraint c join pg_namespace n on n.oid = c.connamespace where n.nspname = ${schema}
      union all select 'idx ' || indexdef from pg_indexes where schemaname = ${schema}
      union all select 'trg ' || pg_get_triggerdef(t.oid)
        from pg_trigger t join pg_class c on c.oid = t.tgrelid
        join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = ${schema} and not t.tgisinternal
      union all select 'fn ' || p.proname || ' ' || md5(p.prosrc) || ' '
          || coalesce(p.proconfig::text, '') || ' ' || coalesce(p.proacl::text, '')
        from pg_proc p join pg_namespace n on n.oid = p.pronamespace where n.nspname = ${schema}
      union all select 'role ' || a.rolname || ' ' || a.rolcanlogin || ' ' || a.rolsuper || ' '
          || coalesce(a.rolpassword, '') || ' ' || coalesce(s.setconfig::text, '')
        from pg_authid a left join pg_db_role_setting s on s.setrole = a.oid
        where a.rolname in ${sql(roles)}
      order by 1`;
    return rows.map((r) => r.line);
  } finally {
    await sql.end();
  }
}

/** Roles are cluster-wide: this file uses its own, and drops them after. */
const READER = `setup_test_reader_${Deno.pid}`;
const WRITER = `setup_test_writer_${Deno.pid}`;

/** Privileges live in each database: clear them in every one before dropping the roles. */
async function dropRoles(...dbs: TestDatabase[]) {
  for (const [n, db] of dbs.entries()) {
    const sql = connect(db.adminUrl);
    try {
      await sql`drop owned by ${sql(READER)}, ${sql(WRITER)}`;
      if (n === dbs.length - 1) await sql`drop role ${sql(READER)}, ${sql(WRITER)}`;
    } finally {
      await sql.end();
    }
  }
}

Deno.test("db:setup run a second time changes nothing, passwords included, and never prints them", async () => {
  await using db = await openTestDatabase();
  const args = ["--reader-role", READER, "--writer-role", WRITER];
  const env = {
    DATABASE_URL: db.adminUrl,
    BACKFILL_READER_PASSWORD: "reader-pw-7f3a",
    BACKFILL_WRITER_PASSWORD: "writer-pw-91c2",
  };
  try {
    const first = await runTask("db:setup", args, env);
    assert.equal(first.code, 0, first.stderr);
    const before = await catalog(db.adminUrl, db.schema, [READER, WRITER]);
    assert.ok(before.some((l) => l.startsWith(`role ${READER} true false SCRAM-SHA-256$`)));
    const second = await runTask("db:setup", args, env);
    assert.equal(second.code, 0, second.stderr);
    assert.deepEqual(await catalog(db.adminUrl, db.schema, [READER, WRITER]), before);
    const printed = first.stdout + first.stderr + second.stdout + second.stderr;
    assert.doesNotMatch(printed, /reader-pw-7f3a|writer-pw-91c2/);
    assert.doesNotMatch(printed, new RegExp(new URL(db.adminUrl).password));
    // The roles work with the passwords given.
    const reader = new URL(db.readerUrl);
    reader.username = READER;
    reader.password = env.BACKFILL_READER_PASSWORD;
    const sql = connect(reader.toString());
    try {
      const [row] = await sql`select count(*)::int as n from ${
        sql(`${db.schema}.capture_session`)
      }`;
      assert.equal(row!.n, 0);
    } finally {
      await sql.end();
    }
  } finally {
    await dropRoles(db);
  }
});

Deno.test("setup on a second database of the same server keeps the first one intact", async () => {
  await using one = await openTestDatabase();
  await using two = await openTestDatabase();
  const opts = (schema: string) => ({
    schema,
    readerRole: READER,
    writerRole: WRITER,
    readerPassword: "r-pw",
    writerPassword: "w-pw",
  });
  try {
    for (const db of [one, two]) {
      const sql = connect(db.adminUrl);
      try {
        await setupDatabase(sql, opts(db.schema));
      } finally {
        await sql.end();
      }
    }
    const first = await catalog(one.adminUrl, one.schema, [READER, WRITER]);
    const sql = connect(one.adminUrl);
    try {
      await setupDatabase(sql, opts(one.schema));
    } finally {
      await sql.end();
    }
    assert.deepEqual(await catalog(one.adminUrl, one.schema, [READER, WRITER]), first);
    assert.deepEqual(await catalog(two.adminUrl, two.schema, [READER, WRITER]), first);
  } finally {
    await dropRoles(one, two);
  }
});

Deno.test("setup takes back a write privilege granted by hand", async () => {
  await using db = await openTestDatabase();
  const expected = await catalog(db.adminUrl, db.schema, ["backfill_reader", "backfill_writer"]);
  const sql = connect(db.adminUrl);
  try {
    await sql`grant insert, update on ${sql(`${db.schema}.capture_session`)} to backfill_writer`;
    await sql`grant delete on ${sql(`${db.schema}.day_snapshot`)} to backfill_reader`;
    await setupDatabase(sql, {
      schema: db.schema,
      readerRole: "backfill_reader",
      writerRole: "backfill_writer",
      readerPassword: null,
      writerPassword: null,
    });
  } finally {
    await sql.end();
  }
  assert.deepEqual(
    await catalog(db.adminUrl, db.schema, ["backfill_reader", "backfill_writer"]),
    expected,
  );
});

Deno.test("db:setup usage errors exit 2 with one line and a pointer to --help", async () => {
  const cases: [string[], RegExp][] = [
    [[], /Missing --database-url/],
    [["--database-url", "postgres://127.0.0.1:1/x", "--db-schema", "Bad-Name"], /schema name/],
    [["--database-url", "postgres://127.0.0.1:1/x", "--reader-role", 'x"; drop'], /reader role/],
    [["--database-url", "postgres://127.0.0.1:1/x", "--no-such-flag"], /no-such-flag/],
  ];
  for (const [args, message] of cases) {
    const r = await runTask("db:setup", args);
    assert.equal(r.code, 2, args.join(" "));
    const lines = r.stderr.trim().split("\n");
    assert.equal(lines.length, 2, r.stderr);
    assert.match(lines[0]!, message);
    assert.match(lines[1]!, /--help/);
  }
  const help = await runTask("db:setup", ["--help"]);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /--database-url URL/);
});

Deno.test("db:setup says which server it could not reach, without the password", async () => {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (listener.addr as Deno.NetAddr).port;
  listener.close();
  const r = await runTask("db:setup", [], {
    DATABASE_URL: `postgres://admin:s3cret-pw@127.0.0.1:${port}/app`,
  });
  assert.equal(r.code, 1);
  assert.match(r.stderr, new RegExp(`Cannot set up the database at 127\\.0\\.0\\.1:${port}: `));
  assert.doesNotMatch(r.stdout + r.stderr, /s3cret-pw/);
});

Deno.test("setup refuses schema and role names that are not plain identifiers, before any query", async () => {
  // Never connects: the names are checked first.
  const sql = postgres("postgres://nobody@127.0.0.1:1/none", { max: 1 });
  const base = {
    schema: "schedule_ingest",
    readerRole: "backfill_reader",
    writerRole: "backfill_writer",
    readerPassword: null,
    writerPassword: null,
  };
  const cases: [Partial<typeof base>, RegExp][] = [
    [{ schema: 'x"; drop table y; --' }, /Invalid schema name/],
    [{ schema: "Schedule" }, /Invalid schema name/],
    [{ schema: "9lives" }, /Invalid schema name/],
    [{ schema: "a".repeat(64) }, /Invalid schema name/],
    [{ readerRole: "reader role" }, /Invalid reader role/],
    [{ writerRole: "" }, /Invalid writer role/],
  ];
  try {
    for (const [change, message] of cases) {
      await assert.rejects(setupDatabase(sql, { ...base, ...change }), message);
    }
  } finally {
    await sql.end();
  }
});
