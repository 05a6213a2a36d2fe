import assert from "node:assert/strict";
import postgres from "postgres";
import { countSessions, openReadOnlyPool, streamSessions } from "../../db/capture_reader.ts";
import { checkReadOnly } from "../../db/read_only_guard.ts";
import { readDayState } from "../../db/day_state_reader.ts";
import { type BackfillOptions, parseBackfillFlags } from "../../lib/backfill_flags.ts";
import { selectionSpec, shardOf } from "../../lib/session_selection.ts";
import { CorpusSessions } from "../../lib/schema/mod.ts";
import { openTestDatabase } from "../support/test_database.ts";

const opts = { sanitizeOps: false, sanitizeResources: false };
const CORPUS = new URL("../../fixtures/corpus/dev", import.meta.url).pathname;
const { sessions } = CorpusSessions.parse(
  JSON.parse(await Deno.readTextFile(`${CORPUS}/sessions.json`)),
);

type Corpus = typeof sessions[number];
const stockholmDay = (iso: string) =>
  new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Stockholm" }).format(new Date(iso));

/** The sessions a flag set must select, worked out from sessions.json without SQL. */
function expected(o: BackfillOptions): string[] {
  const picked = sessions.filter((s: Corpus) =>
    (!o.sessionIds.length || o.sessionIds.includes(String(s.id))) &&
    (o.userId === null || String(s.user_id) === o.userId) &&
    (!o.states.length || (o.states as string[]).includes(s.state)) &&
    (o.fromDate === null || stockholmDay(s.created_at) >= o.fromDate) &&
    (o.toDate === null || stockholmDay(s.created_at) <= o.toDate) &&
    (o.shard === null || shardOf(String(s.id), o.shard.count) === o.shard.index)
  ).sort((a, b) => Date.parse(a.created_at) - Date.parse(b.created_at) || a.id - b.id);
  return picked.slice(0, o.limit ?? undefined).map((s) => String(s.id));
}

const CASES: [string, string[]][] = [
  ["no filter", []],
  ["one session", ["--session-id", "2104"]],
  ["repeated sessions", ["--session-id", "2104", "--session-id", "2101", "--session-id", "9999"]],
  ["a user", ["--user-id", "8225717176"]],
  ["states", ["--states", "done,failed"]],
  ["closed only", ["--states", "closed"]],
  ["from a date", ["--from-date", "2026-03-01"]],
  // 2101 was captured 2026-01-13 09:45 local: a to-date of that day must include it
  ["to a date, the capture day inclusive", ["--to-date", "2026-01-13"]],
  ["to the day before a capture", ["--to-date", "2026-01-12"]],
  ["one day exactly", ["--from-date", "2026-01-13", "--to-date", "2026-01-13"]],
  ["across the spring clock change", ["--from-date", "2026-03-29", "--to-date", "2026-03-30"]],
  ["a limit", ["--limit", "3"]],
  ["a shard", ["--shard", "1/3"]],
  ["user, states, dates and limit", [
    "--user-id",
    "8225717176",
    "--states",
    "done",
    "--from-date",
    "2026-01-01",
    "--to-date",
    "2026-02-28",
    "--limit",
    "2",
  ]],
  ["sessions and a state that excludes one", [
    "--session-id",
    "2105",
    "--session-id",
    "2101",
    "--states",
    "done",
  ]],
];

Deno.test(
  "every selection flag, alone and combined, selects exactly the expected sessions",
  opts,
  async () => {
    await using db = await openTestDatabase({ loadCorpus: CORPUS });
    const sql = openReadOnlyPool(db.readerUrl, 2);
    try {
      for (const [name, args] of CASES) {
        const parsed = parseBackfillFlags(
          ["--database-url", db.readerUrl, "--local-root", "/x", ...args],
          () => undefined,
          "/",
        );
        assert.ok(!parsed.help);
        const spec = selectionSpec(parsed.options, "Europe/Stockholm");
        const got: string[] = [];
        for await (const s of streamSessions(sql, db.schema, spec, 4)) got.push(s.row.id);
        const want = expected(parsed.options);
        assert.deepEqual(got, want, name);
        assert.ok(want.length > 0 && (args.length === 0 || want.length < sessions.length), name);
        if (name.startsWith("to a date")) assert.ok(got.includes("2101"));
        if (name.startsWith("to the day before")) assert.ok(!got.includes("2101"));
        assert.equal(await countSessions(sql, db.schema, spec), want.length, name);
      }
    } finally {
      await sql.end();
    }
  },
);

