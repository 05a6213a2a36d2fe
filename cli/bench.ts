/**
 * `deno task bench --corpus DIR [--json] [--workers N]`: OCR speed and accuracy of our engine
 * against native `tesseract -l swe` (one thread) on the same original files.
 */
import process from "node:process";
import { parseArgs } from "node:util";
import { join } from "node:path";
import { openOcrEngine } from "../ocr/mod.ts";
import { CorpusSessions, type OcrPage, Truth } from "../lib/schema/mod.ts";
import { expectedTokens, tokenRecall } from "../bench/corpus_tokens.ts";
import { exitWithUsageError } from "./usage_error.ts";

const HELP = `Benchmark OCR on a corpus: our engine against native tesseract.

Usage:
  deno task bench --corpus DIR [--workers N] [--json]

Options:
  --corpus DIR   corpus folder (sessions.json, images/, truth/)
  --workers N    workers for the throughput run (default: number of cores)
  --json         one JSON object on stdout
  -h, --help     show this help`;

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const e of Deno.readDirSync(dir)) {
    const p = join(dir, e.name);
    if (e.isDirectory) out.push(...walk(p));
    else if (/\.(png|jpe?g)$/i.test(e.name)) out.push(p);
  }
  return out.sort();
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0
    ? 0
    : s.length % 2
    ? s[(s.length - 1) / 2]!
    : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const pageText = (p: OcrPage) =>
  p.lines.map((l) => l.words.map((w) => w.text).join(" ")).join("\n");

let peakRss = 0;
const sampler = setInterval(() => peakRss = Math.max(peakRss, Deno.memoryUsage().rss), 50);

async function ours(images: string[], workers: number, cacheDir: string | null) {
  await using engine = await openOcrEngine({ concurrency: workers, cacheDir });
  // Warm every worker first: start-up is paid once per run, not per image.
  await Promise.all(Array.from({ length: workers }, () => engine.recognize(images[0]!)));
  const started = performance.now();
  const results = workers === 1
    ? await images.reduce<Promise<Awaited<ReturnType<typeof engine.recognize>>[]>>(
      async (acc, path) => [...await acc, await engine.recognize(path)],
      Promise.resolve([]),
    )
    : await Promise.all(images.map((path) => engine.recognize(path)));
  return { results, seconds: (performance.now() - started) / 1000 };
}

/** "1m2.345s" as milliseconds. */
const shellTime = (t: string) => {
  const m = /^(\d+)m([\d.]+)s$/.exec(t);
  return m ? (Number(m[1]) * 60 + Number(m[2])) * 1000 : NaN;
};

/**
 * One image through native tesseract, with the CPU time it took (from the shell's `times`), or
 * null when it is not installed.
 */
async function nativeOnce(
  path: string,
): Promise<{ ms: number; cpuMs: number; text: string } | null> {
  const started = performance.now();
  let out;
  try {
    out = await new Deno.Command("sh", {
      args: ["-c", 'tesseract "$@" 2>/dev/null && times >&2', "sh", path, "stdout", "-l", "swe"],
      env: { OMP_THREAD_LIMIT: "1" },
      stdout: "piped",
      stderr: "piped",
    }).output();
  } catch {
    return null;
  }
  if (!out.success) return null;
  const ms = performance.now() - started;
  // `times` prints the shell's own user and system time, then its children's.
  const children = new TextDecoder().decode(out.stderr).trim().split("\n").at(-1) ?? "";
  const cpuMs = children.split(/\s+/).map(shellTime).reduce((a, b) => a + b, 0);
  return { ms, cpuMs, text: new TextDecoder().decode(out.stdout) };
}

const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

/**
 * One worker, image after image, each read by our engine and then by native tesseract: both see
 * the same load from anything else on the machine, which a run of ours followed by a run of
 * native would not.
 */
async function oursAndNative(images: string[]) {
  await using engine = await openOcrEngine({ concurrency: 1, cacheDir: null });
  await engine.recognize(images[0]!);
  const results: Awaited<ReturnType<typeof engine.recognize>>[] = [];
  const cpu: number[] = [];
  let native: { ms: number[]; cpuMs: number[]; text: Map<string, string> } | null = {
    ms: [],
    cpuMs: [],
    text: new Map(),
  };
  let seconds = 0;
  for (const path of images) {
    const started = performance.now();
    const cpuStarted = cpuMs();
    results.push(await engine.recognize(path));
    cpu.push(cpuMs() - cpuStarted);
    seconds += (performance.now() - started) / 1000;
    const nat = native && await nativeOnce(path);
    if (!nat) native = null;
    else {
      native!.ms.push(nat.ms);
      native!.cpuMs.push(nat.cpuMs);
      native!.text.set(path, nat.text);
    }
  }
  return { results, seconds, cpu, native };
}

