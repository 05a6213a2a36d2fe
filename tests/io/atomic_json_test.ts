import assert from "node:assert/strict";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { tempPathOf, writeJsonAtomic } from "../../io/atomic_json.ts";

Deno.test("a JSON file replaces the old one whole and leaves no temporary file", async () => {
  const dir = await mkdtemp(join(tmpdir(), "atomic-json-"));
  try {
    const file = join(dir, "7.json");
    await writeJsonAtomic(file, { v: 1 });
    await writeJsonAtomic(file, { v: 2, text: "Måndag" });
    assert.deepEqual(JSON.parse(await Deno.readTextFile(file)), { v: 2, text: "Måndag" });
    assert.deepEqual(await readdir(dir), ["7.json"]);
  } finally {
    await rm(dir, { recursive: true });
  }
});

Deno.test("a write that cannot finish leaves the previous file intact", async () => {
  const dir = await mkdtemp(join(tmpdir(), "atomic-json-"));
  try {
    const file = join(dir, "7.json");
    await writeJsonAtomic(file, { v: 1 });
    // The temporary path is taken by a folder, so the write fails before the rename.
    await Deno.mkdir(tempPathOf(file));
    await assert.rejects(() => writeJsonAtomic(file, { v: 2 }));
    assert.deepEqual(JSON.parse(await Deno.readTextFile(file)), { v: 1 });
  } finally {
    await rm(dir, { recursive: true });
  }
});