Deno.test(
  "the to-date edge: a capture late on that day is in, one just after midnight is out",
  opts,
  async () => {
    await using db = await openTestDatabase();
    const admin = postgres(db.adminUrl, { max: 1, onnotice: () => {} });
    const sql = openReadOnlyPool(db.readerUrl, 1);
    try {
      await admin.begin(async (tx) => {
        await tx`set local session_replication_role = replica`;
        await tx`insert into ${
          tx(`${db.schema}.capture_session`)
        } (id, user_id, state, created_at) values
        (1, 5, 'done', '2026-01-13T23:59:59.999+01:00'),
        (2, 5, 'done', '2026-01-14T00:00:00+01:00'),
        (3, 5, 'done', '2026-01-12T23:59:59.999+01:00')`;
      });
      const ids = async (args: string[]) => {
        const parsed = parseBackfillFlags(
          ["--database-url", db.readerUrl, "--local-root", "/x", ...args],
          () => undefined,
          "/",
        );
        assert.ok(!parsed.help);
        const out: string[] = [];
        for await (
          const s of streamSessions(
            sql,
            db.schema,
            selectionSpec(parsed.options, "Europe/Stockholm"),
          )
        ) {
          out.push(s.row.id);
        }
        return out;
      };
      assert.deepEqual(await ids(["--to-date", "2026-01-13"]), ["3", "1"]);
      assert.deepEqual(await ids(["--from-date", "2026-01-13", "--to-date", "2026-01-13"]), ["1"]);
      assert.deepEqual(await ids(["--from-date", "2026-01-14"]), ["2"]);
    } finally {
      await sql.end();
      await admin.end();
    }
  },
);

Deno.test("images come in sequence order, however they were inserted", opts, async () => {
  await using db = await openTestDatabase({ loadCorpus: CORPUS });
  const sql = openReadOnlyPool(db.readerUrl, 1);
  try {
    for await (
      const s of streamSessions(
        sql,
        db.schema,
        selectionSpec(
          {
            sessionIds: [],
            userId: null,
            states: [],
            fromDate: null,
            toDate: null,
            limit: null,
            shard: null,
          },
          "Europe/Stockholm",
        ),
      )
    ) {
      const corpus = sessions.find((c) => String(c.id) === s.row.id)!;
      assert.deepEqual(s.images, [...corpus.images].sort((a, b) => a.sequence - b.sequence));
      assert.equal(Date.parse(s.row.created_at), Date.parse(corpus.created_at));
    }
  } finally {
    await sql.end();
  }
});

Deno.test("PostgreSQL computes the same shard of an id as the runner", opts, async () => {
  await using db = await openTestDatabase();
  const sql = openReadOnlyPool(db.readerUrl, 1);
  try {
    const rows = await sql<{ id: string; k: string }[]>`
      select id::text, mod(('x' || left(encode(sha256(convert_to(id::text, 'UTF8')), 'hex'), 14))
        ::bit(56)::bigint, 7)::text as k
      from generate_series(1::bigint, 2000) id
      union all select '9223372036854775807', mod(('x' || left(encode(sha256(
        convert_to('9223372036854775807', 'UTF8')), 'hex'), 14))::bit(56)::bigint, 7)::text`;
    for (const r of rows) assert.equal(Number(r.k), shardOf(r.id, 7), r.id);
  } finally {
    await sql.end();
  }
});

Deno.test(
  "the reader role passes the guard; the writer and the owner hold write privileges",
  opts,
  async () => {
    await using db = await openTestDatabase();
    const reader = openReadOnlyPool(db.readerUrl, 1);
    const writer = openReadOnlyPool(db.writerUrl, 1);
    try {
      const r = await checkReadOnly(reader, db.schema);
      assert.deepEqual(r.writable, []);
      assert.equal(r.readOnlySession, true);
      assert.equal(r.tables, 5);
      const w = await checkReadOnly(writer, db.schema);
      assert.ok(w.writable.includes("day_snapshot: INSERT"), w.writable.join());
      assert.ok(w.writable.includes("schedule_event: DELETE"));
      // The startup parameter alone keeps even the writer's session read-only.
      assert.equal(w.readOnlySession, true);
      await assert.rejects(
        () => writer`delete from ${writer(`${db.schema}.notification`)}`,
        /read-only transaction/,
      );
      assert.deepEqual(await readDayState(reader, db.schema, "1", ["2026-01-01"]), {
        snapshots: new Map(),
        events: new Map(),
      });
    } finally {
      await reader.end();
      await writer.end();
    }
  },
);
