/**
 * The review page an operator reads before apply: one self-contained HTML file (inline style
 * and script, pictures as data URIs, nothing fetched) listing every session of a dry run with
 * its screenshots, the day and shift regions read from them, the extracted days, what apply
 * would change and any error. Everything that came from a file, the database or OCR is
 * escaped. The page is built from a head, one part per session and a tail, so a run of
 * thousands of sessions can be written out one session at a time.
 */
import { DEFAULT_MIN_CONFIDENCE } from "./apply_plan.ts";
import type { ReviewImagesMode } from "./backfill_flags.ts";
import type { Box } from "./schema/ocr_page.ts";
import type { Region } from "./schema/schedule.ts";
import type { BackfillSummary, SessionOutput } from "./schema/session_output.ts";

/** A screenshot as the page shows it, or why it cannot. */
export type ReviewPicture =
  | {
    ok: true;
    /** a data: URI of the downscaled picture */
    src: string;
    /** the original file's size: region boxes are in its pixels */
    width: number;
    height: number;
  }
  | { ok: false; reason: string };

/**
 * Whether a session's screenshots are on the page: `shown`, or left out because apply would
 * change nothing for it (`not_needed`), the page already holds as many as it may (`over_cap`),
 * or screenshots were turned off (`off`).
 */
export type PictureChoice = "shown" | "not_needed" | "over_cap" | "off";

