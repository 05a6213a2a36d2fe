/**
 * The stored rows of the days a run applies to, read ahead of the sessions' transactions so
 * most sessions are decided without a round trip each. Every row carries a version (its
 * `xmin`, which any write replaces), so a write can check under lock that the rows it was
 * decided from are still the rows stored, and fall back to reading them again if not.
 */
import type { WorkItem } from "./apply_plan.ts";
import type { CurrentSnapshot } from "./apply_decision.ts";
import type { StoredEvent } from "./event_reconcile.ts";
import type { DayState, StoredSnapshot } from "./day_diff.ts";

export interface VersionedSnapshot extends CurrentSnapshot {
  version: string;
}

export interface VersionedEvent extends StoredEvent {
  version: string;
}

/** What one user's day holds: its snapshot row, if any, and its event rows. */
export interface DayRows {
  snapshot: VersionedSnapshot | null;
  events: VersionedEvent[];
}

/** The rows of many users' days, keyed by `dayKey`. */
export type DayRowsByKey = Map<string, DayRows>;

export function dayKey(userId: string, day: string): string {
  return `${userId}:${day}`;
}

/** Every (user, day) pair of `items`, for one batched read. */
export function dayKeys(items: readonly WorkItem[]): { user_id: string; day: string }[] {
  return items.flatMap((item) => item.days.map((d) => ({ user_id: item.user_id, day: d.date })));
}

/**
 * Groups rows as the state query returns them. A day of the sessions read that is missing
 * here holds nothing; the rows keep their user and day fields, as copying them without
 * would cost more.
 */
export function groupDayRows(
  snapshots: readonly (VersionedSnapshot & { user_id: string })[],
  events: readonly (VersionedEvent & { user_id: string; day: string })[],
): DayRowsByKey {
  const rows: DayRowsByKey = new Map();
  const entry = (key: string) => {
    let found = rows.get(key);
    if (!found) rows.set(key, found = { snapshot: null, events: [] });
    return found;
  };
  for (const s of snapshots) entry(dayKey(s.user_id, s.day)).snapshot = s;
  for (const e of events) entry(dayKey(e.user_id, e.day)).events.push(e);
  return rows;
}

/** The maps `decideSession` reads for one session's days, from rows read with its own. */
export function sessionRows(
  item: WorkItem,
  rows: ReadonlyMap<string, DayRows>,
): { current: Map<string, CurrentSnapshot>; events: Map<string, StoredEvent[]> } {
  const current = new Map<string, CurrentSnapshot>();
  const events = new Map<string, StoredEvent[]>();
  if (!rows.size) return { current, events };
  for (const d of item.days) {
    const entry = rows.get(dayKey(item.user_id, d.date));
    if (entry?.snapshot) current.set(d.date, entry.snapshot);
    if (entry?.events.length) events.set(d.date, entry.events);
  }
  return { current, events };
}

/** An ISO instant as the dry run's outputs write it, from however the server spelled it. */
function isoInstant(value: string): string {
  return new Date(value).toISOString();
}

/**
 * One user's `dates` as a preview compares against them: the stored snapshots and events,
 * without versions, and instants written as the dry run's outputs write them.
 */
export function dayState(
  userId: string,
  dates: readonly string[],
  rows: ReadonlyMap<string, DayRows>,
): DayState {
  const snapshots = new Map<string, StoredSnapshot>();
  const events = new Map<string, StoredEvent[]>();
  for (const date of new Set(dates)) {
    const entry = rows.get(dayKey(userId, date));
    const s = entry?.snapshot;
    if (s) {
      snapshots.set(date, {
        day: date,
        status: s.status,
        shifts: s.shifts,
        // Both are declared not null; a row of unknown origin cannot be stored.
        content_hash: s.content_hash!,
        source_session_id: s.source_session_id!,
        source_captured_at: isoInstant(s.source_captured_at!),
      });
    }
    if (entry?.events.length) {
      events.set(
        date,
        entry.events.map((e) => ({
          id: e.id,
          starts_at: isoInstant(e.starts_at),
          ends_at: isoInstant(e.ends_at),
          label: e.label,
          location: e.location,
          break_minutes: e.break_minutes,
        })),
      );
    }
  }
  return { snapshots, events };
}

/**
 * The versions of every row a session's days hold, as the write's guard lists them under
 * lock: `s<day>:<version>` per snapshot and `e<id>:<version>` per event, in byte order.
 */
export function rowVersions(item: WorkItem, rows: ReadonlyMap<string, DayRows>): string[] {
  const out: string[] = [];
  if (!rows.size) return out;
  for (const d of item.days) {
    const entry = rows.get(dayKey(item.user_id, d.date));
    if (!entry) continue;
    if (entry.snapshot) out.push(`s${d.date}:${entry.snapshot.version}`);
    for (const e of entry.events) out.push(`e${e.id}:${e.version}`);
  }
  // Plain string comparison is code-unit order, which for these ASCII keys is the byte
  // order the server sorts them in under collation "C".
  return [...new Set(out)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
