/**
 * Which sessions a run covers: flags -> a plain query spec (instants already resolved in the
 * schedule's zone) and the shard a session id belongs to.
 */
import { createHash } from "node:crypto";
import { addDays, localDateTimeToInstant } from "./calendar_math.ts";
import type { BackfillOptions, SessionState } from "./backfill_flags.ts";

export interface SelectionSpec {
  sessionIds: string[];
  userId: string | null;
  states: SessionState[];
  /** inclusive lower bound on created_at, ISO instant */
  createdFrom: string | null;
  /** exclusive upper bound on created_at, ISO instant (midnight after --to-date) */
  createdBefore: string | null;
  limit: number | null;
  shard: { index: number; count: number } | null;
}

export function selectionSpec(
  opts: Pick<
    BackfillOptions,
    "sessionIds" | "userId" | "states" | "fromDate" | "toDate" | "limit" | "shard"
  >,
  timeZone: string,
): SelectionSpec {
  if (opts.shard && opts.shard.index === "auto") {
    throw new Error("The shard index must be resolved before selecting sessions");
  }
  return {
    sessionIds: opts.sessionIds,
    userId: opts.userId,
    states: opts.states,
    createdFrom: opts.fromDate ? localDateTimeToInstant(opts.fromDate, "00:00", timeZone) : null,
    createdBefore: opts.toDate
      ? localDateTimeToInstant(addDays(opts.toDate, 1), "00:00", timeZone)
      : null,
    limit: opts.limit,
    shard: opts.shard as { index: number; count: number } | null,
  };
}

/**
 * The shard of a session id: the first 7 bytes of sha256 of its decimal text, modulo the
 * shard count. Stable across runs, machines and languages, even for sequential ids; 56 bits
 * so that PostgreSQL computes the same value as a positive bigint (db/capture_reader.ts).
 */
export function shardOf(sessionId: string, count: number): number {
  const digest = createHash("sha256").update(sessionId).digest();
  return Number(BigInt(`0x${digest.subarray(0, 7).toString("hex")}`) % BigInt(count));
}

/** Whether a session falls in the spec's shard (every session when unsharded). */
export function inShard(sessionId: string, spec: Pick<SelectionSpec, "shard">): boolean {
  return !spec.shard || shardOf(sessionId, spec.shard.count) === spec.shard.index;
}
