import { parseArgs, styleText } from "node:util";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { basename, join, relative, resolve } from "node:path";
import { localDateOf } from "../lib/calendar_math.ts";
import {
  type EvalReport,
  scoreAgainstTruth,
  type ScoredInput,
  type SessionOutcome,
} from "../lib/eval_score.ts";
import { extractSchedule } from "../lib/pipeline.ts";
import { CorpusSessions, OcrPage, Truth } from "../lib/schema/mod.ts";

const HELP =
  `Usage: deno task eval --corpus DIR [--json] [--pages-dir DIR] [--cache-dir DIR] [--timezone TZ]

Runs OCR and schedule extraction over every session of a corpus (sessions.json, images/,
truth/) and scores the result against the truth.

  --corpus DIR      corpus folder
  --json            print one JSON object {metrics, by_layout, sessions} on stdout
  --pages-dir DIR   read OCR pages from DIR/<image basename without extension>.json instead of running OCR
  --cache-dir DIR   OCR cache folder
  --timezone TZ     time zone of the schedules (default Europe/Stockholm)
  --help            show this text`;

interface OcrEnginePort {
  recognize(path: string): Promise<
    { ok: true; page: OcrPage } | { ok: false; error: { code: string; message: string } }
  >;
  close(): Promise<void>;
}

function usage(message: string): never {
  console.error(`${message}\nSee --help`);
  Deno.exit(2);
}

/** Every file under `root`, keyed by path relative to it and by basename. */
function indexImages(root: string): { byPath: Set<string>; byName: Map<string, string[]> } {
  const byPath = new Set<string>();
  const byName = new Map<string, string[]>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir)) {
      const full = join(dir, entry);
      if (statSync(full).isDirectory()) walk(full);
      else {
        byPath.add(relative(root, full));
        byName.set(entry, [...(byName.get(entry) ?? []), full]);
      }
    }
  };
  if (existsSync(root)) walk(root);
  return { byPath, byName };
}

type Resolved = { ok: true; path: string } | { ok: false; code: string; message: string };

function resolveImage(root: string, index: ReturnType<typeof indexImages>, key: string): Resolved {
  if (index.byPath.has(key)) return { ok: true, path: join(root, key) };
  const found = index.byName.get(basename(key)) ?? [];
  if (found.length === 1) return { ok: true, path: found[0]! };
  if (found.length > 1) {
    return {
      ok: false,
      code: "image_ambiguous",
      message: `Cannot resolve image "${key}": ${found.length} files share the basename`,
    };
  }
  return {
    ok: false,
    code: "image_missing",
    message: `Cannot resolve image "${key}": no file with that path or basename`,
  };
}

async function openEngine(cacheDir: string | undefined): Promise<OcrEnginePort> {
  // Loaded only when OCR is needed, so evaluating stored pages does not start the engine.
  const specifier = "../ocr/mod.ts";
  const ocr = await import(specifier);
  return await ocr.openOcrEngine({ lang: "sv", ...(cacheDir ? { cacheDir } : {}) });
}

async function pagesFor(
  paths: readonly string[],
  pagesDir: string | undefined,
  engine: () => Promise<OcrEnginePort>,
): Promise<{ ok: true; pages: OcrPage[] } | { ok: false; code: string; message: string }> {
  const pages: OcrPage[] = [];
  for (const path of paths) {
    if (pagesDir) {
      const file = join(pagesDir, basename(path).replace(/\.[^.]+$/, "") + ".json");
      if (!existsSync(file)) {
        return { ok: false, code: "ocr_failed", message: `No OCR page "${file}"` };
      }
      pages.push(OcrPage.parse(JSON.parse(readFileSync(file, "utf8"))));
      continue;
    }
    const result = await (await engine()).recognize(path);
    if (!result.ok) return { ok: false, code: result.error.code, message: result.error.message };
    pages.push(result.page);
  }
  return { ok: true, pages };
}

