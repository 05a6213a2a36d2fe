/** Progress of a run as text: done/total, rate, ETA and failures, from plain counters. */

export interface ProgressState {
  done: number;
  /** null while the total is unknown */
  total: number | null;
  failed: number;
  startedMs: number;
  nowMs: number;
}

export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return "?";
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const pad = (n: number) => String(n).padStart(2, "0");
  return h ? `${h}:${pad(m)}:${pad(s % 60)}` : `${m}:${pad(s % 60)}`;
}

export function progressLine(p: ProgressState): string {
  const elapsed = Math.max(0, (p.nowMs - p.startedMs) / 1000);
  const rate = elapsed > 0 ? p.done / elapsed : 0;
  const parts = [p.total === null ? `${p.done} sessions` : `${p.done}/${p.total} sessions`];
  parts.push(`${rate.toFixed(rate < 10 ? 2 : 1)}/s`);
  if (p.total !== null) {
    const left = p.total - p.done;
    parts.push(`ETA ${left === 0 ? "0:00" : rate > 0 ? formatDuration(left / rate) : "?"}`);
  }
  parts.push(`${p.failed} failed`);
  parts.push(`elapsed ${formatDuration(elapsed)}`);
  return parts.join(", ");
}

/**
 * Whether a periodic (non-terminal) progress line is due: every `everyMs`, and at the end.
 * A live terminal line is redrawn on every change instead.
 */
export function periodicLineDue(p: ProgressState, lastMs: number, everyMs: number): boolean {
  return p.nowMs - lastMs >= everyMs || (p.total !== null && p.done === p.total);
}
