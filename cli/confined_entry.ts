/**
 * Runs an entry point in a worker that holds only the given grants. A compiled executable
 * cannot re-run itself with `--allow-*` flags (its permissions are fixed when it is built), so
 * there the launcher confines the entry this way instead of in a child process.
 */

const KINDS = ["read", "write", "net", "env"] as const;
type Kind = (typeof KINDS)[number];

/** The worker permissions that `--allow-<kind>=a,b` flags name; everything else is denied. */
export function workerPermissions(grants: readonly string[]): Deno.PermissionOptionsObject {
  const lists: Record<Kind, string[]> = { read: [], write: [], net: [], env: [] };
  for (const grant of grants) {
    const m = /^--allow-(read|write|net|env)=(.+)$/.exec(grant);
    // A grant without a list would hand the worker everything the launcher holds.
    if (!m) throw new Error(`Cannot confine a worker to "${grant}": name the paths or hosts`);
    lists[m[1] as Kind].push(...m[2]!.split(","));
  }
  return {
    ...lists,
    run: false,
    ffi: false,
    sys: false,
    import: false,
  };
}

/**
 * Starts `worker` (a module that posts its entry's exit code) with exactly `grants` and
 * resolves with that code. Ctrl-C reaches the entry's own listener; a second one ends the
 * process at once, as the entry itself does when it runs on its own.
 */
export function runConfined(worker: URL, grants: readonly string[]): Promise<number> {
  const permissions = workerPermissions(grants);
  return new Promise((resolve) => {
    let interrupts = 0;
    Deno.addSignalListener("SIGINT", () => {
      if (++interrupts > 1) Deno.exit(130);
    });
    const w = new Worker(worker, { type: "module", deno: { permissions } });
    w.onmessage = (e: MessageEvent<number>) => {
      w.terminate();
      resolve(e.data);
    };
    w.onerror = (e) => {
      e.preventDefault();
      console.error(`error: ${e.message}`);
      w.terminate();
      resolve(1);
    };
  });
}
