import assert from "node:assert/strict";
import { join } from "node:path";
import { openOcrEngine, resolveOcrLanguage } from "../../ocr/mod.ts";
import type { OcrPage } from "../../lib/schema/mod.ts";

const IMAGES = new URL("../../fixtures/corpus/dev/images/captures/", import.meta.url).pathname;
// Light agenda list (1170x2532) and a dark compact list (1170x2532).
const LIGHT = join(IMAGES, "8225717176/2026/01/ab9331c7-5a1c-41de-a206-e3eeeff35443.png");
const DARK = join(IMAGES, "5920137741/2026/02/5858423f-4787-429c-93f4-f9b6578b8df3.png");
// An agenda list whose break lines ("Rast 30 min") are printed in light grey.
const FAINT = join(IMAGES, "8225717176/2026/03/e1a3f5d6-120b-4071-8085-16543b7e53ae.jpg");

const words = (page: OcrPage) => page.lines.flatMap((l) => l.words);
const find = (page: OcrPage, text: string) => words(page).find((w) => w.text === text);

Deno.test("recognises times, Swedish day and month names and status words on light and dark screens", async () => {
  const cacheDir = await Deno.makeTempDir();
  await using engine = await openOcrEngine({ concurrency: 2, cacheDir });
  const [light, dark] = await Promise.all([engine.recognize(LIGHT), engine.recognize(DARK)]);
  assert.ok(light.ok && dark.ok);
  for (const token of ["Måndag", "januari", "06:00", "14:30", "Kassa", "Onsdag"]) {
    assert.ok(find(light.page, token), `light page lacks "${token}"`);
  }
  for (const token of ["Lör", "Sön", "feb", "mars", "Ledig", "Truck"]) {
    assert.ok(find(dark.page, token), `dark page lacks "${token}"`);
  }
  assert.equal(light.page.width, 1170);
  assert.equal(light.page.height, 2532);
  // The first day header sits near the top left, under the title; its shift card below it.
  const header = find(light.page, "Måndag")!;
  assert.ok(header.box.left < 200 && header.box.top > 250 && header.box.bottom < 450);
  const time = find(light.page, "06:00")!;
  assert.ok(time.box.top > header.box.bottom && time.box.top < header.box.bottom + 200);
  assert.ok(light.mean_confidence > 0.7);
  await Deno.remove(cacheDir, { recursive: true });
});

Deno.test("words printed in light grey are read, once, with boxes on their glyphs", async () => {
  await using engine = await openOcrEngine({ concurrency: 1, cacheDir: null });
  const outcome = await engine.recognize(FAINT);
  assert.ok(outcome.ok);
  const breaks = outcome.page.lines.filter((l) =>
    /Rast 30 min/.test(l.words.map((w) => w.text).join(" "))
  );
  // Four shift cards, each with its break under the shift's times.
  assert.equal(breaks.length, 4);
  assert.equal(words(outcome.page).filter((w) => w.text === "Rast").length, 4);
  for (const line of breaks) {
    // The glyphs (and the clock icon before them) are at most 17 px high; a cut-out is 26 and more.
    assert.ok(
      line.box.bottom - line.box.top <= 17,
      `a break line is ${line.box.bottom - line.box.top} px high`,
    );
  }
});

Deno.test("a phone screenshot's tab bar is left out and where it began is kept", async () => {
  await using engine = await openOcrEngine({ concurrency: 1, cacheDir: null });
  const phone = await engine.recognize(LIGHT);
  assert.ok(phone.ok);
  // Its labels sit under row 2380; the bar's rule runs along row 2292.
  for (const label of ["Hem", "Pass", "Meddelanden", "Profil"]) {
    assert.equal(find(phone.page, label), undefined, `the tab bar's "${label}" was read`);
  }
  assert.ok(words(phone.page).every((w) => w.box.bottom <= 2292));
  // The last day above it, cut by the bar, is still read.
  for (const token of ["Torsdag", "09:30", "18:00"]) assert.ok(find(phone.page, token), token);
  assert.equal(phone.page.visible_bottom, 2292);
});