/** Runs the pipeline over a corpus folder and scores it. */
export async function evaluateCorpus(
  corpus: string,
  options: {
    pagesDir?: string | undefined;
    cacheDir?: string | undefined;
    timeZone?: string | undefined;
  },
): Promise<EvalReport> {
  const timeZone = options.timeZone ?? "Europe/Stockholm";
  const { sessions } = CorpusSessions.parse(
    JSON.parse(readFileSync(join(corpus, "sessions.json"), "utf8")),
  );
  const root = join(corpus, "images");
  const index = indexImages(root);
  let engine: OcrEnginePort | null = null;
  const getEngine = async () => engine ??= await openEngine(options.cacheDir);
  const inputs: ScoredInput[] = [];
  try {
    for (const session of [...sessions].sort((a, b) => a.id - b.id)) {
      const truthFile = join(corpus, "truth", `${session.id}.json`);
      if (!existsSync(truthFile)) continue;
      const truth = Truth.parse(JSON.parse(readFileSync(truthFile, "utf8")));
      const images = [...session.images].sort((a, b) => a.sequence - b.sequence);
      const resolved = images.map((i) => resolveImage(root, index, i.r2_key));
      const failed = resolved.find((r) => !r.ok);
      let outcome: SessionOutcome;
      if (failed && !failed.ok) {
        outcome = { kind: "error", code: failed.code, message: failed.message };
      } else {
        const paths = resolved.map((r) => (r.ok ? r.path : ""));
        const pages = await pagesFor(paths, options.pagesDir, getEngine);
        if (!pages.ok) outcome = { kind: "error", code: pages.code, message: pages.message };
        else {
          const reference = localDateOf(session.created_at, timeZone);
          const schedule = extractSchedule(pages.pages, {
            reference,
            timeZone,
            defaultYear: Number(reference.slice(0, 4)),
          });
          outcome = { kind: "schedule", schedule };
        }
      }
      inputs.push({ truth, outcome });
      console.error(
        styleText(
          "dim",
          `session ${session.id}: ${
            outcome.kind === "error" ? outcome.code : outcome.schedule.status
          }`,
        ),
      );
    }
  } finally {
    if (engine) await (engine as OcrEnginePort).close();
  }
  return scoreAgainstTruth(inputs);
}

const pct = (x: number) => (x * 100).toFixed(1).padStart(6) + "%";

function printSummary(report: EvalReport): void {
  const m = report.metrics;
  const lines = [
    `sessions               ${m.sessions} (expected outcome: ${m.expect_matched}/${m.sessions})`,
    `shifts                 tp ${m.true_positives}  fp ${m.false_positives}  fn ${m.false_negatives}`,
    `precision              ${pct(m.precision)}`,
    `recall                 ${pct(m.recall)}`,
    `F1                     ${pct(m.f1)}  (date, start and end exact)`,
    `F1 on every field      ${pct(m.full_f1)}  (label, location and break too)`,
    `label accuracy         ${pct(m.label_accuracy)}`,
    `day status accuracy    ${pct(m.day_status_accuracy)}`,
    `wrong years            ${m.wrong_years}`,
    `shifts on non-schedule ${m.false_shifts_on_non_schedule}`,
    "",
    "layout  sessions      F1 full F1  status acc",
    ...Object.entries(report.by_layout).map(([layout, b]) =>
      `${layout.padEnd(7)} ${String(b.sessions).padStart(8)} ${pct(b.f1)} ${pct(b.full_f1)} ${
        pct(b.day_status_accuracy)
      }`
    ),
  ];
  console.log(lines.join("\n"));
}

function printProblems(report: EvalReport): void {
  for (const s of report.sessions) {
    const head = `session ${s.session_id} (${s.layout}, expect ${s.expect}, got ${s.outcome})`;
    const problems = [
      ...(s.expect_matched ? [] : [`  outcome ${s.outcome} instead of ${s.expect}`]),
      ...s.missed.map((x) => `  missed ${x}`),
      ...s.wrong.map((x) => `  wrong  ${x}`),
      ...s.wrong_status.map((x) => `  status ${x}`),
      ...s.wrong_years.map((x) => `  year   ${x}`),
    ];
    if (problems.length) console.error([styleText("yellow", head), ...problems].join("\n"));
  }
}

if (import.meta.main) {
  let args;
  try {
    args = parseArgs({
      args: Deno.args,
      options: {
        corpus: { type: "string" },
        json: { type: "boolean", default: false },
        "pages-dir": { type: "string" },
        "cache-dir": { type: "string" },
        timezone: { type: "string" },
        help: { type: "boolean", default: false },
      },
    }).values;
  } catch (e) {
    usage((e as Error).message);
  }
  if (args.help) {
    console.log(HELP);
    Deno.exit(0);
  }
  if (!args.corpus) usage("Missing --corpus DIR");
  const corpus = resolve(args.corpus);
  if (!existsSync(join(corpus, "sessions.json"))) usage(`No sessions.json in "${args.corpus}"`);
  const report = await evaluateCorpus(corpus, {
    pagesDir: args["pages-dir"],
    cacheDir: args["cache-dir"],
    timeZone: args.timezone,
  });
  printProblems(report);
  if (args.json) console.log(JSON.stringify({ ...report, overall: report.metrics }));
  else printSummary(report);
}
