/**
 * Files written whole or not at all: the content goes to a temporary file beside the target, is
 * flushed to disk, then renamed over the target, so a killed run never leaves half a file and a
 * reader sees either the old file or the new one. A write that fails removes its temporary file.
 */

/** The temporary file a write goes through (the launcher grants write on it too). */
export function tempPathOf(path: string): string {
  return `${path}.tmp`;
}

export interface AtomicWriteOptions {
  /**
   * Other processes may write the same file at the same time (a cache folder runs share): each
   * write then goes through a temporary name of its own instead of `tempPathOf(path)`.
   */
  shared?: boolean;
}

/** Text or bytes in the order they are to appear; an error thrown by the source aborts the write. */
export type FileContent =
  | string
  | Uint8Array
  | Iterable<string | Uint8Array>
  | AsyncIterable<string | Uint8Array>;

function parts(
  content: FileContent,
): Iterable<string | Uint8Array> | AsyncIterable<string | Uint8Array> {
  return typeof content === "string" || content instanceof Uint8Array ? [content] : content;
}

/** Writes `content` to `path` whole, streaming it part by part; rejects when it cannot. */
export async function writeFileAtomic(
  path: string,
  content: FileContent,
  options: AtomicWriteOptions = {},
): Promise<void> {
  const temp = options.shared ? `${path}.${crypto.randomUUID()}.tmp` : tempPathOf(path);
  const enc = new TextEncoder();
  let file: Deno.FsFile | null = null;
  let created = false;
  try {
    file = await Deno.open(temp, { write: true, create: true, truncate: true });
    created = true;
    for await (const part of parts(content)) {
      const data = typeof part === "string" ? enc.encode(part) : part;
      let written = 0;
      while (written < data.length) written += await file.write(data.subarray(written));
    }
    await file.syncData();
    file.close();
    file = null;
    await Deno.rename(temp, path);
  } catch (err) {
    file?.close();
    // Only what this write made: a folder or file already in the way is not ours to remove.
    if (created) await Deno.remove(temp).catch(() => {});
    throw err;
  }
}

/** `value` as indented JSON with a final newline, written whole. */
export function writeJsonAtomic(
  path: string,
  value: unknown,
  options: AtomicWriteOptions = {},
): Promise<void> {
  return writeFileAtomic(path, `${JSON.stringify(value, null, 2)}\n`, options);
}
