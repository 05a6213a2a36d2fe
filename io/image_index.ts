/**
 * One recursive listing of the local download folder per run, so resolving 100,000 keys by
 * basename costs map lookups rather than 100,000 directory walks.
 */
import { realpath } from "node:fs/promises";
import { isAbsolute, join, relative, sep } from "node:path";

export interface IndexedFile {
  /** path relative to the root, with "/" separators, as found in the listing */
  relPath: string;
  /** the path to read: the file itself, or a symlink's target when that stays inside */
  realPath: string;
  /** a symlink whose target leaves the root: listed so it can be refused, never read */
  outside: boolean;
}

export interface ImageIndex {
  root: string;
  /** the root with its own symlinks resolved */
  realRoot: string;
  byPath: Map<string, IndexedFile>;
  byName: Map<string, IndexedFile[]>;
  /** folders that could not be listed, and broken links */
  warnings: string[];
}

export function isInside(realRoot: string, realPath: string): boolean {
  const rel = relative(realRoot, realPath);
  return rel !== "" && rel !== ".." && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
}

function add(index: ImageIndex, file: IndexedFile) {
  index.byPath.set(file.relPath, file);
  const name = file.relPath.slice(file.relPath.lastIndexOf("/") + 1);
  const list = index.byName.get(name);
  if (list) list.push(file);
  else index.byName.set(name, [file]);
}

/**
 * Lists every regular file under `root`. Symlinks are resolved once: a link to a file inside
 * the root is indexed under its own name with the target as the path to read; a link that
 * leads outside is indexed as `outside`; links to folders are not descended, so a loop or an
 * escape through a linked folder cannot happen.
 */
export async function buildImageIndex(root: string): Promise<ImageIndex> {
  const realRoot = await realpath(root);
  const index: ImageIndex = {
    root,
    realRoot,
    byPath: new Map(),
    byName: new Map(),
    warnings: [],
  };
  const walk = async (dir: string, rel: string): Promise<void> => {
    let entries: Deno.DirEntry[];
    try {
      entries = await Array.fromAsync(Deno.readDir(dir));
    } catch (err) {
      index.warnings.push(`Cannot list folder "${dir}": ${(err as Error).message}`);
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const full = join(dir, entry.name);
      const relPath = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory) await walk(full, relPath);
      else if (entry.isFile) add(index, { relPath, realPath: full, outside: false });
      else if (entry.isSymlink) {
        let target: string;
        try {
          target = await realpath(full);
        } catch {
          index.warnings.push(`Broken link "${full}"`);
          continue;
        }
        if (!isInside(realRoot, target)) {
          add(index, { relPath, realPath: target, outside: true });
          continue;
        }
        const info = await Deno.stat(target).catch(() => null);
        if (info?.isFile) add(index, { relPath, realPath: target, outside: false });
      }
    }
  };
  await walk(realRoot, "");
  return index;
}
