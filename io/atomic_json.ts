/**
 * JSON files written whole or not at all: the text goes to "<file>.tmp", is flushed to disk,
 * then renamed over the target, so a killed run never leaves half a file behind.
 */

/** The temporary file a write goes through (the launcher grants write on it too). */
export function tempPathOf(path: string): string {
  return `${path}.tmp`;
}

export async function writeJsonAtomic(path: string, value: unknown): Promise<void> {
  const temp = tempPathOf(path);
  const data = new TextEncoder().encode(`${JSON.stringify(value, null, 2)}\n`);
  const file = await Deno.open(temp, { write: true, create: true, truncate: true });
  try {
    let written = 0;
    while (written < data.length) written += await file.write(data.subarray(written));
    await file.syncData();
  } finally {
    file.close();
  }
  await Deno.rename(temp, path);
}
