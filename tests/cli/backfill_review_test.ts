/**
 * The review page of a real dry run, loaded in headless Chromium (Debian's `chromium`, or the
 * binary CHROMIUM names): what the browser holds after the page's script ran is checked
 * against the session files the run wrote.
 */
import assert from "node:assert/strict";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { writePaths } from "../../cli/backfill_grants.ts";
import { BACKFILL_HELP } from "../../cli/backfill_help.ts";
import { DEFAULT_REVIEW_MAX_IMAGES, parseBackfillFlags } from "../../lib/backfill_flags.ts";
import { openTestDatabase } from "../support/test_database.ts";
import {
  backfill,
  CORPUS,
  IMAGES,
  insertCaptures,
  readOutputs,
  tempDir,
} from "./backfill_support.ts";

const opts = { sanitizeOps: false, sanitizeResources: false };
const CHROMIUM = Deno.env.get("CHROMIUM") || "chromium";
const HOSTILE_KEY = "captures/8225717176/<script>alert(1)</script>.png";

/** Runs headless Chromium on a fresh profile; a missing browser fails the test, never skips it. */
async function chromium(args: string[]): Promise<string> {
  const profile = await mkdtemp(join(tmpdir(), "review_chromium_"));
  try {
    const out = await new Deno.Command(CHROMIUM, {
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
        `--user-data-dir=${profile}`,
        ...args,
      ],
      stdout: "piped",
      stderr: "piped",
      signal: AbortSignal.timeout(120_000),
    }).output().catch((err) => {
      throw new Error(`Cannot start ${CHROMIUM} (apt-get install chromium): ${err.message}`);
    });
    const stderr = new TextDecoder().decode(out.stderr);
    assert.equal(out.code, 0, `${CHROMIUM} exited ${out.code}: ${stderr.slice(-600)}`);
    return new TextDecoder().decode(out.stdout);
  } finally {
    await rm(profile, { recursive: true, force: true });
  }
}

const count = (text: string, re: RegExp) => [...text.matchAll(re)].length;

/**
 * Each session element as the browser left it: id, status, whether its screenshots are shown,
 * whether the filter hid it.
 */
function sessionsIn(dom: string) {
  return [...dom.matchAll(/<section class="session" id="session-(\d+)"([^>]*)>/g)].map((m) => ({
    id: m[1]!,
    status: /data-status="(\w+)"/.exec(m[2]!)?.[1],
    pictures: /data-pictures="(\w+)"/.exec(m[2]!)?.[1],
    hidden: /\shidden(="")?/.test(m[2]!),
  }));
}