export interface ReviewSession {
  output: SessionOutput;
  /** one per `output.images` entry (sequence order); empty unless `choice` is shown */
  pictures: readonly ReviewPicture[];
  /** the session's JSON file as a link relative to the page */
  file: string;
  /** shown when absent */
  choice?: PictureChoice;
}

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** Text safe in element content and quoted attribute values. */
export function escapeHtml(text: unknown): string {
  return String(text).replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

const PENDING_DAY_ACTIONS = new Set(["insert", "update", "delete"]);

/** Apply would change something for this session: a day, an event or a notification. */
export function hasPendingChanges(out: SessionOutput): boolean {
  const e = out.preview.totals.events;
  return out.preview.days.some((d) => PENDING_DAY_ACTIONS.has(d.action)) ||
    e.insert + e.update + e.delete > 0 || out.notifications.length > 0;
}

/** Why an operator should look at a session, most urgent first. */
export type ReviewReason = "failed" | "pending" | "held_back" | "no_schedule" | "warnings";
const REASON_RANK: Record<ReviewReason, number> = {
  failed: 0,
  pending: 1,
  held_back: 2,
  no_schedule: 2,
  warnings: 2,
};

/**
 * What makes a session worth its screenshots: it failed, apply would change something, apply
 * would hold it back (a shift read below the confidence apply requires by default, or apply
 * already did), no schedule was found on it (a schedule the reading missed whole shows only on
 * its screenshot), or reading it raised warnings. Null when every day is unchanged or older than
 * the stored one and nothing else calls for a look.
 */
export function reviewReason(
  out: SessionOutput,
  minConfidence = DEFAULT_MIN_CONFIDENCE,
): ReviewReason | null {
  const applied = out.apply?.status;
  if (out.status === "failed" || applied === "failed") return "failed";
  if (hasPendingChanges(out)) return "pending";
  const doubtful = out.status === "ok" &&
    out.days.some((d) => d.shifts.some((s) => s.confidence < minConfidence));
  if (doubtful || applied === "needs_review" || applied === "conflict") return "held_back";
  if (out.status === "no_schedule") return "no_schedule";
  if (out.warnings.length) return "warnings";
  return null;
}

/** What the picture plan needs of a session: why to look at it, how many files it shows. */
export interface PictureCandidate {
  reason: ReviewReason | null;
  /** its images that have a local file (the others cost the page nothing) */
  pictures: number;
}

/** A session's part in the picture plan. */
export function pictureCandidate(out: SessionOutput): PictureCandidate {
  return {
    reason: reviewReason(out),
    pictures: out.images.filter((i) => i.local_path !== null).length,
  };
}

export interface PicturePlan {
  /** one per candidate, in their order */
  choices: PictureChoice[];
  mode: ReviewImagesMode;
  max: number;
  /** pictures the page embeds */
  shown: number;
  notNeeded: { sessions: number; pictures: number };
  overCap: { sessions: number; pictures: number; ids: string[] };
}

/**
 * Which sessions get their screenshots. `review` leaves out those without a reason to look;
 * `all` takes every one; `none` takes none. Within the cap, failed sessions come first, then
 * those with pending changes, then the rest, each group in page order; once a session's
 * pictures do not fit, no later one gets any, so a less urgent session never takes the place of
 * a more urgent one. A session whose images have no local file costs nothing and is shown.
 */
export function planPictures(
  candidates: readonly (PictureCandidate & { id: string })[],
  mode: ReviewImagesMode,
  max: number,
): PicturePlan {
  const choices: PictureChoice[] = candidates.map((c) =>
    mode === "none" ? "off" : mode === "review" && c.reason === null ? "not_needed" : "shown"
  );
  const rank = (c: PictureCandidate) => c.reason === null ? 3 : REASON_RANK[c.reason];
  const order = candidates.map((_, i) => i).filter((i) => choices[i] === "shown")
    .sort((a, b) => rank(candidates[a]!) - rank(candidates[b]!) || a - b);
  let left = max;
  let full = false;
  for (const i of order) {
    const n = candidates[i]!.pictures;
    if (n === 0) continue;
    if (!full && n <= left) left -= n;
    else {
      full = true;
      choices[i] = "over_cap";
    }
  }
  const sum = (choice: PictureChoice) => {
    const picked = candidates.filter((_, i) => choices[i] === choice);
    return { sessions: picked.length, pictures: picked.reduce((n, c) => n + c.pictures, 0) };
  };
  return {
    choices,
    mode,
    max,
    shown: max - left,
    notNeeded: sum("not_needed"),
    overCap: {
      ...sum("over_cap"),
      ids: candidates.filter((_, i) => choices[i] === "over_cap").map((c) => c.id),
    },
  };
}

const STYLE = `
:root { font: 14px/1.4 system-ui, sans-serif; color: #1d2329; background: #f3f4f6; }
body { margin: 0; }
header.run { background: #1f2d3d; color: #fff; padding: 12px 20px; }
header.run h1 { font-size: 18px; margin: 0 0 4px; }
header.run .meta { opacity: .85; font-size: 12px; }
.fatal { background: #8b1a1a; color: #fff; padding: 8px 20px; }
nav.filters { position: sticky; top: 0; z-index: 5; background: #fff; border-bottom: 1px solid #d0d5db;
  padding: 8px 20px; display: flex; gap: 14px; align-items: center; flex-wrap: wrap; }
nav.filters form { display: flex; gap: 12px; align-items: center; flex-wrap: wrap; }
nav.filters label { cursor: pointer; }
#shown { margin-left: auto; color: #555; }
main { padding: 12px 20px; }
section.session { background: #fff; border: 1px solid #d0d5db; border-radius: 6px; margin: 0 0 14px; }
section.session > h2 { font-size: 15px; margin: 0; padding: 8px 12px; border-bottom: 1px solid #e3e6ea;
  display: flex; gap: 10px; align-items: baseline; flex-wrap: wrap; }
section.session > h2 .sub { font-weight: normal; color: #555; font-size: 12px; }
.badge { border-radius: 10px; padding: 1px 8px; font-size: 12px; font-weight: 600; }
.badge.ok { background: #d8f3dc; color: #1b5e20; }
.badge.no_schedule { background: #e8eaed; color: #444; }
.badge.failed { background: #fde0e0; color: #8b1a1a; }
.badge.pending { background: #fff1c2; color: #6b4e00; }
.content { display: flex; gap: 16px; padding: 10px 12px; align-items: flex-start; flex-wrap: wrap; }
.shots { display: flex; gap: 10px; flex-wrap: wrap; }
figure.shot { margin: 0; width: 240px; }
.frame { position: relative; width: 100%; background: #eee; border: 1px solid #ccc; }
.frame img, .frame svg { position: absolute; inset: 0; width: 100%; height: 100%; display: block; }
.frame svg rect { fill: none; vector-effect: non-scaling-stroke; stroke-width: 2; }
.frame svg rect.day-box { stroke: #1565c0; fill: rgba(21, 101, 192, .06); }
.frame svg rect.shift-box { stroke: #e65100; fill: rgba(230, 81, 0, .12); }
.frame svg rect.hl { stroke-width: 4; fill: rgba(255, 214, 0, .35); }
.missing { padding: 20px 8px; color: #8b1a1a; font-size: 12px; word-break: break-all;
  border: 1px dashed #d9a0a0; background: #fff5f5; }
figcaption { font-size: 11px; color: #555; word-break: break-all; margin-top: 3px; }
.tables { flex: 1; min-width: 380px; }
.tables h3 { font-size: 13px; margin: 8px 0 4px; }
table { border-collapse: collapse; font-size: 12px; width: 100%; }
th, td { border: 1px solid #e3e6ea; padding: 2px 6px; text-align: left; vertical-align: top; }
th { background: #f6f7f9; }
tr.hl td { background: #fff6c2; }
td.insert, td.update, td.delete { font-weight: 600; color: #6b4e00; }
.error { margin: 10px 12px 0; padding: 8px 10px; background: #fde0e0; border-radius: 4px; }
.error code { font-weight: 700; }
.error pre, .warnings { white-space: pre-wrap; word-break: break-all; font-size: 12px; margin: 4px 0 0; }
.pictures-note { background: #fff8e1; border-bottom: 1px solid #e6d9a8; padding: 6px 20px; font-size: 13px; }
.pictures-note p { margin: 2px 0; }
.pictures-note code, .no-shots code { font-size: 12px; word-break: break-all; }
.no-shots { max-width: 360px; font-size: 12px; color: #555; }
.no-shots p { margin: 0 0 4px; }
.no-shots ul { margin: 0; padding-left: 16px; word-break: break-all; }
.legend span { display: inline-block; width: 10px; height: 10px; border: 2px solid; margin: 0 3px 0 8px; }
`;

/**
 * Reads the filter from the address (#status=failed&pending=1&capped=1&q=2101) on load, keeps the
 * address in step with the controls so a filtered view can be shared, and highlights a
 * region when its table row is hovered and the other way round.
 */
const SCRIPT = `
(() => {
  const form = document.getElementById("filters");
  const sessions = [...document.querySelectorAll("section.session")];
  const shown = document.getElementById("shown");
  function read() {
    const p = new URLSearchParams(location.hash.slice(1));
    const status = p.get("status") || "all";
    const radio = form.querySelector('input[name="status"][value="' + CSS.escape(status) + '"]');
    (radio || form.querySelector('input[name="status"][value="all"]')).checked = true;
    form.elements.pending.checked = p.get("pending") === "1";
    if (form.elements.capped) form.elements.capped.checked = p.get("capped") === "1";
    form.elements.q.value = p.get("q") || "";
  }
  function apply(write) {
    const status = form.querySelector('input[name="status"]:checked').value;
    const pending = form.elements.pending.checked;
    const capped = Boolean(form.elements.capped && form.elements.capped.checked);
    const q = form.elements.q.value.trim().toLowerCase();
    let visible = 0;
    for (const s of sessions) {
      const hide = (status !== "all" && s.dataset.status !== status) ||
        (pending && s.dataset.pending !== "1") ||
        (capped && s.dataset.pictures !== "over_cap") ||
        (q !== "" && !s.dataset.search.includes(q));
      s.hidden = hide;
      if (!hide) visible++;
    }
    shown.textContent = visible + " of " + sessions.length + " sessions shown";
    document.body.dataset.visible = String(visible);
    if (write) {
      const p = new URLSearchParams();
      if (status !== "all") p.set("status", status);
      if (pending) p.set("pending", "1");
      if (capped) p.set("capped", "1");
      if (q) p.set("q", q);
      const hash = p.toString();
      history.replaceState(null, "", hash ? "#" + hash : location.pathname);
    }
  }
  form.addEventListener("input", () => apply(true));
  form.addEventListener("submit", (e) => e.preventDefault());
  addEventListener("hashchange", () => { read(); apply(false); });
  function mark(e, on) {
    const el = e.target.closest && e.target.closest("[data-ref]");
    if (!el) return;
    const scope = el.closest("section.session");
    for (const m of scope.querySelectorAll('[data-ref="' + el.dataset.ref + '"]')) {
      m.classList.toggle("hl", on);
    }
  }
  document.addEventListener("mouseover", (e) => mark(e, true));
  document.addEventListener("mouseout", (e) => mark(e, false));
  read();
  apply(false);
})();
`;

function count(summary: BackfillSummary, status: string): number {
  return summary.counts.by_status[status as keyof typeof summary.counts.by_status] ?? 0;
}

const number = (n: number) => n.toLocaleString("en-US");
const counted = (n: number, word: string) => `${number(n)} ${word}${n === 1 ? "" : "s"}`;
/** Enough ids to copy into a rerun without the note growing with the run. */
const RERUN_IDS = 20;

/** What the page left out and how to see it; empty when every screenshot is on it. */
function picturesNote(plan: PicturePlan | undefined): string {
  if (!plan) return "";
  const lines: string[] = [];
  if (plan.mode === "none") {
    lines.push("Screenshots are turned off (<code>--review-images none</code>).");
  }
  const quiet = plan.notNeeded;
  if (quiet.sessions) {
    lines.push(
      `${
        counted(quiet.sessions, "session")
      } that apply would not change (every day unchanged or older than the stored one, nothing held back, no warnings) ${
        quiet.sessions === 1 ? "is" : "are"
      } listed without ${
        counted(quiet.pictures, "screenshot")
      }; <code>--review-images all</code> embeds them.`,
    );
  }
  const over = plan.overCap;
  if (over.sessions) {
    const ids = over.ids.slice(0, RERUN_IDS).map((id) => `--session-id ${escapeHtml(id)}`);
    const more = over.ids.length > RERUN_IDS
      ? ` … (${number(over.ids.length - RERUN_IDS)} more)`
      : "";
    lines.push(
      `${counted(over.pictures, "screenshot")} of ${
        counted(over.sessions, "session")
      } left out: the page holds at most ${
        number(plan.max)
      } (<code>--review-max-images</code>), failed sessions first, then those with pending changes. The filter <a href="#capped=1">screenshots left out</a> lists them; to see their screenshots, rerun the dry run for them (<code>${
        ids.join(" ")
      }${more}</code>) or with a higher <code>--review-max-images</code>.`,
    );
  }
  if (!lines.length) return "";
  return `<div class="pictures-note">${lines.map((l) => `<p>${l}</p>`).join("")}</div>\n`;
}

/**
 * Everything before the first session: the run, its fatal error, what the page left out and
 * the filter bar.
 */
export function reviewPageHead(summary: BackfillSummary, plan?: PicturePlan): string {
  const o = summary.options;
  const radio = (value: string, label: string) =>
    `<label><input type="radio" name="status" value="${value}"${
      value === "all" ? " checked" : ""
    }> ${label}</label>`;
  const fatal = summary.fatal_error
    ? `<div class="fatal">Run stopped: <code>${escapeHtml(summary.fatal_error.code)}</code> ${
      escapeHtml(summary.fatal_error.message)
    }</div>`
    : "";
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<title>Backfill review: ${summary.counts.sessions} sessions</title>
<style>${STYLE}</style>
</head>
<body>
<header class="run">
<h1>Backfill review${summary.partial ? " (partial run)" : ""}</h1>
<div class="meta">${escapeHtml(summary.started_at)} to ${escapeHtml(summary.finished_at)} · ${
    escapeHtml(summary.tool.name)
  } ${escapeHtml(summary.tool.version)} · OCR ${escapeHtml(summary.engine.ocr ?? "not run")} (${
    escapeHtml(summary.engine.language)
  }) · database ${escapeHtml(o.database_url ?? "")} · images ${escapeHtml(o.local_root ?? "")}</div>
<div class="meta">${summary.counts.sessions} sessions: ok ${count(summary, "ok")}, no_schedule ${
    count(summary, "no_schedule")
  }, failed ${count(summary, "failed")} · ${summary.counts.images} images</div>
</header>
${fatal}
${picturesNote(plan)}<nav class="filters"><form id="filters">
${radio("all", "all")} ${radio("ok", `ok (${count(summary, "ok")})`)} ${
    radio("no_schedule", `no_schedule (${count(summary, "no_schedule")})`)
  } ${radio("failed", `failed (${count(summary, "failed")})`)}
<label><input type="checkbox" name="pending"> has pending changes</label>${
    plan?.overCap.sessions
      ? `\n<label><input type="checkbox" name="capped"> screenshots left out (${
        number(plan.overCap.sessions)
      })</label>`
      : ""
  }
<label>session or user id <input type="search" name="q" size="14"></label>
</form>
<span class="legend"><span style="border-color:#1565c0"></span>day<span style="border-color:#e65100"></span>shift</span>
<span id="shown"></span></nav>
<main>
`;
}

function rect(box: Box, cls: string, ref: string, title: string): string {
  const [x, y] = [Number(box.left), Number(box.top)];
  const w = Math.max(0, Number(box.right) - x);
  const h = Math.max(0, Number(box.bottom) - y);
  return `<rect class="${cls}" data-ref="${ref}" x="${x}" y="${y}" width="${w}" height="${h}"><title>${
    escapeHtml(title)
  }</title></rect>`;
}

interface Overlay {
  region: Region;
  cls: "day-box" | "shift-box";
  ref: string;
  title: string;
}

function overlays(out: SessionOutput): Overlay[] {
  const list: Overlay[] = [];
  out.days.forEach((day, d) => {
    for (const region of day.regions) {
      list.push({
        region,
        cls: "day-box",
        ref: `d${d}`,
        title: `${day.date} ${day.status}: ${day.header_text}`,
      });
    }
    day.shifts.forEach((shift, s) => {
      for (const region of shift.regions) {
        list.push({
          region,
          cls: "shift-box",
          ref: `d${d}s${s}`,
          title: `${day.date} ${shift.start}-${shift.end}${shift.label ? ` ${shift.label}` : ""}`,
        });
      }
    });
  });
  return list;
}

function shot(out: SessionOutput, index: number, picture: ReviewPicture | undefined): string {
  const image = out.images[index]!;
  const ocr = image.ocr.status === "ok" && image.ocr.mean_confidence !== null
    ? ` · OCR ${percent(image.ocr.mean_confidence)}`
    : ` · OCR ${escapeHtml(image.ocr.status)}`;
  const seq = escapeHtml(image.sequence);
  const caption = `<figcaption>#${seq} ${escapeHtml(image.r2_key)}${
    image.resolution ? ` (${escapeHtml(image.resolution)})` : ""
  }${ocr}</figcaption>`;
  if (!picture?.ok) {
    const reason = picture?.reason ?? "no picture";
    return `<figure class="shot" data-sequence="${seq}"><div class="missing">${
      escapeHtml(reason)
    }</div>${caption}</figure>`;
  }
  const boxes = overlays(out).filter((o) => o.region.image === index)
    .map((o) => rect(o.region.box, o.cls, o.ref, o.title)).join("");
  const [w, h] = [Number(picture.width), Number(picture.height)];
  return `<figure class="shot" data-sequence="${seq}"><div class="frame" style="aspect-ratio: ${w} / ${h}"><img src="${
    escapeHtml(picture.src)
  }" alt="screenshot ${seq}"><svg viewBox="0 0 ${w} ${h}" preserveAspectRatio="none">${boxes}</svg></div>${caption}</figure>`;
}

