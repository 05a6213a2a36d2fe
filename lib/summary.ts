/** The run's summary: one line per session, counts, and the merge of shard summaries. */
import type {
  BackfillSummary,
  RunCounts,
  SessionOutput,
  SummaryLine,
} from "./schema/session_output.ts";

export function summaryLine(out: SessionOutput, file: string): SummaryLine {
  return {
    id: out.session.id,
    user_id: out.session.user_id,
    status: out.status,
    error_code: out.error?.code ?? null,
    message: out.error?.message ?? null,
    images: out.images.length,
    days: out.days.length,
    notifications: out.notifications.length,
    file,
  };
}

export function emptyCounts(): RunCounts {
  return {
    sessions: 0,
    by_status: { ok: 0, no_schedule: 0, failed: 0 },
    by_error_code: {},
    images: 0,
    ocr_cache_hits: 0,
  };
}

/** Adds one session to the counts (in place: the run keeps one running total). */
export function countSession(counts: RunCounts, out: SessionOutput): RunCounts {
  counts.sessions++;
  counts.by_status[out.status] = (counts.by_status[out.status] ?? 0) + 1;
  if (out.error) {
    counts.by_error_code[out.error.code] = (counts.by_error_code[out.error.code] ?? 0) + 1;
  }
  counts.images += out.images.length;
  counts.ocr_cache_hits += out.images.filter((i) => i.ocr.cache_hit === true).length;
  return counts;
}

function compareIds(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

/** Lines in session id order, whatever order the sessions finished in. */
export function sortLines(lines: readonly SummaryLine[]): SummaryLine[] {
  return [...lines].sort((a, b) => compareIds(a.id, b.id));
}

/** 0 when every session is ok or without a schedule, 1 on a failure, 130 when interrupted. */
export function exitCode(
  summary: Pick<BackfillSummary, "counts" | "fatal_error">,
  interrupted: boolean,
): number {
  if (interrupted) return 130;
  if (summary.fatal_error) return 1;
  return (summary.counts.by_status.failed ?? 0) > 0 ? 1 : 0;
}

export class MergeError extends Error {}

/**
 * Shard summaries -> one summary of the whole run. Each shard must be a different slice of
 * the same selection; a session in two shards is an error, not a duplicate line.
 */
export function mergeSummaries(
  parts: readonly {
    file: string;
    summary: BackfillSummary;
    lineFile: (l: SummaryLine) => string;
  }[],
): BackfillSummary {
  if (!parts.length) throw new MergeError("Nothing to merge");
  const counts = emptyCounts();
  const seen = new Set<string>();
  const lines: SummaryLine[] = [];
  const shards: NonNullable<BackfillSummary["shards"]> = [];
  for (const { file, summary, lineFile } of parts) {
    const shard = summary.options["shard"] as { index: number; count: number } | null | undefined;
    shards.push({ index: shard?.index ?? 0, count: shard?.count ?? 1, file });
    for (const line of summary.sessions) {
      if (seen.has(line.id)) {
        throw new MergeError(`Session "${line.id}" appears in more than one summary: "${file}"`);
      }
      seen.add(line.id);
      lines.push({ ...line, file: lineFile(line) });
    }
    counts.sessions += summary.counts.sessions;
    for (const [k, n] of Object.entries(summary.counts.by_status)) {
      counts.by_status[k as keyof RunCounts["by_status"]] =
        (counts.by_status[k as keyof RunCounts["by_status"]] ?? 0) + n;
    }
    for (const [k, n] of Object.entries(summary.counts.by_error_code)) {
      counts.by_error_code[k] = (counts.by_error_code[k] ?? 0) + n;
    }
    counts.images += summary.counts.images;
    counts.ocr_cache_hits += summary.counts.ocr_cache_hits;
  }
  const counts0 = new Set(shards.map((s) => s.count));
  const indexes = new Set(shards.map((s) => s.index));
  if (counts0.size > 1 || indexes.size !== shards.length) {
    throw new MergeError(
      `The summaries are not distinct shards of one run: ${
        shards.map((s) => `${s.index}/${s.count}`).join(", ")
      }`,
    );
  }
  const first = parts[0]!.summary;
  const sorted = [...parts].map((p) => p.summary);
  return {
    format: "backfill-summary/1",
    tool: first.tool,
    engine: first.engine,
    options: { ...first.options, shard: null },
    started_at: sorted.map((s) => s.started_at).sort()[0]!,
    finished_at: sorted.map((s) => s.finished_at).sort().at(-1)!,
    partial: sorted.some((s) => s.partial) || shards.length < (shards[0]?.count ?? 1),
    fatal_error: sorted.find((s) => s.fatal_error)?.fatal_error ?? null,
    shards: shards.sort((a, b) => a.index - b.index),
    counts,
    sessions: sortLines(lines),
  };
}
