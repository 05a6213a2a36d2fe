/**
 * What applying a session would do to each day it shows, computed against the rows stored
 * now. A session only speaks for the days it shows: days it does not show are left alone,
 * so "delete" is about the events of a shown day, never about whole days.
 */
import { dayContentHash, type HashableShift } from "./content_hash.ts";
import { reconcileEvents, shiftEvent, type StoredEvent } from "./event_reconcile.ts";
import type { DayStatus, Shift } from "./schema/schedule.ts";

export type DayAction = "insert" | "update" | "delete" | "unchanged" | "skipped_older";

export interface StoredSnapshot {
  day: string;
  status: DayStatus | string;
  shifts: HashableShift[];
  content_hash: string;
  source_session_id: string;
  /** ISO instant of the capture the stored day came from */
  source_captured_at: string;
}

export interface NewDay {
  date: string;
  status: DayStatus;
  shifts: Shift[];
}

export interface DayPreview {
  date: string;
  action: DayAction;
  snapshot_hash_before: string | null;
  content_hash_after: string;
  events: { insert: number; update: number; delete: number; unchanged: number };
}

export interface DayState {
  snapshots: ReadonlyMap<string, StoredSnapshot>;
  events: ReadonlyMap<string, readonly StoredEvent[]>;
}

/** One day's preview; `capturedAt` is the session's created_at. */
export function diffDay(day: NewDay, state: DayState, capturedAt: string): DayPreview {
  const stored = state.snapshots.get(day.date) ?? null;
  const after = dayContentHash(day);
  const base = { date: day.date, snapshot_hash_before: stored?.content_hash ?? null };
  if (stored && Date.parse(stored.source_captured_at) > Date.parse(capturedAt)) {
    return {
      ...base,
      action: "skipped_older",
      content_hash_after: after,
      events: { insert: 0, update: 0, delete: 0, unchanged: 0 },
    };
  }
  const storedEvents = state.events.get(day.date) ?? [];
  const plan = reconcileEvents(storedEvents, day.shifts.map(shiftEvent));
  const events = {
    insert: plan.insert.length,
    update: plan.update.length,
    delete: plan.delete.length,
    unchanged: plan.keep.length,
  };
  const writes = events.insert + events.update + events.delete;
  let action: DayAction;
  if (!stored) action = "insert";
  else if (stored.content_hash === after && writes === 0) action = "unchanged";
  else if (events.delete > 0 && events.delete === storedEvents.length && day.shifts.length === 0) {
    // Every stored event of the day goes and nothing replaces it (a cancelled shift).
    action = "delete";
  } else action = "update";
  return { ...base, action, content_hash_after: after, events };
}

/** Previews of all the session's days, in date order. */
export function diffSession(
  days: readonly NewDay[],
  state: DayState,
  capturedAt: string,
): DayPreview[] {
  return [...days].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0)).map((d) =>
    diffDay(d, state, capturedAt)
  );
}

/** Event counts summed over the days. */
export function previewTotals(previews: readonly DayPreview[]) {
  const totals = { insert: 0, update: 0, delete: 0, unchanged: 0 };
  const actions: Record<DayAction, number> = {
    insert: 0,
    update: 0,
    delete: 0,
    unchanged: 0,
    skipped_older: 0,
  };
  for (const p of previews) {
    actions[p.action]++;
    totals.insert += p.events.insert;
    totals.update += p.events.update;
    totals.delete += p.events.delete;
    totals.unchanged += p.events.unchanged;
  }
  return { days: actions, events: totals };
}
