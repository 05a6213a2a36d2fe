import assert from "node:assert/strict";
import {
  escapeHtml,
  hasPendingChanges,
  type PictureCandidate,
  planPictures,
  renderReviewPage,
  reviewPageHead,
  reviewPageTail,
  type ReviewPicture,
  reviewReason,
  type ReviewSession,
  reviewSessionPart,
} from "../../lib/review_page.ts";
import type { BackfillSummary, SessionOutput } from "../../lib/schema/session_output.ts";
import { failedSession, scheduledSession, unreadImage } from "../../lib/session_report.ts";
import { countSession, emptyCounts, summaryLine } from "../../lib/summary.ts";
import { events, shift, stored } from "./day_preview_support.ts";

const ctx = { timeZone: "Europe/Stockholm", defaultYear: null };
const HOSTILE = `<script>alert("x")</script>`;
const row = (id: string) => ({
  id,
  user_id: "8225717176",
  state: "done",
  created_at: "2026-01-13T08:45:07.181Z",
});
const read = (sequence: number, r2_key: string) => ({
  ...unreadImage({ sequence, r2_key }),
  local_path: `/imgs/${r2_key}`,
  resolution: "exact_path" as const,
  sha256: "ab".repeat(32),
  bytes: 1234,
  ocr: { status: "ok" as const, mean_confidence: 0.91, ms: 850, cache_hit: true, error: null },
});
const box = (top: number) => ({ left: 40, top, right: 600, bottom: top + 90 });
const picture = (width: number, height: number): ReviewPicture => ({
  ok: true,
  src: "data:image/jpeg;base64,AAAA",
  width,
  height,
});

/** Two screenshots; day 1 on the first, day 2 on the second with one shift on each image. */
function readSession(stateOf: "empty" | "same"): SessionOutput {
  const d1 = "2026-01-14", d2 = "2026-01-15";
  const s1 = { ...shift(d1, "07:00", "15:30", HOSTILE), regions: [{ image: 0, box: box(220) }] };
  const s2 = { ...shift(d2, "09:00", "17:00", "Kassa"), regions: [{ image: 1, box: box(120) }] };
  const days = [
    {
      date: d1,
      status: "work" as const,
      shifts: [s1],
      header_text: `Onsdag 14 januari <img src=x onerror=alert(1)>`,
      year_source: "weekday" as const,
      regions: [{ image: 0, box: box(180) }],
    },
    {
      date: d2,
      status: "work" as const,
      shifts: [s2],
      header_text: "Torsdag 15 januari",
      year_source: "weekday" as const,
      regions: [{ image: 1, box: box(80) }],
    },
  ];
  const snapshots = stateOf === "same"
    ? new Map(days.map((d) => [d.date, stored(d, "2026-01-10T08:00:00Z")]))
    : new Map();
  const stored_events = stateOf === "same"
    ? new Map(days.map((d) => [d.date, events(d)]))
    : new Map();
  // Listed out of order: the output sorts images by sequence.
  const images = [read(7, "captures/1/second.png"), read(2, `captures/1/${HOSTILE}.png`)];
  return scheduledSession(
    row(stateOf === "same" ? "11" : "10"),
    images,
    {
      status: "ok",
      reference_date: "2026-01-13",
      date_range: { first: d1, last: d2 },
      days,
      warnings: [],
    },
    { snapshots, events: stored_events },
    ctx,
  );
}

function failed(): SessionOutput {
  return failedSession(row("12"), [unreadImage({ sequence: 1, r2_key: HOSTILE })], {
    code: "image_missing",
    message: `Cannot resolve image "${HOSTILE}"`,
    details: { r2_key: `</pre>${HOSTILE}` },
  }, ctx);
}