function daysTable(out: SessionOutput): string {
  if (!out.days.length) return "";
  const rows = out.days.map((day, d) => {
    const first = `<td data-ref="d${d}">${escapeHtml(day.date)}</td><td>${
      escapeHtml(day.status)
    }</td><td>${escapeHtml(day.header_text)}</td><td>${escapeHtml(day.year_source)}</td>`;
    if (!day.shifts.length) return `<tr class="day">${first}<td colspan="5"></td></tr>`;
    return day.shifts.map((s, i) =>
      `<tr class="shift" data-ref="d${d}s${i}">${i === 0 ? first : `<td colspan="4"></td>`}<td>${
        escapeHtml(s.start)
      }–${escapeHtml(s.end)}${s.ends_next_day ? " (+1)" : ""}</td><td>${
        escapeHtml(s.label ?? "")
      }</td><td>${escapeHtml(s.location ?? "")}</td><td>${
        s.break_minutes === null ? "" : `${escapeHtml(s.break_minutes)} min`
      }</td><td>${percent(s.confidence)}</td></tr>`
    ).join("");
  }).join("\n");
  return `<h3>Days read</h3><table class="days"><thead><tr><th>date</th><th>status</th><th>header</th><th>year from</th><th>shift</th><th>label</th><th>location</th><th>break</th><th>conf.</th></tr></thead><tbody>
${rows}</tbody></table>`;
}

