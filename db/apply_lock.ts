/**
 * One apply at a time per database and schema: a session-level advisory lock held on a
 * reserved connection for the whole run. The server drops it when that connection ends, so
 * a killed apply never leaves the lock behind.
 */
import type postgres from "postgres";

export interface ApplyLock {
  key: string;
  release(): Promise<void>;
}

/** The lock, or null when another apply on the same database and schema holds it. */
export async function acquireApplyLock(
  sql: postgres.Sql,
  schema: string,
): Promise<ApplyLock | null> {
  const conn = await sql.reserve();
  try {
    const [row] = await conn<{ key: string; ok: boolean }[]>`
      select k as key, pg_try_advisory_lock(hashtextextended(k, 0)) as ok
      from (select 'schedule_apply:' || current_database() || ':' || ${schema}::text as k) s`;
    if (!row?.ok) {
      conn.release();
      return null;
    }
    const key = row.key;
    return {
      key,
      async release() {
        try {
          await conn`select pg_advisory_unlock(hashtextextended(${key}, 0))`;
        } finally {
          conn.release();
        }
      },
    };
  } catch (err) {
    conn.release();
    throw err;
  }
}