function summaryOf(outs: SessionOutput[]): BackfillSummary {
  const counts = emptyCounts();
  for (const o of outs) countSession(counts, o);
  return {
    format: "backfill-summary/1",
    tool: { name: "schedule-backfill", version: "1.0.0", deno: "2.9.6" },
    engine: { ocr: "scribe", language: "sv" },
    options: { database_url: `postgres://r:***@db/${HOSTILE}`, local_root: "/imgs" },
    started_at: "2026-02-01T10:00:00Z",
    finished_at: "2026-02-01T10:01:00Z",
    partial: false,
    fatal_error: null,
    counts,
    sessions: outs.map((o) => summaryLine(o, `sessions/${o.session.id}.json`)),
  };
}

function page(): { html: string; sessions: ReviewSession[] } {
  const outs = [readSession("empty"), readSession("same"), failed()];
  const sessions = outs.map((output) => ({
    output,
    pictures: output.status === "failed"
      ? [{ ok: false as const, reason: `no local file for ${HOSTILE}` }]
      : [picture(1170, 2532), picture(1080, 1920)],
    file: `sessions/${output.session.id}.json`,
  }));
  return { html: renderReviewPage(summaryOf(outs), sessions), sessions };
}

const all = (html: string, re: RegExp) => [...html.matchAll(re)];

Deno.test("escapeHtml leaves no markup, quote or entity start unescaped", () => {
  assert.equal(
    escapeHtml(`<a href="x" title='y'>&amp;</a>`),
    "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;",
  );
  assert.equal(escapeHtml(42), "42");
});

Deno.test("text from keys, OCR, errors and options never becomes markup", () => {
  const { html } = page();
  assert.equal(all(html, /<script/g).length, 1, "only the page's own script");
  assert.ok(!html.includes("<img src=x"));
  assert.ok(!html.includes("onerror=alert(1)>"));
  assert.ok(html.includes("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"));
  assert.ok(html.includes("&lt;/pre&gt;&lt;script&gt;"), "error details are escaped too");
});

