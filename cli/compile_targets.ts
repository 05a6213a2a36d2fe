/**
 * What `deno task compile` builds: each executable's entry, its baked-in permissions, the files
 * it reads at run time, and which npm packages it can leave out; and the one line that says
 * why a build failed.
 */
import { relative } from "node:path";
import { stripVTControlCharacters } from "node:util";

export interface CompileTarget {
  name: string;
  entry: string;
  /** Modules that no import names (workers) and files read at run time. */
  include: string[];
  /** npm packages read as files, not imported, so no module graph shows them. */
  dataPackages: string[];
}

/**
 * The launcher holds blanket read, write, net and env so that it can hand each run's own
 * narrow grants to the worker it confines the entry to (cli/confined_entry.ts); no run, ffi or
 * sys, which the entry never needs.
 */
export const BAKED_PERMISSIONS = [
  "--unstable-worker-options",
  "--allow-read",
  "--allow-write",
  "--allow-net",
  "--allow-env",
  "--no-prompt",
];

export const TARGETS: CompileTarget[] = [
  {
    name: "backfill",
    entry: "main.ts",
    include: [
      "cli/backfill_worker.ts",
      "ocr/scribe_worker.ts",
      "cli/review_downscale_worker.ts",
      "ocr/canvas_stub",
      "node_modules/@tesseract.js-data/swe/4.0.0",
      "node_modules/scribe.js-ocr/tess/core/tesseract-core-relaxedsimd-lstm.wasm",
    ],
    dataPackages: ["@tesseract.js-data/swe"],
  },
  {
    name: "apply",
    entry: "cli/apply_launcher.ts",
    include: ["cli/apply_worker.ts"],
    dataPackages: [],
  },
];

interface ModuleInfo {
  specifier: string;
  kind?: string;
  npmPackage?: string;
  dependencies?: { code?: { specifier?: string } }[];
}
interface PackageInfo {
  name: string;
  dependencies: string[];
  localPath?: string;
}
/** What `deno info --json` says of one module graph. */
export interface GraphInfo {
  roots: string[];
  modules: ModuleInfo[];
  redirects: Record<string, string>;
  npmPackages: Record<string, PackageInfo>;
}

/** The npm packages a graph loads at run time: imports followed from its roots, types skipped. */
function runtimePackages(g: GraphInfo): string[] {
  const bySpecifier = new Map(g.modules.map((m) => [m.specifier, m]));
  const pending = [...g.roots];
  const seen = new Set<string>();
  const found: string[] = [];
  while (pending.length) {
    const spec = pending.pop()!;
    const m = bySpecifier.get(g.redirects[spec] ?? spec);
    if (!m || seen.has(m.specifier)) continue;
    seen.add(m.specifier);
    if (m.npmPackage) found.push(m.npmPackage);
    for (const d of m.dependencies ?? []) if (d.code?.specifier) pending.push(d.code.specifier);
  }
  return found;
}

/**
 * The installed npm packages (as folders below `root`) that no graph loads at run time, directly
 * or through dependencies, and that are not data packages: the build leaves them out, so the
 * test server's binaries and the OCR engine stay out of executables that never use them.
 */
export function unusedPackagePaths(
  graphs: readonly GraphInfo[],
  dataPackages: readonly string[],
  root: string,
): string[] {
  const packages: Record<string, PackageInfo> = Object.assign(
    {},
    ...graphs.map((g) => g.npmPackages),
  );
  const pending = graphs.flatMap(runtimePackages);
  for (const [id, p] of Object.entries(packages)) {
    if (dataPackages.includes(p.name)) pending.push(id);
  }
  const used = new Set<string>();
  while (pending.length) {
    const id = pending.pop()!;
    if (used.has(id)) continue;
    used.add(id);
    pending.push(...(packages[id]?.dependencies ?? []));
  }
  return Object.entries(packages)
    .filter(([id, p]) => !used.has(id) && p.localPath)
    .map(([, p]) => relative(root, p.localPath!))
    .filter((rel) => !rel.startsWith(".."))
    .sort();
}

/** The deepest cause in deno's error chain ("  3: dns error"), or its first error line. */
export function failureReason(stderr: string): string {
  // What follows "Stack backtrace:" numbers frames, not causes.
  const text = stripVTControlCharacters(stderr).split("Stack backtrace:")[0]!;
  const lines = text.split("\n").map((l) => l.trim()).filter(Boolean);
  const causes = lines.filter((l) => /^\d+: /.test(l)).map((l) => l.replace(/^\d+: /, ""));
  return causes.at(-1) ?? lines.find((l) => l.startsWith("error")) ?? lines.at(-1) ??
    "no output";
}

/** Whether a failed `deno compile` failed for want of its denort runtime. */
export function isRuntimeFailure(stderr: string): boolean {
  return /denort/i.test(stripVTControlCharacters(stderr));
}

export function runtimeHint(version: string): string {
  return `set DENORT_BIN to a local denort ${version} (the runtime deno compile embeds)`;
}
