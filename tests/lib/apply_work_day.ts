/** A work day as the apply tests build them: no shifts, previewed as an insert. */
import type { WorkDay } from "../../lib/apply_plan.ts";

export function workDay(
  date: string,
  hash: string,
  before: string | null = null,
  accepted: string[] = [hash],
): WorkDay {
  return {
    date,
    status: "work",
    shifts: [],
    events: [],
    content_hash: hash,
    snapshot_hash_before: before,
    accepted_hashes: accepted,
    preview: {
      date,
      action: "insert",
      snapshot_hash_before: before,
      content_hash_after: hash,
      events: { insert: 0, update: 0, delete: 0, unchanged: 0 },
    },
  };
}
