/**
 * The apply entry point. Run it through `deno task apply` (cli/apply_launcher.ts), which
 * grants exactly the permissions this needs; it refuses to run with broader ones.
 */
import { styleText } from "node:util";
import { APPLY_HELP, type ApplyCommand, parseApplyFlags, UsageError } from "./apply_flags.ts";
import { runApply } from "./apply_run.ts";
import { runSeed } from "./apply_seed.ts";
import type { ApplyReport } from "../lib/schema/apply_report.ts";

/** Grants this process must not hold: any subprocess, and blanket read, write or network. */
async function excessGrants(): Promise<string[]> {
  const checks: [string, Deno.PermissionDescriptor][] = [
    ["--allow-run", { name: "run" }],
    ["--allow-write (everywhere)", { name: "write" }],
    ["--allow-read (everywhere)", { name: "read" }],
    ["--allow-net (every host)", { name: "net" }],
    ["--allow-ffi", { name: "ffi" }],
  ];
  const excess: string[] = [];
  for (const [label, desc] of checks) {
    if ((await Deno.permissions.query(desc)).state === "granted") excess.push(label);
  }
  return excess;
}

function table(report: ApplyReport): string {
  const p = report.persisted;
  const lines = [
    `sessions: ${
      Object.entries(report.counts).filter(([, n]) => n).map(([k, n]) => `${k} ${n}`).join(", ") ||
      "none"
    }`,
    `snapshots written ${p.snapshots_written}, refreshed ${p.snapshots_refreshed}`,
    `events inserted ${p.events_inserted}, updated ${p.events_updated}, deleted ${p.events_deleted}`,
    `notifications stored ${p.notifications_stored}`,
  ];
  for (const s of report.sessions.filter((s) => s.error)) {
    lines.push(`${s.session_id}\t${s.status}\t${s.error?.message}`);
  }
  return lines.join("\n");
}

export async function main(): Promise<number> {
  let flags: ApplyCommand;
  try {
    flags = parseApplyFlags(Deno.args, (k) => Deno.env.get(k));
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    console.error(`${styleText("red", "error")}: ${err.message}\nRun with --help for usage`);
    return 2;
  }
  if (flags.help) {
    console.log(APPLY_HELP);
    return 0;
  }
  if (flags.mode === "seed") return await runSeed(flags);
  const excess = await excessGrants();
  if (excess.length) {
    console.error(
      `${styleText("red", "error")}: Refusing to run with broad permissions: ${
        excess.join(", ")
      }: use deno task apply`,
    );
    return 1;
  }
  const abort = new AbortController();
  const onInterrupt = () => abort.abort();
  Deno.addSignalListener("SIGINT", onInterrupt);
  try {
    const result = await runApply({
      databaseUrl: flags.databaseUrl,
      schema: flags.schema,
      planPath: flags.planPath,
      reportPath: flags.reportPath,
      storeNotifications: flags.storeNotifications,
      minConfidence: flags.minConfidence,
      concurrency: flags.concurrency,
      signal: abort.signal,
      log: (line) => console.error(line),
    });
    if (result.message) console.error(`${styleText("red", "error")}: ${result.message}`);
    if (result.report) {
      console.log(flags.json ? JSON.stringify(result.report, null, 2) : table(result.report));
      console.error(`Report written to "${flags.reportPath}"`);
    }
    return result.exitCode;
  } catch (err) {
    const e = err as Error & { code?: string; address?: string; port?: number };
    const where = e.address ? ` (${e.address}:${e.port})` : "";
    console.error(`${styleText("red", "error")}: Apply failed${where}: ${e.message}`);
    return 1;
  } finally {
    Deno.removeSignalListener("SIGINT", onInterrupt);
  }
}

if (import.meta.main) Deno.exit(await main());