function previewTable(out: SessionOutput): string {
  if (!out.preview.days.length) return "";
  const rows = out.preview.days.map((p) =>
    `<tr><td>${escapeHtml(p.date)}</td><td class="${escapeHtml(p.action)}">${
      escapeHtml(p.action)
    }</td>${
      [p.events.insert, p.events.update, p.events.delete, p.events.unchanged]
        .map((n) => `<td>${escapeHtml(n)}</td>`).join("")
    }<td>${escapeHtml(p.snapshot_hash_before?.slice(0, 12) ?? "")}</td></tr>`
  ).join("\n");
  const notes = out.notifications.length
    ? `<p>Notifications apply would create: ${
      out.notifications.map((n) => `${escapeHtml(n.day)} ${escapeHtml(n.kind)}`).join(", ")
    }</p>`
    : "";
  return `<h3>Pending changes versus the database</h3><table class="preview"><thead><tr><th>date</th><th>action</th><th>events +</th><th>events ~</th><th>events −</th><th>events =</th><th>stored snapshot</th></tr></thead><tbody>
${rows}</tbody></table>${notes}`;
}

function errorBlock(out: SessionOutput): string {
  const errors = [
    ...(out.error ? [out.error] : []),
    // An image's own error, when it differs from the one the session failed with.
    ...out.images.flatMap((i) => i.ocr.error ? [i.ocr.error] : []).filter((e) =>
      !out.error || e.code !== out.error.code || e.message !== out.error.message
    ),
  ];
  return errors.map((e) =>
    `<div class="error"><code>${escapeHtml(e.code)}</code> ${escapeHtml(e.message)}${
      e.details === null || e.details === undefined
        ? ""
        : `<pre class="details">${escapeHtml(JSON.stringify(e.details, null, 2))}</pre>`
    }</div>`
  ).join("\n");
}

