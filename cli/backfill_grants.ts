/**
 * The Deno permissions the backfill entry point gets for one command line, and the check the
 * entry runs on itself: it must hold those and nothing that could write elsewhere or spawn.
 */
import { dirname, join, relative, resolve, sep } from "node:path";
import { tempPathOf } from "../io/atomic_write.ts";
import { type BackfillOptions, databaseAddress } from "../lib/backfill_flags.ts";

const PG_OPTIONS = [
  "max",
  "ssl",
  "sslnegotiation",
  "idle_timeout",
  "connect_timeout",
  "max_lifetime",
  "max_pipeline",
  "backoff",
  "keep_alive",
  "prepare",
  "debug",
  "fetch_types",
  "publications",
  "target_session_attrs",
];

/** What the driver and the sharding read from the environment; nothing else. */
export const ENV_GRANT = [
  "DATABASE_URL",
  "JOB_COMPLETION_INDEX",
  "PGHOST",
  "PGPORT",
  "PGUSER",
  "PGUSERNAME",
  "PGPASSWORD",
  "PGDATABASE",
  "PGAPPNAME",
  "PGTARGETSESSIONATTRS",
  ...PG_OPTIONS.map((o) => `PG${o.toUpperCase()}`),
  "USER",
  "USERNAME",
  "LOGNAME",
];

export const REPO_ROOT = resolve(new URL("..", import.meta.url).pathname);

/**
 * Paths the entry may write: the outputs, the summary's and the review page's temporary
 * files, the OCR cache. The review page is granted as a file, never its folder.
 */
export function writePaths(o: BackfillOptions): string[] {
  const review = o.reviewFile ? [o.reviewFile, tempPathOf(o.reviewFile)] : [];
  return [o.outputDir, o.outputFile, tempPathOf(o.outputFile), ...review, o.cacheDir];
}

/**
 * Paths the entry may read: the images, the OCR engine's modules and language data (under
 * node_modules), the OCR and review page workers' own modules (a worker's source is read like
 * a file), and its own outputs (rename needs the temporary file readable).
 */
export function readPaths(o: BackfillOptions, repoRoot = REPO_ROOT): string[] {
  return [
    o.localRoot,
    join(repoRoot, "node_modules"),
    join(repoRoot, "ocr"),
    join(repoRoot, "lib"),
    join(repoRoot, "cli", "review_downscale_worker.ts"),
    join(repoRoot, "cli", "review_downscale.ts"),
    join(repoRoot, "cli", "review_jpeg.ts"),
    ...writePaths(o),
  ];
}

export function backfillGrants(o: BackfillOptions, repoRoot = REPO_ROOT): string[] {
  const { host, port } = databaseAddress(o.databaseUrl);
  const hostGrant = host.includes(":") ? `[${host}]:${port}` : `${host}:${port}`;
  return [
    `--allow-net=${hostGrant}`,
    `--allow-read=${readPaths(o, repoRoot).join(",")}`,
    `--allow-write=${writePaths(o).join(",")}`,
    `--allow-env=${ENV_GRANT.join(",")}`,
  ];
}

function within(parent: string, path: string): boolean {
  const rel = relative(parent, path);
  return rel === "" || (!rel.startsWith(`..${sep}`) && rel !== ".." && !rel.startsWith(sep));
}

type Query = (desc: Deno.PermissionDescriptor) => Promise<Deno.PermissionState>;

/**
 * Grants the process holds and must not, and grants it needs and lacks. Write grants are
 * probed at places a mistake would reach: the root, the working folder, the repository, the
 * images, the temp folder, and beside each output.
 */
export async function permissionProblems(
  o: BackfillOptions,
  query: Query,
  repoRoot = REPO_ROOT,
): Promise<string[]> {
  const problems: string[] = [];
  const granted = async (d: Deno.PermissionDescriptor) => (await query(d)) === "granted";
  const broad: [string, Deno.PermissionDescriptor][] = [
    ["--allow-run", { name: "run", command: Deno.execPath() }],
    ["--allow-run", { name: "run", command: "sh" }],
    ["--allow-write (everywhere)", { name: "write" }],
    ["--allow-read (everywhere)", { name: "read" }],
    ["--allow-net (every host)", { name: "net" }],
    ["--allow-env (all variables)", { name: "env" }],
    ["--allow-ffi", { name: "ffi" }],
  ];
  for (const [label, desc] of broad) {
    if (await granted(desc)) problems.push(`holds ${label}`);
  }
  const allowed = writePaths(o);
  const probes = [
    "/",
    "/tmp/backfill-probe",
    join(Deno.cwd(), "backfill-probe"),
    join(repoRoot, "deno.json"),
    join(o.localRoot, "backfill-probe"),
    join(dirname(o.outputFile), "backfill-probe"),
    join(dirname(o.outputDir), "backfill-probe"),
  ];
  for (const path of new Set(probes)) {
    if (allowed.some((a) => within(a, path))) continue;
    if (await granted({ name: "write", path })) problems.push(`may write "${path}"`);
  }
  for (const path of allowed) {
    if (!(await granted({ name: "write", path }))) problems.push(`may not write "${path}"`);
  }
  return problems;
}
