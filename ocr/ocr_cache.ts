/** OCR results on disk, keyed by image content and everything that shapes the result. */
import { createHash } from "node:crypto";
import { join } from "node:path";
import { writeFileAtomic } from "../io/atomic_write.ts";
import { OcrPage } from "../lib/schema/mod.ts";

export class OcrCache {
  readonly #versionKey: string;

  constructor(private readonly dir: string, version: string) {
    this.#versionKey = createHash("sha256").update(version).digest("hex").slice(0, 16);
  }

  #path(sha256: string): string {
    return join(this.dir, sha256.slice(0, 2), `${sha256}-${this.#versionKey}.json`);
  }

  /** A stored page, or null when there is none or it does not validate (it is then rewritten). */
  async get(sha256: string): Promise<OcrPage | null> {
    try {
      const parsed = OcrPage.safeParse(JSON.parse(await Deno.readTextFile(this.#path(sha256))));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  }

  async put(sha256: string, page: OcrPage): Promise<void> {
    const path = this.#path(sha256);
    await Deno.mkdir(join(path, ".."), { recursive: true });
    // Runs that share the cache folder may store the same image's page at once.
    await writeFileAtomic(path, JSON.stringify(page), { shared: true });
  }
}
