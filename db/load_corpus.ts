/** Loads a corpus's sessions.json into the capture tables exactly as production holds them. */
import type postgres from "postgres";
import { type CorpusSession, CorpusSessions } from "../lib/schema/mod.ts";

/** Reads and checks sessions.json; a bad file throws with one line naming the first problem. */
export async function readCorpusSessions(corpusDir: string): Promise<CorpusSession[]> {
  const text = await Deno.readTextFile(`${corpusDir}/sessions.json`);
  const parsed = CorpusSessions.safeParse(JSON.parse(text));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`sessions.json at "${issue.path.join(".")}": ${issue.message}`);
  }
  const sessions = parsed.data.sessions;
  const keys = new Set<string>();
  const ids = new Set<number>();
  for (const s of sessions) {
    if (ids.has(s.id)) throw new Error(`sessions.json lists session ${s.id} twice`);
    ids.add(s.id);
    const sequences = new Set<number>();
    for (const i of s.images) {
      if (sequences.has(i.sequence)) {
        throw new Error(`sessions.json: session ${s.id} has sequence ${i.sequence} twice`);
      }
      if (keys.has(i.r2_key)) throw new Error(`sessions.json: r2_key "${i.r2_key}" is used twice`);
      sequences.add(i.sequence);
      keys.add(i.r2_key);
    }
  }
  return sessions;
}

/**
 * Inserts sessions and images with their states and timestamps, skipping rows that are already
 * there, then checks that every row present matches the corpus (a clash is an error and the
 * whole load rolls back). Production's triggers would refuse a session created as "done"; they
 * are switched off for this transaction only, which needs a superuser. sessions.json gives no
 * time per image, so an image's created_at is its session's.
 */
export async function loadCorpus(
  sql: postgres.Sql,
  schema: string,
  sessions: readonly CorpusSession[],
): Promise<{ sessions: number; images: number }> {
  const sessionTable = sql(`${schema}.capture_session`);
  const imageTable = sql(`${schema}.capture_image`);
  return await sql.begin(async (tx) => {
    await tx`set local session_replication_role = replica`;
    const sessionRows = sessions.map((s) => ({
      id: s.id,
      user_id: s.user_id,
      state: s.state,
      created_at: s.created_at,
    }));
    const imageRows = sessions.flatMap((s) =>
      s.images.map((i) => ({
        session_id: s.id,
        sequence: i.sequence,
        r2_key: i.r2_key,
        created_at: s.created_at,
      }))
    );
    const insertedSessions = sessionRows.length === 0 ? [] : await tx`
      insert into ${sessionTable} ${tx(sessionRows, "id", "user_id", "state", "created_at")}
      on conflict (id) do nothing returning id`;
    const insertedImages = imageRows.length === 0 ? [] : await tx`
      insert into ${imageTable} ${tx(imageRows, "session_id", "sequence", "r2_key", "created_at")}
      on conflict do nothing returning id`;
    if (sessionRows.length > 0) {
      const clashes = await tx<{ id: string }[]>`
        select s.id from ${sessionTable} s
        join jsonb_to_recordset(${tx.json(sessionRows as unknown as postgres.JSONValue)})
          as c(id bigint, user_id bigint, state text, created_at timestamptz) on c.id = s.id
        where (s.user_id, s.state, s.created_at) is distinct from (c.user_id, c.state, c.created_at)
        order by s.id limit 1`;
      if (clashes[0]) {
        throw new Error(`Session ${clashes[0].id} is already stored with other values`);
      }
    }
    if (imageRows.length > 0) {
      const clashes = await tx<{ r2_key: string }[]>`
        select c.r2_key from jsonb_to_recordset(${
        tx.json(imageRows as unknown as postgres.JSONValue)
      })
          as c(session_id bigint, sequence int, r2_key text)
        left join ${imageTable} i on i.r2_key = c.r2_key
          and i.session_id = c.session_id and i.sequence = c.sequence
        where i.id is null
        order by c.r2_key limit 1`;
      if (clashes[0]) {
        throw new Error(
          `Image "${clashes[0].r2_key}" clashes with a stored image (same r2_key or sequence)`,
        );
      }
    }
    return { sessions: insertedSessions.length, images: insertedImages.length };
  });
}
