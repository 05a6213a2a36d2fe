/**
 * The pure step of applying in the same run as the pipeline: a session's preview told again
 * against the rows stored just before its transaction.
 */
import { type DayState, diffSession, previewTotals } from "./day_diff.ts";
import { sessionNotifications } from "./notifications.ts";
import type { SessionOutput } from "./schema/session_output.ts";

/**
 * The session's preview and notifications against `state`. The run previews a session when
 * its OCR ends; an earlier session of the same user may have been applied since, and the
 * apply must compare against what that one wrote, not see it as a change made behind it.
 */
export function repreview(out: SessionOutput, state: DayState): SessionOutput {
  if (out.status !== "ok") return out;
  const previews = diffSession(out.days, state, out.session.created_at);
  return {
    ...out,
    preview: { days: previews, totals: previewTotals(previews) },
    notifications: sessionNotifications(out.session.user_id, out.days, state.snapshots, previews),
  };
}