function percent(x: number): string {
  return `${escapeHtml((Number(x) * 100).toFixed(0))}%`;
}

/** A relative path stays a path even when it holds a colon ("a:b.json" is not a scheme). */
function fileHref(file: string): string {
  return encodeURI(file.startsWith("/") ? file : `./${file}`);
}

function omittedNote(out: SessionOutput, choice: Exclude<PictureChoice, "shown">): string {
  if (choice === "off") return "Screenshots are turned off (--review-images none).";
  if (choice === "over_cap") {
    return `Screenshots left out: the page already holds as many as --review-max-images allows. Rerun with --session-id ${out.session.id} to see them.`;
  }
  return "Screenshots not embedded: every day is unchanged or older than the stored one, so apply would change nothing here. --review-images all embeds them.";
}

/** The screenshots with their regions, or which they are and why they are not shown. */
function shots(s: ReviewSession): string {
  const out = s.output;
  const choice = s.choice ?? "shown";
  if (choice === "shown") {
    return `<div class="shots">${
      out.images.map((_, i) => shot(out, i, s.pictures[i])).join("\n")
    }</div>`;
  }
  const items = out.images.map((image) =>
    `<li>#${escapeHtml(image.sequence)} ${escapeHtml(image.r2_key)}${
      image.resolution ? ` (${escapeHtml(image.resolution)})` : ""
    }</li>`
  ).join("");
  return `<div class="no-shots"><p class="note">${escapeHtml(omittedNote(out, choice))}</p>${
    items ? `<ul>${items}</ul>` : ""
  }</div>`;
}

