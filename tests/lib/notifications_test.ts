import assert from "node:assert/strict";
import { diffDay, type NewDay } from "../../lib/day_diff.ts";
import {
  changeNotifications,
  dayNotifications,
  sessionNotifications,
} from "../../lib/notifications.ts";
import { events, shift, stored } from "./day_preview_support.ts";

const D = "2026-01-12";
const CAPTURED = "2026-01-11T09:00:00+01:00";
const before: NewDay = {
  date: D,
  status: "work" as const,
  shifts: [shift(D, "07:00", "11:00", "Kassa"), shift(D, "13:00", "17:00", "Lager")],
};

function notify(after: NewDay, capturedAt = CAPTURED, storedAt = "2026-01-10T09:00:00Z") {
  const snap = stored(before, storedAt);
  const state = { snapshots: new Map([[D, snap]]), events: new Map([[D, events(before)]]) };
  return dayNotifications("42", after, snap, diffDay(after, state, capturedAt));
}

Deno.test("each shift change is one notification with its before and after", () => {
  const after = {
    ...before,
    shifts: [shift(D, "07:00", "12:00", "Kassa"), shift(D, "18:00", "20:00", "Kassa")],
  };
  const out = notify(after);
  assert.deepEqual(out.map((n) => n.kind), ["shift_changed", "shift_added", "shift_removed"]);
  const changed = out[0]!.payload as { before: { end: string }; after: { end: string } };
  assert.equal(changed.before.end, "11:00");
  assert.equal(changed.after.end, "12:00");
  assert.equal(out[1]!.payload.before, null);
  assert.equal((out[2]!.payload.before as { start: string }).start, "13:00");
  assert.equal(out[2]!.payload.after, null);
  assert.ok(
    out.every((n) => n.user_id === "42" && n.day === D && /^[0-9a-f]{64}$/.test(n.fingerprint)),
  );
  assert.equal(new Set(out.map((n) => n.fingerprint)).size, 3);
});

Deno.test("a status change is one day_status_changed notification carrying the shifts", () => {
  const out = notify({ date: D, status: "vacation", shifts: [] });
  assert.equal(out.length, 1);
  assert.equal(out[0]!.kind, "day_status_changed");
  assert.deepEqual(
    (out[0]!.payload.before as { status: string }).status,
    "work",
  );
  assert.deepEqual(out[0]!.payload.after, { status: "vacation", shifts: [] });
});

Deno.test("nothing is notified for an unchanged day, a first sighting or an older capture", () => {
  assert.deepEqual(notify(before), []);
  const moved = { ...before, shifts: [shift(D, "08:00", "11:00", "Kassa")] };
  assert.deepEqual(notify(moved, CAPTURED, "2026-01-12T00:00:00Z"), []);
  const fresh = diffDay(before, { snapshots: new Map(), events: new Map() }, CAPTURED);
  assert.deepEqual(dayNotifications("42", before, null, fresh), []);
  assert.deepEqual(sessionNotifications("42", [before], new Map(), [fresh]), []);
});

Deno.test("a change is told only against a stored day whose content differs", () => {
  const snap = stored(before, "2026-01-10T09:00:00Z");
  const off = { status: "off", shifts: [], content_hash: "other" };
  assert.deepEqual(changeNotifications("42", D, null, off), []);
  assert.deepEqual(
    changeNotifications("42", D, snap, { ...off, content_hash: snap.content_hash }),
    [],
  );
  assert.deepEqual(changeNotifications("42", D, snap, off).map((n) => n.kind), [
    "day_status_changed",
  ]);
});

Deno.test("the same change gives the same fingerprint", () => {
  const after = { ...before, shifts: [shift(D, "07:00", "11:00", "Kassa")] };
  assert.deepEqual(
    notify(after).map((n) => n.fingerprint),
    notify(after).map((n) => n.fingerprint),
  );
});