Deno.test(
  "the review page of a real run draws every region, filters by status and escapes what it shows",
  opts,
  async () => {
    await using db = await openTestDatabase({ loadCorpus: CORPUS });
    await insertCaptures(db.adminUrl, db.schema, [{
      id: 9001,
      user_id: 8225717176,
      state: "done",
      created_at: "2026-02-01T09:00:00+01:00",
      keys: [HOSTILE_KEY],
    }]);
    const dir = await tempDir("backfill_review_");
    try {
      const report = join(dir, "out/report.json");
      // ok with two screenshots, no_schedule, a missing image, an ambiguous one, a hostile key
      const ids = ["2101", "2123", "2126", "2128", "9001"];
      const run = await backfill([
        "--local-root",
        IMAGES,
        "--output-file",
        report,
        "--output-dir",
        join(dir, "out/sessions"),
        "--cache-dir",
        join(dir, "cache"),
        ...ids.flatMap((id) => ["--session-id", id]),
      ], db.readerUrl);
      assert.equal(run.code, 1, run.stderr);
      const page = join(dir, "out/review.html");
      const { sessions } = await readOutputs(report, join(dir, "out/sessions"));
      const statuses = ids.map((id) => sessions.get(id)?.status);
      assert.deepEqual(statuses, ["ok", "no_schedule", "failed", "failed", "failed"]);
      const all = [...sessions.values()];
      const shiftRegions = all.flatMap((s) => s.days.flatMap((d) => d.shifts)).flatMap((s) =>
        s.regions
      );
      const dayRegions = all.flatMap((s) => s.days.flatMap((d) => d.regions));
      const pictures = all.flatMap((s) => s.images).filter((i) => i.local_path !== null);
      assert.ok(shiftRegions.length >= 5, `shift regions: ${shiftRegions.length}`);
      assert.equal(pictures.length, 4);

      const url = pathToFileURL(page).href;
      const dom = await chromium(["--dump-dom", url]);
      assert.equal(count(dom, /<rect class="shift-box"/g), shiftRegions.length);
      assert.equal(count(dom, /<rect class="day-box"/g), dayRegions.length);
      assert.equal(
        count(dom, /<img src="data:image\/jpeg;base64,/g),
        pictures.length,
      );
      assert.deepEqual(sessionsIn(dom).map((s) => [s.id, s.pictures, s.hidden]), [
        ["2101", "shown", false],
        // read no schedule: a schedule missed whole shows only on its screenshot
        ["2123", "shown", false],
        ["2126", "shown", false],
        ["2128", "shown", false],
        ["9001", "shown", false],
      ]);
      assert.match(dom, /<span id="shown">5 of 5 sessions shown<\/span>/);
      // The key with markup is shown as text: the page's own script stays the only one.
      assert.equal(count(dom, /<script/g), 1);
      assert.match(
        dom,
        /<code>image_missing<\/code> Cannot resolve image "captures\/8225717176\/&lt;script&gt;alert\(1\)&lt;\/script&gt;\.png"/,
      );
      assert.match(dom, /<code>image_ambiguous<\/code>[^<]*<pre class="details">[^<]*candidates/);

      const failed = sessionsIn(await chromium(["--dump-dom", `${url}#status=failed`]));
      assert.deepEqual(
        failed.filter((s) => !s.hidden).map((s) => s.id),
        ["2126", "2128", "9001"],
      );
      assert.ok(failed.every((s) => s.hidden === (s.status !== "failed")));
      const pending = await chromium(["--dump-dom", `${url}#pending=1`]);
      assert.deepEqual(sessionsIn(pending).filter((s) => !s.hidden).map((s) => s.id), ["2101"]);
      assert.match(pending, /<input type="checkbox" name="pending">/);
      assert.match(pending, /1 of 5 sessions shown/);

      const shot = join(dir, "review.png");
      await chromium(["--window-size=1280,900", `--screenshot=${shot}`, url]);
      const png = await Deno.readFile(shot);
      assert.deepEqual([...png.subarray(1, 4)], [0x50, 0x4e, 0x47]);
      assert.ok((await stat(shot)).size > 20_000, "a blank screenshot is a few kB");

      // Every session's screenshots, but at most two: failed 2126's one fits, 2101's two
      // (pending) do not, and so neither does 2123's one.
      const capped = await backfill([
        "--local-root",
        IMAGES,
        "--output-file",
        join(dir, "capped/report.json"),
        "--output-dir",
        join(dir, "capped/sessions"),
        "--cache-dir",
        join(dir, "cache"),
        "--review-images",
        "all",
        "--review-max-images",
        "2",
        ...ids.flatMap((id) => ["--session-id", id]),
      ], db.readerUrl);
      assert.equal(capped.code, 1, capped.stderr);
      const cappedUrl = pathToFileURL(join(dir, "capped/review.html")).href;
      const cappedDom = await chromium(["--dump-dom", cappedUrl]);
      assert.equal(count(cappedDom, /<img src="data:image\/jpeg;base64,/g), 1);
      assert.deepEqual(sessionsIn(cappedDom).map((s) => [s.id, s.pictures]), [
        ["2101", "over_cap"],
        ["2123", "over_cap"],
        ["2126", "shown"],
        ["2128", "shown"],
        ["9001", "shown"],
      ]);
      assert.match(
        cappedDom,
        /3 screenshots of 2 sessions left out: the page holds at most 2 [^]*<code>--session-id 2101 --session-id 2123<\/code>/,
      );
      assert.match(cappedDom, /Rerun with --session-id 2101 to see them/);
      const leftOut = sessionsIn(await chromium(["--dump-dom", `${cappedUrl}#capped=1`]));
      assert.deepEqual(leftOut.filter((s) => !s.hidden).map((s) => s.id), ["2101", "2123"]);

      const again = await backfill([
        "--local-root",
        IMAGES,
        "--output-file",
        join(dir, "quiet/report.json"),
        "--output-dir",
        join(dir, "quiet/sessions"),
        "--cache-dir",
        join(dir, "cache"),
        "--session-id",
        "2123",
        "--no-review",
      ], db.readerUrl);
      assert.equal(again.code, 0, again.stderr);
      await assert.rejects(stat(join(dir, "quiet/review.html")));
    } finally {
      await rm(dir, { recursive: true });
    }
  },
);

Deno.test("the entry may write review.html beside the summary, not the summary's folder", () => {
  const paths = (extra: string[]) => {
    const parsed = parseBackfillFlags(
      [
        "--database-url",
        "postgres://r@db/x",
        "--local-root",
        "i",
        "--output-file",
        "out/r.json",
        ...extra,
      ],
      () => undefined,
      "/w",
    );
    assert.ok(!parsed.help);
    return writePaths(parsed.options);
  };
  const granted = paths([]);
  assert.ok(granted.includes("/w/out/review.html"));
  assert.ok(granted.includes("/w/out/review.html.tmp"));
  assert.ok(!granted.includes("/w/out"));
  assert.deepEqual(paths(["--no-review"]).filter((p) => p.includes("review")), []);
  // How many screenshots the page holds changes nothing it may write.
  assert.deepEqual(paths(["--review-images", "all", "--review-max-images", "10"]), granted);
  assert.deepEqual(paths(["--review-images", "none"]), granted);
});

Deno.test("--review-images picks all, review or none and --review-max-images caps the page", () => {
  const parse = (extra: string[]) => {
    const parsed = parseBackfillFlags(
      ["--database-url", "postgres://r@db/x", "--local-root", "i", ...extra],
      () => undefined,
      "/w",
    );
    assert.ok(!parsed.help);
    return [parsed.options.reviewImages, parsed.options.reviewMaxImages];
  };
  assert.deepEqual(parse([]), ["review", DEFAULT_REVIEW_MAX_IMAGES]);
  assert.deepEqual(parse(["--review-images=all", "--review-max-images", "0"]), ["all", 0]);
  assert.deepEqual(parse(["--review-images", "none"]), ["none", DEFAULT_REVIEW_MAX_IMAGES]);
  assert.throws(() => parse(["--review-images", "some"]), /Invalid --review-images "some"/);
  assert.throws(() => parse(["--review-max-images=-1"]), /Invalid --review-max-images/);
  assert.throws(() => parse(["--review-max-images", "lots"]), /Invalid --review-max-images/);
  assert.match(
    BACKFILL_HELP,
    /--review-images MODE +Whose screenshots the page embeds \(all, review, none; default:\s+review\)/,
  );
  assert.match(BACKFILL_HELP, /--review-max-images N /);
});