Deno.test("each bad file fails alone with its own code while the images around it are read", async () => {
  const dir = await Deno.makeTempDir();
  const png = await Deno.readFile(LIGHT);
  const files: Record<string, Uint8Array> = {
    "empty.png": new Uint8Array(),
    "truncated.png": png.slice(0, Math.floor(png.length / 2)),
    "text.png": new TextEncoder().encode("Måndag 12 januari 07:00 - 15:30\n"),
    // A valid PNG header claiming 100000 x 100000 pixels.
    "huge.png": (() => {
      const b = png.slice();
      const view = new DataView(b.buffer);
      view.setUint32(16, 100_000);
      view.setUint32(20, 100_000);
      return b;
    })(),
  };
  for (const [name, bytes] of Object.entries(files)) await Deno.writeFile(join(dir, name), bytes);
  await using engine = await openOcrEngine({ concurrency: 1 });
  const order = [LIGHT, ...Object.keys(files).map((n) => join(dir, n)), LIGHT];
  const results = [];
  for (const path of order) results.push(await engine.recognize(path));
  assert.deepEqual(
    results.map((r) => r.ok ? "ok" : r.error.code),
    ["ok", "image_empty", "image_truncated", "image_unsupported_format", "image_too_large", "ok"],
  );
  const missing = await engine.recognize(join(dir, "nowhere.png"));
  assert.equal(missing.ok ? "ok" : missing.error.code, "image_unreadable");
  await Deno.remove(dir, { recursive: true });
});

Deno.test("a worker killed mid-image fails only that image and is replaced", async () => {
  await using engine = await openOcrEngine({ concurrency: 1 });
  const first = engine.recognize(LIGHT);
  // Let the worker pick the job up, then kill it as a crash would.
  await new Promise((r) => setTimeout(r, 300));
  assert.equal(engine.killBusyWorker(), true);
  const killed = await first;
  assert.equal(killed.ok ? "ok" : killed.error.code, "ocr_failed");
  const after = await engine.recognize(LIGHT);
  assert.ok(after.ok, "the replacement worker reads the next image");
});

Deno.test("an image over its time limit is stopped and reported as a timeout", async () => {
  await using engine = await openOcrEngine({ concurrency: 1, timeoutMs: 50 });
  const result = await engine.recognize(LIGHT);
  assert.equal(result.ok ? "ok" : result.error.code, "ocr_timeout");
});

Deno.test("the cache answers a second run and ignores a corrupted entry", async () => {
  const cacheDir = await Deno.makeTempDir();
  {
    await using engine = await openOcrEngine({ concurrency: 1, cacheDir });
    const cold = await engine.recognize(LIGHT);
    assert.ok(cold.ok && !cold.cache_hit);
    const warm = await engine.recognize(LIGHT);
    assert.ok(warm.ok && warm.cache_hit);
    assert.deepEqual(warm.page, cold.page);
  }
  const entries: string[] = [];
  for await (const sub of Deno.readDir(cacheDir)) {
    for await (const f of Deno.readDir(join(cacheDir, sub.name))) {
      entries.push(join(cacheDir, sub.name, f.name));
    }
  }
  assert.equal(entries.length, 1);
  await Deno.writeTextFile(entries[0]!, '{"width": "broken"');
  await using engine = await openOcrEngine({ concurrency: 1, cacheDir });
  const rerun = await engine.recognize(LIGHT);
  assert.ok(rerun.ok && !rerun.cache_hit, "a corrupted entry is not trusted");
  const again = await engine.recognize(LIGHT);
  assert.ok(again.ok && again.cache_hit, "and it is rewritten");
  await Deno.remove(cacheDir, { recursive: true });
});

Deno.test("an unknown OCR language is refused with the supported codes", async () => {
  const resolved = resolveOcrLanguage("xx");
  assert.equal(resolved.ok, false);
  assert.match(resolved.ok ? "" : resolved.message, /Unknown OCR language "xx": supported are sv/);
  await assert.rejects(openOcrEngine({ lang: "xx" }), /supported are sv/);
});
