/** Loads a corpus's sessions.json into the capture tables exactly as production holds them. */
import type postgres from "postgres";
import { type CorpusSession, CorpusSessions } from "../lib/schema/mod.ts";

export async function readCorpusSessions(corpusDir: string): Promise<CorpusSession[]> {
  const text = await Deno.readTextFile(`${corpusDir}/sessions.json`);
  return CorpusSessions.parse(JSON.parse(text)).sessions;
}

/**
 * Inserts sessions and images with their states and timestamps, skipping rows that are already
 * there. Production's triggers would refuse a session created as "done"; they are switched off
 * for this transaction only (this needs a superuser).
 */
export async function loadCorpus(
  sql: postgres.Sql,
  schema: string,
  sessions: readonly CorpusSession[],
): Promise<{ sessions: number; images: number }> {
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
      insert into ${tx(`${schema}.capture_session`)}
        ${tx(sessionRows, "id", "user_id", "state", "created_at")}
      on conflict (id) do nothing returning id`;
    const insertedImages = imageRows.length === 0 ? [] : await tx`
      insert into ${tx(`${schema}.capture_image`)}
        ${tx(imageRows, "session_id", "sequence", "r2_key", "created_at")}
      on conflict do nothing returning id`;
    return { sessions: insertedSessions.length, images: insertedImages.length };
  });
}
