/**
 * `deno task report:merge --output-file merged.json shard0.json shard1.json ...`: combines the
 * summaries of a sharded backfill into one, which apply and reviewers read like any other.
 */
import { dirname, isAbsolute, resolve } from "node:path";
import { parseArgs, styleText } from "node:util";
import { writeJsonAtomic } from "../io/atomic_write.ts";
import { BackfillSummary } from "../lib/schema/session_output.ts";
import { MergeError, mergeSummaries } from "../lib/summary.ts";
import { summaryFileRef } from "./backfill_run.ts";

const HELP = `Combine the summaries of sharded backfill runs into one summary.

Usage:
  deno task report:merge --output-file FILE SUMMARY...

Options:
  --output-file FILE   Where the merged summary goes (default: backfill_report.json)
  --json               Print the merged summary instead of its counts
  -h, --help           Show this help

Per-session files stay where the shards wrote them; the merged summary refers to them.
Exit codes: 0 merged, 1 a summary unreadable, invalid or overlapping, 2 usage error`;

const fail = (message: string) => console.error(`${styleText("red", "error")}: ${message}`);

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: Deno.args,
      allowPositionals: true,
      options: {
        "output-file": { type: "string", default: "backfill_report.json" },
        "json": { type: "boolean", default: false },
        "help": { type: "boolean", short: "h", default: false },
      },
    });
  } catch (err) {
    fail(`${(err as Error).message.replace(/\.$/, "")}\nRun with --help for usage`);
    return 2;
  }
  if (parsed.values.help) {
    console.log(HELP);
    return 0;
  }
  if (!parsed.positionals.length) {
    fail("Missing shard summaries to merge\nRun with --help for usage");
    return 2;
  }
  const output = resolve(parsed.values["output-file"]);
  const parts = [];
  for (const file of parsed.positionals.map((f) => resolve(f))) {
    let data: unknown;
    try {
      data = JSON.parse(await Deno.readTextFile(file));
    } catch (err) {
      fail(`Cannot read summary "${file}": ${(err as Error).message}`);
      return 1;
    }
    const summary = BackfillSummary.safeParse(data);
    if (!summary.success) {
      fail(
        `Summary "${file}" is invalid: ${summary.error.issues[0]?.path.join(".")} ${
          summary.error.issues[0]?.message
        }`,
      );
      return 1;
    }
    const base = dirname(file);
    parts.push({
      file,
      summary: summary.data,
      lineFile: (l: { file: string }) =>
        summaryFileRef(output, isAbsolute(l.file) ? l.file : resolve(base, l.file)),
    });
  }
  let merged;
  try {
    merged = mergeSummaries(parts);
  } catch (err) {
    if (!(err instanceof MergeError)) throw err;
    fail(err.message);
    return 1;
  }
  await writeJsonAtomic(output, merged);
  const c = merged.counts;
  console.log(
    parsed.values.json
      ? JSON.stringify(merged, null, 2)
      : `merged ${parts.length} summaries into "${output}": sessions ${c.sessions}, ok ${
        c.by_status.ok ?? 0
      }, no_schedule ${c.by_status.no_schedule ?? 0}, failed ${c.by_status.failed ?? 0}${
        merged.partial ? " (partial)" : ""
      }`,
  );
  return 0;
}

Deno.exit(await main());
