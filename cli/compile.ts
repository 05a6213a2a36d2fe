/**
 * `deno task compile`: builds dist/backfill and dist/apply, standalone executables that run
 * from any folder with nothing else installed. `deno compile` embeds a runtime (denort) that
 * it downloads, or takes from DENORT_BIN; when it cannot get one, this says so in one line.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { styleText } from "node:util";
import { APPLY_HELP } from "./apply_flags.ts";
import { BACKFILL_HELP } from "./backfill_help.ts";
import {
  BAKED_PERMISSIONS,
  type CompileTarget,
  failureReason,
  type GraphInfo,
  isRuntimeFailure,
  runtimeHint,
  TARGETS,
  unusedPackagePaths,
} from "./compile_targets.ts";

const ROOT = resolve(new URL("..", import.meta.url).pathname);
const HELP: Record<string, string> = { backfill: BACKFILL_HELP, apply: APPLY_HELP };
const dec = new TextDecoder();

class CompileFailure extends Error {}

async function run(cmd: string, args: string[], cwd = ROOT) {
  const out = await new Deno.Command(cmd, { args, cwd, stdout: "piped", stderr: "piped" })
    .output();
  return { code: out.code, stdout: dec.decode(out.stdout), stderr: dec.decode(out.stderr) };
}

/** DENORT_BIN, when set, must be a file and not the deno CLI itself. */
async function checkRuntimeOverride(): Promise<void> {
  const path = Deno.env.get("DENORT_BIN");
  if (path === undefined) return;
  const info = await Deno.stat(path).catch(() => null);
  if (!info?.isFile) {
    throw new CompileFailure(
      `DENORT_BIN is "${path}", which is not a file: ${runtimeHint(Deno.version.deno)}`,
    );
  }
  // The deno CLI would build an executable that ignores its embedded program.
  const probe = await run(path, ["--version"]).catch(() => null);
  if (probe?.stdout.startsWith("deno ")) {
    throw new CompileFailure(
      `DENORT_BIN is "${path}", which is the deno CLI, not its denort runtime: ${
        runtimeHint(Deno.version.deno)
      }`,
    );
  }
}

async function graph(module: string): Promise<GraphInfo> {
  const out = await run(Deno.execPath(), ["info", "--json", module]);
  if (out.code !== 0) {
    throw new CompileFailure(
      `Cannot read the module graph of ${module}: ${failureReason(out.stderr)}`,
    );
  }
  return JSON.parse(out.stdout) as GraphInfo;
}

async function excludes(target: CompileTarget): Promise<string[]> {
  const modules = [target.entry, ...target.include.filter((p) => p.endsWith(".ts"))];
  const graphs = await Promise.all(modules.map(graph));
  return unusedPackagePaths(graphs, target.dataPackages, ROOT);
}

async function build(target: CompileTarget, outDir: string): Promise<void> {
  const output = join(outDir, target.name);
  const args = [
    "compile",
    // `deno task ok` type checks; here it would only double the build time.
    "--no-check",
    `--config=${join(ROOT, "deno.json")}`,
    ...BAKED_PERMISSIONS,
    ...target.include.flatMap((p) => ["--include", p]),
    ...(await excludes(target)).flatMap((p) => ["--exclude", p]),
    "--output",
    output,
    target.entry,
  ];
  const started = performance.now();
  const out = await run(Deno.execPath(), args);
  if (out.code !== 0) {
    const reason = failureReason(out.stderr);
    if (isRuntimeFailure(out.stderr)) {
      throw new CompileFailure(
        `deno compile could not get its denort runtime (${reason}): ${
          runtimeHint(Deno.version.deno)
        }`,
      );
    }
    throw new CompileFailure(`deno compile failed for ${output}: ${reason}`);
  }
  await smokeTest(target, output);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const mb = ((await Deno.stat(output)).size / 1e6).toFixed(0);
  console.log(`${output}: ${mb} MB, built in ${seconds} s`);
}

/** The executable must answer --help as the tool does, from a folder outside the clone. */
async function smokeTest(target: CompileTarget, output: string): Promise<void> {
  const elsewhere = await mkdtemp(join(tmpdir(), "backfill_compile_"));
  try {
    const out = await run(output, ["--help"], elsewhere);
    if (out.code !== 0 || out.stdout.trim() !== HELP[target.name]?.trim()) {
      await rm(output, { force: true });
      const said = failureReason(out.stderr || out.stdout);
      throw new CompileFailure(
        `${output} was built but does not run as the tool (exit ${out.code}: ${said}); is the runtime denort ${Deno.version.deno}?`,
      );
    }
  } finally {
    await rm(elsewhere, { recursive: true, force: true });
  }
}

async function main(): Promise<number> {
  const outDir = resolve(Deno.args[0] ?? join(ROOT, "dist"));
  try {
    await checkRuntimeOverride();
    await Deno.mkdir(outDir, { recursive: true });
    for (const target of TARGETS) await build(target, outDir);
    return 0;
  } catch (err) {
    if (!(err instanceof CompileFailure)) throw err;
    console.error(`${styleText("red", "error")}: ${err.message}`);
    return 1;
  }
}

if (import.meta.main) Deno.exit(await main());
