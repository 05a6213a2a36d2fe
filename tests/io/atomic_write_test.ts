import assert from "node:assert/strict";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { tempPathOf, writeFileAtomic, writeJsonAtomic } from "../../io/atomic_write.ts";

async function inTempDir(test: (dir: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), "atomic-write-"));
  try {
    await test(dir);
  } finally {
    await rm(dir, { recursive: true });
  }
}

Deno.test("a JSON file replaces the old one whole and leaves no temporary file", () =>
  inTempDir(async (dir) => {
    const file = join(dir, "7.json");
    await writeJsonAtomic(file, { v: 1 });
    await writeJsonAtomic(file, { v: 2, text: "Måndag" });
    assert.equal(await Deno.readTextFile(file), '{\n  "v": 2,\n  "text": "Måndag"\n}\n');
    assert.deepEqual(await readdir(dir), ["7.json"]);
  }));

Deno.test("text and bytes streamed part by part land whole and in order", () =>
  inTempDir(async (dir) => {
    const file = join(dir, "page.html");
    const big = new Uint8Array(3 << 20).fill(0x61);
    async function* page() {
      yield "<html>";
      yield big;
      yield new TextEncoder().encode("Tisdag 07:00 – 15:30");
      yield "</html>";
    }
    await writeFileAtomic(file, page());
    const written = await Deno.readFile(file);
    const text = new TextDecoder().decode(written);
    assert.equal(written.length, 6 + big.length + 22 + 7);
    assert.ok(text.startsWith("<html>aaa"));
    assert.ok(text.endsWith("aaaTisdag 07:00 – 15:30</html>"));
    assert.deepEqual(await readdir(dir), ["page.html"]);
  }));

Deno.test("a source that fails midway leaves the previous file and no temporary file", () =>
  inTempDir(async (dir) => {
    const file = join(dir, "page.html");
    async function* failing() {
      yield "<html>half a page";
      throw new Error("the session file is gone");
    }
    await assert.rejects(writeFileAtomic(file, failing()), /the session file is gone/);
    assert.deepEqual(await readdir(dir), [], "no partial page where there was none");
    await writeFileAtomic(file, "old page");
    await assert.rejects(writeFileAtomic(file, failing()), /the session file is gone/);
    assert.equal(await Deno.readTextFile(file), "old page");
    assert.deepEqual(await readdir(dir), ["page.html"]);
  }));

Deno.test("a failed shared write leaves no temporary file of its own either", () =>
  inTempDir(async (dir) => {
    const file = join(dir, "ab", "entry.jpg");
    await Deno.mkdir(join(dir, "ab"));
    function* failing() {
      yield new Uint8Array([0xff, 0xd8]);
      throw new Error("worker stopped");
    }
    await assert.rejects(writeFileAtomic(file, failing(), { shared: true }), /worker stopped/);
    assert.deepEqual(await readdir(join(dir, "ab")), []);
  }));

Deno.test("writers sharing a file each land whole, through temporary names of their own", () =>
  inTempDir(async (dir) => {
    const file = join(dir, "entry.json");
    const values = Array.from({ length: 8 }, (_, i) => "x".repeat(100_000 + i));
    await Promise.all(values.map((v) => writeFileAtomic(file, v, { shared: true })));
    assert.ok(values.includes(await Deno.readTextFile(file)), "one writer's whole content");
    assert.deepEqual(await readdir(dir), ["entry.json"]);
  }));

Deno.test("a write that cannot start leaves the previous file and what was in the way intact", () =>
  inTempDir(async (dir) => {
    const file = join(dir, "7.json");
    await writeJsonAtomic(file, { v: 1 });
    // The temporary path is taken by a folder, so the write fails before the rename.
    await Deno.mkdir(tempPathOf(file));
    await assert.rejects(writeJsonAtomic(file, { v: 2 }));
    assert.deepEqual(JSON.parse(await Deno.readTextFile(file)), { v: 1 });
    assert.deepEqual((await readdir(dir)).sort(), ["7.json", "7.json.tmp"]);
  }));
