/**
 * Maps a stored `r2_key` to a file of the local download folder, as the original runner
 * did: the exact relative path first, then a unique basename. Keys that would leave the
 * folder, and links that do, are refused rather than followed.
 */
import { posix } from "node:path";
import type { ImageIndex, IndexedFile } from "./image_index.ts";

export type ResolutionMethod = "exact_path" | "basename";

export type ImageResolution =
  | { ok: true; localPath: string; method: ResolutionMethod }
  | {
    ok: false;
    error: {
      code: "image_missing" | "image_ambiguous" | "image_outside_root";
      message: string;
      details: { r2_key: string; candidates?: string[]; path?: string };
    };
  };

function refused(key: string, why: string, path?: string): ImageResolution {
  return {
    ok: false,
    error: {
      code: "image_outside_root",
      message: `Refusing image "${key}": ${why}`,
      details: path === undefined ? { r2_key: key } : { r2_key: key, path },
    },
  };
}

/** Why a key cannot name a file under the root, or null when it can. */
export function hostileKey(key: string): string | null {
  if (key.length === 0) return "the key is empty";
  if (key.includes("\0")) return "the key holds a NUL byte";
  if (key.startsWith("/") || key.startsWith("\\") || /^[A-Za-z]:/.test(key)) {
    return "the key is an absolute path";
  }
  if (key.split(/[/\\]/).includes("..")) return 'the key climbs out of the root with ".."';
  return null;
}

function found(key: string, file: IndexedFile, method: ResolutionMethod): ImageResolution {
  if (file.outside) {
    return refused(key, `"${file.relPath}" is a link that leads outside the root`, file.relPath);
  }
  return { ok: true, localPath: file.realPath, method };
}

export function resolveImage(index: ImageIndex, key: string): ImageResolution {
  const hostile = hostileKey(key);
  if (hostile) return refused(key, hostile);
  const relPath = posix.normalize(key.replaceAll("\\", "/")).replace(/^\.\//, "");
  const exact = index.byPath.get(relPath);
  if (exact) return found(key, exact, "exact_path");
  const name = posix.basename(relPath);
  const matches = index.byName.get(name) ?? [];
  if (matches.length === 1) return found(key, matches[0]!, "basename");
  if (matches.length > 1) {
    const candidates = matches.map((m) => m.relPath);
    return {
      ok: false,
      error: {
        code: "image_ambiguous",
        message: `Cannot resolve image "${key}": ${matches.length} files share the basename: ${
          candidates.join(", ")
        }`,
        details: { r2_key: key, candidates },
      },
    };
  }
  return {
    ok: false,
    error: {
      code: "image_missing",
      message: `Cannot resolve image "${key}": no file with that path or basename under the root`,
      details: { r2_key: key },
    },
  };
}
