/**
 * Writes one session's days in one transaction after reading them under lock: the day rows
 * are locked, checked, and replaced or left alone; the whole session commits or nothing of
 * it does.
 */
import type postgres from "postgres";
import type { WorkItem } from "../lib/apply_plan.ts";
import { zeroCounts } from "../lib/apply_plan.ts";
import type { SessionDecision } from "../lib/apply_decision.ts";
import { type DayRowsByKey, rowVersions } from "../lib/apply_state.ts";
import { decideWrites } from "../lib/apply_writes.ts";
import type { PersistedCounts } from "../lib/schema/apply_report.ts";
import { type WriteOutcome, writeSession } from "./apply_write.ts";
import { dayStateQuery, parseDayState } from "./day_state_reader.ts";

export interface ApplySessionOptions {
  schema: string;
  storeNotifications: boolean;
}

/** What applying a session decided, and the counts its committed transaction persisted. */
export interface SessionApplyResult {
  decision: SessionDecision;
  persisted: PersistedCounts;
}

/** How often a locked read is retried when the unlocked event rows change under it. */
const CAREFUL_ATTEMPTS = 3;

/** Settles every pipelined query before returning, so none is left to fail unobserved. */
async function pipelined<T extends readonly unknown[]>(
  queries: { [K in keyof T]: Promise<T[K]> },
): Promise<T> {
  const settled = await Promise.allSettled(queries);
  const failed = settled.find((r) => r.status === "rejected");
  if (failed) throw (failed as PromiseRejectedResult).reason;
  return settled.map((r) => (r as PromiseFulfilledResult<unknown>).value) as unknown as T;
}

/**
 * What a session makes of its days' rows read under lock: a work item to apply and what its
 * result comes to, or the outcome of writing nothing.
 */
export type LockedStep<R> =
  | { item: WorkItem; applied(result: SessionApplyResult): R }
  | { item: null; value: R };

/** A session whose work item is made from its days' rows once they are read under lock. */
export interface LockedSource<R> {
  user_id: string;
  dates: readonly string[];
  decide(rows: DayRowsByKey): LockedStep<R>;
}

/**
 * Applies `item` on `conn` (a reserved connection or a pool of one), reading its days under
 * lock in the transaction: the path for a session whose rows were not read ahead or changed
 * since.
 */
export function applySession(
  conn: postgres.Sql,
  item: WorkItem,
  opts: ApplySessionOptions,
): Promise<SessionApplyResult> {
  return applyUnderLock(conn, {
    user_id: item.user_id,
    dates: item.days.map((d) => d.date),
    decide: () => ({ item, applied: (result) => result }),
  }, opts);
}

/**
 * Applies what `source` decides from its days' rows read under lock, so the rows a session is
 * previewed against are the rows it is decided and written from, and returns what it made of
 * the outcome. BEGIN travels with the read and COMMIT with the write (pipelined). On an error
 * the transaction is rolled back before the error is rethrown.
 */
export async function applyUnderLock<R>(
  conn: postgres.Sql,
  source: LockedSource<R>,
  opts: ApplySessionOptions,
): Promise<R> {
  const keys = source.dates.map((day) => ({ user_id: source.user_id, day }));
  try {
    for (let attempt = 1;; attempt++) {
      const [, [row]] = await pipelined<[unknown, Awaited<ReturnType<typeof dayStateQuery>>]>([
        conn`begin`,
        dayStateQuery(conn, opts.schema, keys, true),
      ]);
      const rows = parseDayState(row);
      const step = source.decide(rows);
      if (!step.item) {
        await conn`commit`;
        return step.value;
      }
      const item = step.item;
      const { decision, writes } = decideWrites(item, rows, opts.storeNotifications);
      if (!writes) {
        await (decision.kind === "conflict" ? conn`rollback` : conn`commit`);
        return step.applied({ decision, persisted: zeroCounts() });
      }
      const [outcome] = await pipelined<[WriteOutcome, unknown]>([
        writeSession(conn, opts.schema, item, writes, rowVersions(item, rows)),
        conn`commit`,
      ]);
      if (outcome.ok) return step.applied({ decision, persisted: outcome.persisted });
      // The snapshot rows are locked, but another writer changed an event row of these days
      // between the read and the write; nothing was written, so read again.
      if (attempt >= CAREFUL_ATTEMPTS) {
        throw new Error(
          `Session "${item.session_id}" not applied: its event rows kept changing during apply`,
        );
      }
    }
  } catch (err) {
    await conn`rollback`.catch(() => {});
    throw err;
  }
}
