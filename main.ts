/**
 * `deno task backfill`: parses the command line, then re-runs the backfill entry point with
 * exactly the grants it needs (the database host, the images, the engine's modules, the
 * output paths), so neither a mistake nor a hostile key can reach anything else.
 */
import { backfillGrants } from "./cli/backfill_grants.ts";
import { optionsOrExit } from "./cli/backfill.ts";
import { runConfined } from "./cli/confined_entry.ts";

async function main(): Promise<number> {
  const parsed = optionsOrExit(Deno.args);
  if (typeof parsed === "number") return parsed;
  if (Deno.build.standalone) {
    return await runConfined(
      new URL("./cli/backfill_worker.ts", import.meta.url),
      backfillGrants(parsed),
    );
  }
  const entry = new URL("./cli/backfill.ts", import.meta.url).pathname;
  const config = new URL("./deno.json", import.meta.url).pathname;
  const child = new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--no-prompt",
      `--config=${config}`,
      ...backfillGrants(parsed),
      entry,
      ...Deno.args,
    ],
    stdin: "inherit",
    stdout: "inherit",
    stderr: "inherit",
  }).spawn();
  // The terminal sends Ctrl-C to the child too: waiting lets it finish and report.
  Deno.addSignalListener("SIGINT", () => {});
  Deno.addSignalListener("SIGTERM", () => child.kill("SIGINT"));
  const status = await child.status;
  return status.signal === "SIGINT" ? 130 : status.code;
}

Deno.exit(await main());