Deno.test("the page loads nothing: no address outside itself, a policy that forbids it", () => {
  const { html } = page();
  assert.match(html, /Content-Security-Policy" content="default-src 'none'; img-src data:/);
  assert.equal(all(html, /(src|href)="(https?:|\/\/)/g).length, 0);
  assert.ok(!/url\(|@import/.test(html));
  for (const m of all(html, /<img src="([^"]*)"/g)) {
    assert.match(m[1]!, /^data:image\/jpeg;base64,/);
  }
});

Deno.test("each shift and day region is one box on its own screenshot, in original pixels", () => {
  const { html } = page();
  const figures = all(html, /<figure class="shot" data-sequence="(\d+)">(.*?)<\/figure>/gs);
  // Sessions 10 and 11 show two screenshots in sequence order, session 12 one placeholder.
  assert.deepEqual(figures.map((f) => f[1]), ["2", "7", "2", "7", "1"]);
  const [first, second] = figures.map((f) => f[2]!);
  assert.match(first!, /viewBox="0 0 1170 2532"/);
  assert.match(second!, /viewBox="0 0 1080 1920"/);
  assert.deepEqual(
    all(
      first!,
      /<rect class="(day-box|shift-box)" data-ref="(\w+)" x="40" y="(\d+)" width="560" height="90">/g,
    )
      .map((m) => [m[1], m[2], m[3]]),
    [["day-box", "d0", "180"], ["shift-box", "d0s0", "220"]],
  );
  assert.deepEqual(
    all(second!, /<rect class="(day-box|shift-box)" data-ref="(\w+)" x="40" y="(\d+)"/g)
      .map((m) => [m[1], m[2], m[3]]),
    [["day-box", "d1", "80"], ["shift-box", "d1s0", "120"]],
  );
  const shiftRegions = page().sessions.flatMap((s) =>
    s.output.days.flatMap((d) => d.shifts.flatMap((x) => x.regions))
  );
  assert.equal(all(html, /class="shift-box"/g).length, shiftRegions.length);
});

Deno.test("a region on a screenshot without a picture is listed in the table, not drawn", () => {
  const { sessions } = page();
  const s = sessions[0]!;
  const part = reviewSessionPart({
    ...s,
    pictures: [picture(1170, 2532), { ok: false, reason: "cannot decode" }],
  });
  assert.equal(all(part, /<rect /g).length, 2);
  assert.match(part, /<div class="missing">cannot decode<\/div>/);
  assert.match(part, /<tr class="shift" data-ref="d1s0">/);
});

Deno.test("status, pending changes and the preview are on every session for the filter", () => {
  const { html, sessions } = page();
  const [fresh, same, bad] = sessions.map((s) => s.output);
  assert.equal(hasPendingChanges(fresh!), true);
  assert.equal(hasPendingChanges(same!), false);
  assert.equal(hasPendingChanges(bad!), false);
  assert.deepEqual(
    all(
      html,
      /<section class="session" id="session-(\d+)" data-status="(\w+)" data-pending="(\d)"/g,
    )
      .map((m) => [m[1], m[2], m[3]]),
    [["10", "ok", "1"], ["11", "ok", "0"], ["12", "failed", "0"]],
  );
  assert.equal(all(html, /<td class="insert">insert<\/td>/g).length, 2);
  assert.equal(all(html, /<td class="unchanged">unchanged<\/td>/g).length, 2);
  assert.match(html, /<code>image_missing<\/code>/);
  assert.match(html, /value="failed"> failed \(1\)/);
});

Deno.test("the page is its head, one part per session and its tail, so it can be streamed", () => {
  const outs = [readSession("empty"), failed()];
  const parts = outs.map((output) => ({ output, pictures: [], file: `${output.session.id}.json` }));
  const summary = summaryOf(outs);
  assert.equal(
    renderReviewPage(summary, parts),
    reviewPageHead(summary) + parts.map(reviewSessionPart).join("") + reviewPageTail(),
  );
  assert.match(reviewPageTail(), /<\/html>\n$/);
});

Deno.test("a session needs a look when it failed, would change, would be held back, shows no schedule or warns", () => {
  const fresh = readSession("empty");
  const same = readSession("same");
  assert.equal(reviewReason(failed()), "failed");
  assert.equal(reviewReason(fresh), "pending");
  assert.equal(reviewReason(same), null, "every day unchanged");
  assert.equal(reviewReason({ ...same, warnings: ["header read twice"] }), "warnings");
  assert.equal(
    reviewReason({ ...same, status: "no_schedule", days: [] }),
    "no_schedule",
    "a schedule missed whole shows only on its screenshot",
  );
  const doubtful = {
    ...same,
    days: same.days.map((d) => ({
      ...d,
      shifts: d.shifts.map((s) => ({ ...s, confidence: 0.4 })),
    })),
  };
  assert.equal(reviewReason(doubtful), "held_back", "below apply's default confidence");
  assert.equal(reviewReason(doubtful, 0.3), null, "above the confidence apply is given");
  const older = {
    ...same,
    preview: {
      ...same.preview,
      days: same.preview.days.map((d) => ({ ...d, action: "skipped_older" as const })),
    },
  };
  assert.equal(reviewReason(older), null, "days older than the stored ones change nothing");
});

const candidate = (id: string, reason: PictureCandidate["reason"], pictures: number) => ({
  id,
  reason,
  pictures,
});

Deno.test("review mode leaves out sessions without a reason; all and none take every or no one", () => {
  const list = [
    candidate("1", "pending", 2),
    candidate("2", null, 3),
    candidate("3", "warnings", 1),
  ];
  const review = planPictures(list, "review", 100);
  assert.deepEqual(review.choices, ["shown", "not_needed", "shown"]);
  assert.equal(review.shown, 3);
  assert.deepEqual(review.notNeeded, { sessions: 1, pictures: 3 });
  assert.equal(review.overCap.sessions, 0);
  assert.deepEqual(planPictures(list, "all", 100).choices, ["shown", "shown", "shown"]);
  const none = planPictures(list, "none", 100);
  assert.deepEqual(none.choices, ["off", "off", "off"]);
  assert.equal(none.shown, 0);
});

Deno.test("the cap goes to failed sessions first, then pending, and never to a less urgent one", () => {
  const list = [
    candidate("10", "warnings", 1),
    candidate("11", "pending", 2),
    candidate("12", "failed", 2),
    candidate("13", "pending", 3),
    candidate("14", "held_back", 1),
    candidate("15", "failed", 0),
  ];
  const plan = planPictures(list, "review", 5);
  // 12 (failed, 2) and 11 (pending, 2) fit; 13 (pending, 3) does not, so neither do 10 and 14
  // although a single picture would; 15 has no local file and costs nothing.
  assert.deepEqual(plan.choices, ["over_cap", "shown", "shown", "over_cap", "over_cap", "shown"]);
  assert.equal(plan.shown, 4);
  assert.deepEqual(plan.overCap, { sessions: 3, pictures: 5, ids: ["10", "13", "14"] });
  assert.deepEqual(planPictures(list, "review", 0).choices.filter((c) => c === "shown").length, 1);
});

Deno.test("a session without its screenshots lists them and says why; the head says how many", () => {
  const same = readSession("same");
  const fresh = readSession("empty");
  const plan = planPictures(
    [candidate("10", "pending", 2), candidate("11", null, 2)],
    "review",
    1,
  );
  assert.deepEqual(plan.choices, ["over_cap", "not_needed"]);
  const sessions: ReviewSession[] = [
    { output: fresh, pictures: [], file: "sessions/10.json", choice: "over_cap" },
    { output: same, pictures: [], file: "sessions/11.json", choice: "not_needed" },
  ];
  const html = renderReviewPage(summaryOf([fresh, same]), sessions, plan);
  assert.equal(all(html, /<img |<svg /g).length, 0);
  assert.deepEqual(
    all(html, /id="session-(\d+)" [^>]*data-pictures="(\w+)"/g).map((m) => [m[1], m[2]]),
    [["10", "over_cap"], ["11", "not_needed"]],
  );
  assert.match(html, /Screenshots left out: [^<]*Rerun with --session-id 10 to see them/);
  assert.match(html, /Screenshots not embedded: every day is unchanged or older than the stored/);
  // Each screenshot is still named, its key escaped.
  assert.equal(all(html, /<li>#2 captures\/1\/&lt;script&gt;/g).length, 2);
  assert.match(html, /2 screenshots of 1 session left out: the page holds at most 1 /);
  assert.match(html, /<code>--session-id 10<\/code>/);
  assert.match(
    html,
    /1 session that apply would not change [^<]* is listed without 2 screenshots;/,
  );
  assert.match(html, /<input type="checkbox" name="capped"> screenshots left out \(1\)/);
  // The table of days and the preview stay.
  assert.equal(all(html, /<table class="preview">/g).length, 2);

  const quiet = renderReviewPage(summaryOf([fresh]), [sessions[0]!], planPictures([], "review", 5));
  assert.ok(!quiet.includes('class="pictures-note"'), "nothing left out, nothing to say");
  assert.ok(!quiet.includes('name="capped"'));
});

Deno.test("a long list of sessions left out gives a bounded rerun line", () => {
  const list = Array.from({ length: 50 }, (_, i) => candidate(String(100 + i), "pending", 1));
  const plan = planPictures(list, "review", 10);
  const head = reviewPageHead(summaryOf([]), plan);
  assert.equal(all(head, /--session-id \d+/g).length, 20);
  assert.match(head, /--session-id 129 … \(20 more\)/);
  assert.match(head, /40 screenshots of 40 sessions left out: the page holds at most 10 /);
});
