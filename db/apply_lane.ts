/**
 * Applies a list of sessions in order on one connection, each in its own transaction,
 * without a round trip per session: the days' rows are read ahead in batches, each session
 * is decided from them, and its guarded write is sent without waiting for the one before.
 */
import type postgres from "postgres";
import { type WorkItem, zeroCounts } from "../lib/apply_plan.ts";
import type { SessionDecision } from "../lib/apply_decision.ts";
import { dayKey, dayKeys, type DayRowsByKey, rowVersions } from "../lib/apply_state.ts";
import { decideWrites } from "../lib/apply_writes.ts";
import type { PersistedCounts } from "../lib/schema/apply_report.ts";
import { applySession, type ApplySessionOptions } from "./apply_session.ts";
import { readDayRows } from "./day_state_reader.ts";
import { type WriteOutcome, writeSession } from "./apply_write.ts";

export interface LaneOptions extends ApplySessionOptions {
  /** asked before each session; true ends the lane after the writes already sent */
  stop(): boolean;
  finished(item: WorkItem, decision: SessionDecision, persisted: PersistedCounts): void;
  /** a database error: the session is not written and the lane ends */
  failed(item: WorkItem, err: Error): void;
}

/** Sessions whose days are read in one statement. */
const READ_BATCH = 500;
/** Writes sent and not yet answered; bounds what a failure leaves to settle. */
const WINDOW = 64;

interface Pending {
  item: WorkItem;
  decision: SessionDecision;
  outcome: Promise<WriteOutcome>;
}

/**
 * Applies `lane` on `conn` in order. A session with a day written by an earlier session of
 * the lane is not decided from the rows read ahead: its rows are read again once every write
 * before it has ended. A session whose guard found its rows changed is applied by reading
 * them under lock in its own transaction.
 */
export async function runLane(
  conn: postgres.Sql,
  lane: readonly WorkItem[],
  opts: LaneOptions,
): Promise<void> {
  const written = new Set<string>();
  const inflight: Pending[] = [];
  let broken = false;

  const careful = async (item: WorkItem) => {
    try {
      const result = await applySession(conn, item, opts);
      opts.finished(item, result.decision, result.persisted);
    } catch (err) {
      opts.failed(item, err as Error);
      broken = true;
    }
  };

  // Waits for the oldest writes; `all` waits for every one. A write whose guard failed is
  // redone carefully, which needs the connection to itself, so everything is settled first.
  const settle = async (all: boolean) => {
    const redo: WorkItem[] = [];
    while (inflight.length && (all || redo.length || inflight.length >= WINDOW)) {
      const p = inflight.shift()!;
      try {
        const outcome = await p.outcome;
        if (outcome.ok) opts.finished(p.item, p.decision, outcome.persisted);
        else redo.push(p.item);
      } catch (err) {
        opts.failed(p.item, err as Error);
        broken = true;
      }
    }
    for (const item of redo) {
      if (broken) break;
      await careful(item);
    }
  };

  const batches: WorkItem[][] = [];
  for (let i = 0; i < lane.length; i += READ_BATCH) batches.push(lane.slice(i, i + READ_BATCH));
  const read = (i: number) => {
    if (i >= batches.length) return null;
    const p = readDayRows(conn, opts.schema, dayKeys(batches[i]!));
    p.catch(() => {}); // observed when its batch starts
    return p;
  };
  let next = read(0);
  try {
    lanes: for (let b = 0; b < batches.length; b++) {
      let rows: DayRowsByKey;
      try {
        rows = await next!;
      } catch (err) {
        opts.failed(batches[b]![0]!, err as Error);
        broken = true;
        break;
      }
      // Read the next batch now: it runs before the writes still to be sent, and any day
      // those writes touch is read again after them anyway.
      next = read(b + 1);
      for (const item of batches[b]!) {
        if (broken || opts.stop()) break lanes;
        // Only days another session of the plan shows can have been written before.
        const keys = item.shares_days === false
          ? []
          : item.days.map((d) => dayKey(item.user_id, d.date));
        let state = rows;
        if (keys.some((k) => written.has(k))) {
          // Once the writes before it have ended, its days are read again on their own; the
          // guarded write still refuses rows changed since, as for any other session.
          await settle(true);
          if (broken) break lanes;
          try {
            state = await readDayRows(conn, opts.schema, dayKeys([item]));
          } catch (err) {
            opts.failed(item, err as Error);
            broken = true;
            break lanes;
          }
        }
        const { decision, writes } = decideWrites(item, state, opts.storeNotifications);
        if (!writes) {
          // A conflict or a session with nothing to change needs no transaction.
          opts.finished(item, decision, zeroCounts());
          continue;
        }
        for (const k of keys) written.add(k);
        const outcome = writeSession(conn, opts.schema, item, writes, rowVersions(item, state));
        outcome.catch(() => {}); // observed by settle
        inflight.push({ item, decision, outcome });
        if (inflight.length >= WINDOW) await settle(false);
      }
    }
  } finally {
    await settle(true);
    await next?.catch(() => {});
  }
}