async function accuracy(corpus: string, imageText: (path: string) => string | undefined) {
  const sessions = CorpusSessions.parse(
    JSON.parse(await Deno.readTextFile(join(corpus, "sessions.json"))),
  );
  let found = 0;
  let total = 0;
  for (const s of sessions.sessions) {
    const truth = Truth.parse(
      JSON.parse(await Deno.readTextFile(join(corpus, "truth", `${s.id}.json`))),
    );
    const text = s.images.map((i) => imageText(join(corpus, "images", i.r2_key)) ?? "").join("\n");
    const r = tokenRecall(expectedTokens(truth), text);
    found += r.found;
    total += r.total;
  }
  return total === 0 ? null : found / total;
}

if (import.meta.main) {
  let flags;
  try {
    flags = parseArgs({
      args: Deno.args,
      options: {
        corpus: { type: "string" },
        workers: { type: "string" },
        json: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
    }).values;
  } catch (e) {
    exitWithUsageError("bench", (e as Error).message);
  }
  if (flags.help) {
    console.log(HELP);
    Deno.exit(0);
  }
  if (!flags.corpus) exitWithUsageError("bench", "Missing --corpus DIR");
  const workers = Number(flags.workers ?? navigator.hardwareConcurrency ?? 2);
  if (!Number.isInteger(workers) || workers < 1) {
    exitWithUsageError("bench", `Invalid --workers "${flags.workers}": use a whole number from 1`);
  }
  const images = walk(join(flags.corpus, "images"));
  const log = (s: string) => console.error(s);
  log(`${images.length} images; ours with 1 worker, each image then with native tesseract ...`);
  const one = await oursAndNative(images);
  const nat = one.native;
  const oursMs = one.results.map((r) => r.ms);
  const pages = new Map<string, string>();
  one.results.forEach((r, i) => r.ok && pages.set(images[i]!, pageText(r.page)));
  const peakOne = peakRss;
  log(`ours with ${workers} workers ...`);
  const many = await ours(images, workers, null);
  log("cold and warm cache ...");
  const cacheDir = await Deno.makeTempDir({ prefix: "bench_cache_" });
  const cold = await ours(images, workers, cacheDir);
  const warm = await ours(images, workers, cacheDir);
  await Deno.remove(cacheDir, { recursive: true });
  clearInterval(sampler);
  const result = {
    images: images.length,
    ours_ms_median: Math.round(median(oursMs)),
    native_ms_median: nat ? Math.round(median(nat.ms)) : null,
    ratio: nat ? Number((median(oursMs) / median(nat.ms)).toFixed(2)) : null,
    // CPU time (all threads) does not count waiting for cores that other work holds.
    ours_cpu_ms_median: Math.round(median(one.cpu)),
    native_cpu_ms_median: nat ? Math.round(median(nat.cpuMs)) : null,
    cpu_ratio: nat ? Number((median(one.cpu) / median(nat.cpuMs)).toFixed(2)) : null,
    images_per_s_1: Number((images.length / one.seconds).toFixed(2)),
    images_per_s_n: Number((images.length / many.seconds).toFixed(2)),
    workers,
    speedup_n: Number((one.seconds / many.seconds).toFixed(2)),
    peak_rss_mb: Math.round(peakRss / 2 ** 20),
    peak_rss_mb_one_worker: Math.round(peakOne / 2 ** 20),
    // What each worker past the first adds: the first also carries the process itself.
    rss_mb_per_extra_worker: workers > 1
      ? Math.round((peakRss - peakOne) / (workers - 1) / 2 ** 20)
      : null,
    cache_cold_s: Number(cold.seconds.toFixed(2)),
    cache_warm_s: Number(warm.seconds.toFixed(3)),
    cache_speedup: Number((cold.seconds / warm.seconds).toFixed(1)),
    ours_token_recall: await accuracy(flags.corpus, (p) => pages.get(p)),
    native_token_recall: nat ? await accuracy(flags.corpus, (p) => nat.text.get(p)) : null,
    failures: one.results.filter((r) => !r.ok).length,
  };
  if (flags.json) console.log(JSON.stringify(result));
  else {
    if (!nat) {
      console.log(
        "native tesseract: not installed (apt-get install tesseract-ocr tesseract-ocr-swe)",
      );
    }
    for (const [k, v] of Object.entries(result)) console.log(`${k.padEnd(24)} ${v}`);
  }
  Deno.exit(0);
}