/** One session: its heading, error, screenshots with regions, days and preview. */
export function reviewSessionPart(s: ReviewSession): string {
  const out = s.output;
  const pending = hasPendingChanges(out);
  const t = out.preview.totals;
  const shifts = out.days.reduce((n, d) => n + d.shifts.length, 0);
  const warnings = out.warnings.length
    ? `<h3>Warnings</h3><div class="warnings">${out.warnings.map(escapeHtml).join("\n")}</div>`
    : "";
  const search = `${out.session.id} ${out.session.user_id}`;
  return `<section class="session" id="session-${escapeHtml(out.session.id)}" data-status="${
    escapeHtml(out.status)
  }" data-pending="${pending ? 1 : 0}" data-pictures="${s.choice ?? "shown"}" data-search="${
    escapeHtml(search)
  }">
<h2>Session ${escapeHtml(out.session.id)} <span class="badge ${escapeHtml(out.status)}">${
    escapeHtml(out.status)
  }</span>${pending ? ` <span class="badge pending">pending changes</span>` : ""}
<span class="sub">user ${escapeHtml(out.session.user_id)} · ${
    escapeHtml(out.session.state)
  } · captured ${
    escapeHtml(out.session.created_at)
  } · ${out.images.length} images · ${out.days.length} days, ${shifts} shifts · days ${
    escapeHtml(
      `+${t.days.insert} ~${t.days.update} −${t.days.delete} =${t.days.unchanged} older ${t.days.skipped_older}`,
    )
  } · <a href="${escapeHtml(fileHref(s.file))}">JSON</a></span></h2>
${errorBlock(out)}
<div class="content">
${shots(s)}
<div class="tables">${daysTable(out)}${previewTable(out)}${warnings}</div>
</div>
</section>
`;
}

export function reviewPageTail(): string {
  return `</main>
<script>${SCRIPT}</script>
</body>
</html>
`;
}

/** The whole page at once (tests and small runs; the adapter writes it part by part). */
export function renderReviewPage(
  summary: BackfillSummary,
  sessions: readonly ReviewSession[],
  plan?: PicturePlan,
): string {
  return reviewPageHead(summary, plan) + sessions.map(reviewSessionPart).join("") +
    reviewPageTail();
}
