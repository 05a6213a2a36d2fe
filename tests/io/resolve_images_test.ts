import assert from "node:assert/strict";
import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildImageIndex } from "../../io/image_index.ts";
import { hostileKey, resolveImage } from "../../io/resolve_images.ts";
import { CorpusSessions } from "../../lib/schema/mod.ts";

const CORPUS = new URL("../../fixtures/corpus/dev/", import.meta.url).pathname;

async function tree(): Promise<{ base: string; root: string }> {
  const base = await mkdtemp(join(tmpdir(), "resolve-images-"));
  const root = join(base, "root");
  await mkdir(join(root, "captures/1/2026/01"), { recursive: true });
  await mkdir(join(root, "loose/a"), { recursive: true });
  await mkdir(join(root, "loose/b"), { recursive: true });
  await mkdir(join(base, "outside"), { recursive: true });
  await writeFile(join(root, "captures/1/2026/01/exact.png"), "x");
  await writeFile(join(root, "loose/a/flat.png"), "x");
  await writeFile(join(root, "loose/a/twin.png"), "x");
  await writeFile(join(root, "loose/b/twin.png"), "x");
  await writeFile(join(base, "outside/secret.png"), "secret");
  await writeFile(join(base, "outside/passwd"), "root:x:0:0");
  await symlink(join(base, "outside/secret.png"), join(root, "loose/escape.png"));
  await symlink("../a/flat.png", join(root, "loose/b/alias.png"));
  await symlink(join(base, "outside"), join(root, "linked_folder"));
  await symlink(join(root, "nowhere.png"), join(root, "broken.png"));
  return { base, root };
}

Deno.test("an exact relative path wins, then a unique basename anywhere under the root", async () => {
  const { base, root } = await tree();
  try {
    const index = await buildImageIndex(root);
    assert.deepEqual(resolveImage(index, "captures/1/2026/01/exact.png"), {
      ok: true,
      localPath: join(root, "captures/1/2026/01/exact.png"),
      method: "exact_path",
    });
    assert.deepEqual(resolveImage(index, "captures/9/2026/02/flat.png"), {
      ok: true,
      localPath: join(root, "loose/a/flat.png"),
      method: "basename",
    });
    // A link that stays inside is read through its target.
    const alias = resolveImage(index, "captures/9/alias.png");
    assert.ok(alias.ok);
    assert.equal(alias.localPath, join(root, "loose/a/flat.png"));
  } finally {
    await rm(base, { recursive: true });
  }
});

Deno.test("a shared basename is ambiguous and lists every candidate; no match is missing", async () => {
  const { base, root } = await tree();
  try {
    const index = await buildImageIndex(root);
    const twin = resolveImage(index, "captures/1/twin.png");
    assert.ok(!twin.ok);
    assert.equal(twin.error.code, "image_ambiguous");
    assert.deepEqual(twin.error.details.candidates, ["loose/a/twin.png", "loose/b/twin.png"]);
    assert.match(twin.error.message, /^Cannot resolve image "captures\/1\/twin.png": 2 files/);
    const none = resolveImage(index, "captures/1/none.png");
    assert.ok(!none.ok);
    assert.equal(none.error.code, "image_missing");
    // A broken link is no file.
    assert.equal((resolveImage(index, "broken.png") as { ok: false }).ok, false);
    assert.ok(index.warnings.some((w) => w.includes("broken.png")));
  } finally {
    await rm(base, { recursive: true });
  }
});

Deno.test("hostile keys and links out of the root are refused, never followed", async () => {
  const { base, root } = await tree();
  try {
    const index = await buildImageIndex(root);
    for (
      const key of [
        "../../etc/passwd",
        "/etc/passwd",
        "captures/../../outside/passwd",
        "..\\outside\\passwd",
        "C:\\Windows\\win.ini",
        "loose/escape.png",
        "captures/1/escape.png",
      ]
    ) {
      const r = resolveImage(index, key);
      assert.ok(!r.ok, key);
      assert.equal(r.error.code, "image_outside_root", key);
    }
    // A linked folder is not descended, so nothing behind it is reachable by basename.
    const behindLink = resolveImage(index, "captures/1/passwd");
    assert.ok(!behindLink.ok);
    assert.equal(behindLink.error.code, "image_missing");
    assert.ok(![...index.byPath.keys()].some((k) => k.startsWith("linked_folder/")));
    assert.equal(hostileKey("captures/1/x..png"), null);
    assert.equal(hostileKey(""), "the key is empty");
  } finally {
    await rm(base, { recursive: true });
  }
});

Deno.test("the dev corpus resolves every image but the missing and ambiguous sessions'", async () => {
  const index = await buildImageIndex(join(CORPUS, "images"));
  const { sessions } = CorpusSessions.parse(
    JSON.parse(await Deno.readTextFile(join(CORPUS, "sessions.json"))),
  );
  const failures = new Map<number, string[]>();
  let resolved = 0;
  for (const s of sessions) {
    for (const image of s.images) {
      const r = resolveImage(index, image.r2_key);
      if (r.ok) {
        resolved++;
        assert.ok((await Deno.stat(r.localPath)).isFile);
      } else failures.set(s.id, [...(failures.get(s.id) ?? []), r.error.code]);
    }
  }
  const truth = async (id: number) =>
    JSON.parse(await Deno.readTextFile(join(CORPUS, `truth/${id}.json`))).expect;
  assert.deepEqual([...failures.keys()].sort(), [2126, 2128]);
  assert.equal(await truth(2126), "missing_image");
  assert.deepEqual(failures.get(2126), ["image_missing"]);
  assert.equal(await truth(2128), "ambiguous_image");
  assert.deepEqual(failures.get(2128), ["image_ambiguous"]);
  const ambiguous = resolveImage(index, sessions.find((s) => s.id === 2128)!.images[0]!.r2_key);
  assert.ok(!ambiguous.ok);
  assert.deepEqual(ambiguous.error.details.candidates, [
    "backup/telefon/61c939f9-74b0-4e85-8bfb-ce3efb90f1fd.png",
    "downloads/61c939f9-74b0-4e85-8bfb-ce3efb90f1fd.png",
  ]);
  assert.ok(resolved >= 35);
});
