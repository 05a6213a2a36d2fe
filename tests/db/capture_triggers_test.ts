import assert from "node:assert/strict";
import postgres from "postgres";
import { openTestDatabase } from "../support/test_database.ts";

const STATES = ["open", "closed", "processing", "done", "failed"] as const;
type State = typeof STATES[number];

/** Production's moves, and the legal walk from a new (open) session to each state. */
const LEGAL = new Set([
  "open>closed",
  "closed>processing",
  "processing>done",
  "processing>failed",
  "failed>processing",
]);
const WALK: Record<State, State[]> = {
  open: [],
  closed: ["closed"],
  processing: ["closed", "processing"],
  done: ["closed", "processing", "done"],
  failed: ["closed", "processing", "failed"],
};

async function sqlState(run: () => Promise<unknown>): Promise<string | null> {
  try {
    await run();
    return null;
  } catch (e) {
    return (e as { code?: string }).code ?? String(e);
  }
}

Deno.test("the transition trigger allows exactly production's moves between the five states", async () => {
  await using db = await openTestDatabase();
  const sql = postgres(db.adminUrl, { onnotice: () => {}, max: 1 });
  try {
    const t = sql(`${db.schema}.capture_session`);
    let id = 0;
    for (const from of STATES) {
      for (const to of STATES) {
        if (from === to) continue;
        id++;
        await sql`insert into ${t} (id, user_id, state, created_at) values (${id}, 7, 'open', now())`;
        for (const step of WALK[from]) await sql`update ${t} set state = ${step} where id = ${id}`;
        const code = await sqlState(() => sql`update ${t} set state = ${to} where id = ${id}`);
        const legal = LEGAL.has(`${from}>${to}`);
        assert.equal(code, legal ? null : "23514", `${from} -> ${to}`);
        const [row] = await sql<{ state: string }[]>`select state from ${t} where id = ${id}`;
        assert.equal(row!.state, legal ? to : from, `${from} -> ${to} leaves the row`);
      }
    }
  } finally {
    await sql.end();
  }
});

Deno.test("a new session must start open, and an update that keeps the state is allowed", async () => {
  await using db = await openTestDatabase();
  const sql = postgres(db.adminUrl, { onnotice: () => {}, max: 1 });
  try {
    const t = sql(`${db.schema}.capture_session`);
    for (const state of STATES.filter((s) => s !== "open")) {
      assert.equal(
        await sqlState(() =>
          sql`insert into ${t} (id, user_id, state, created_at) values (1, 7, ${state}, now())`
        ),
        "23514",
        `insert as ${state}`,
      );
    }
    await sql`insert into ${t} (id, user_id, state, created_at) values (1, 7, 'open', now())`;
    for (const step of WALK.done) await sql`update ${t} set state = ${step} where id = 1`;
    await sql`update ${t} set user_id = 8, state = 'done' where id = 1`;
    const [row] = await sql<{ user_id: string; state: string }[]>`
      select user_id, state from ${t} where id = 1`;
    assert.deepEqual({ ...row }, { user_id: "8", state: "done" });
  } finally {
    await sql.end();
  }
});

Deno.test("images can join a session only while it is open", async () => {
  await using db = await openTestDatabase();
  const sql = postgres(db.adminUrl, { onnotice: () => {}, max: 1 });
  try {
    const s = sql(`${db.schema}.capture_session`);
    const i = sql(`${db.schema}.capture_image`);
    for (const [n, state] of STATES.entries()) {
      const id = n + 1;
      await sql`insert into ${s} (id, user_id, state, created_at) values (${id}, 7, 'open', now())`;
      for (const step of WALK[state]) await sql`update ${s} set state = ${step} where id = ${id}`;
      const code = await sqlState(() =>
        sql`insert into ${i} (session_id, sequence, r2_key) values (${id}, 1, ${`k/${id}.png`})`
      );
      assert.equal(code, state === "open" ? null : "23514", `image into a ${state} session`);
    }
    assert.equal(
      await sqlState(() =>
        sql`insert into ${i} (session_id, sequence, r2_key) values (99, 1, 'k/none.png')`
      ),
      "23514",
      "image into a missing session",
    );
    const rows = await sql<{ session_id: string }[]>`select session_id from ${i}`;
    assert.deepEqual(rows.map((r) => r.session_id), ["1"]);
  } finally {
    await sql.end();
  }
});
