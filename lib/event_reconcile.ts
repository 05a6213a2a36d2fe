/**
 * Makes a day's stored `schedule_event` rows equal to a new list of shifts with the fewest
 * writes. Rows are matched by their natural key, the start instant (the table is unique on
 * user, day and `starts_at`), so an update never moves a row onto another row's key.
 */

/** The fields of an event as apply writes them; instants are ISO strings with an offset. */
export interface EventFields {
  starts_at: string;
  ends_at: string;
  label: string | null;
  location: string | null;
  break_minutes: number | null;
}

/** A stored event row; `id` is a bigint as text. */
export interface StoredEvent extends EventFields {
  id: string;
}

export interface EventPlan {
  insert: EventFields[];
  update: (EventFields & { id: string })[];
  delete: string[];
  keep: string[];
}

/** The event fields of a canonical shift. */
export function shiftEvent(shift: EventFields): EventFields {
  return {
    starts_at: shift.starts_at,
    ends_at: shift.ends_at,
    label: shift.label,
    location: shift.location,
    break_minutes: shift.break_minutes,
  };
}

function instant(iso: string): number {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new Error(`Invalid instant "${iso}"`);
  return ms;
}

function sameFields(a: EventFields, b: EventFields): boolean {
  return instant(a.ends_at) === instant(b.ends_at) && a.label === b.label &&
    a.location === b.location && a.break_minutes === b.break_minutes;
}

/**
 * Returns a message when two shifts of one day start at the same instant: such a day cannot
 * be stored under the table's unique key and is reported instead of written.
 */
export function duplicateStart(shifts: readonly EventFields[]): string | null {
  const seen = new Set<number>();
  for (const s of shifts) {
    const t = instant(s.starts_at);
    if (seen.has(t)) return `Two shifts start at "${s.starts_at}"`;
    seen.add(t);
  }
  return null;
}

/** Stored rows of one day plus its new shifts -> rows to insert, update, delete and keep. */
export function reconcileEvents(
  stored: readonly StoredEvent[],
  desired: readonly EventFields[],
): EventPlan {
  // A day with nothing stored, as most are on a first apply, only inserts.
  if (!stored.length) return { insert: desired.map(shiftEvent), update: [], delete: [], keep: [] };
  const byStart = new Map<number, StoredEvent[]>();
  for (const row of stored) {
    const key = instant(row.starts_at);
    byStart.set(key, [...(byStart.get(key) ?? []), row]);
  }
  const plan: EventPlan = { insert: [], update: [], delete: [], keep: [] };
  for (const want of desired) {
    const candidates = byStart.get(instant(want.starts_at));
    const row = candidates?.shift();
    if (!row) plan.insert.push(shiftEvent(want));
    else if (sameFields(row, want)) plan.keep.push(row.id);
    else plan.update.push({ id: row.id, ...shiftEvent(want) });
  }
  for (const rest of byStart.values()) plan.delete.push(...rest.map((r) => r.id));
  return plan;
}
