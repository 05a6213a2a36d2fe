/**
 * `deno task apply`: re-runs the apply entry point with exactly the grants this command line
 * needs (the database host, the plan files, the report file), so a mistake or a hostile plan
 * cannot reach anything else.
 */
import { styleText } from "node:util";
import { parseApplyFlags, UsageError } from "./apply_flags.ts";
import { applyGrants } from "./apply_grants.ts";
import { runConfined } from "./confined_entry.ts";

async function main(): Promise<number> {
  const args = Deno.args;
  let grants: string[] = [];
  try {
    const flags = parseApplyFlags(args, (k) => Deno.env.get(k));
    if (!flags.help) {
      grants = await applyGrants(flags);
    }
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    console.error(`${styleText("red", "error")}: ${err.message}\nRun with --help for usage`);
    return 2;
  }
  if (Deno.build.standalone) {
    return await runConfined(new URL("./apply_worker.ts", import.meta.url), grants);
  }
  const entry = new URL("./apply.ts", import.meta.url).pathname;
  const config = new URL("../deno.json", import.meta.url).pathname;
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "--no-prompt", `--config=${config}`, ...grants, entry, ...args],
    stdin: "inherit",
    stdout: "inherit",
    stderr: "inherit",
  }).spawn();
  // The child gets Ctrl-C from the terminal too; waiting lets it finish and report.
  Deno.addSignalListener("SIGINT", () => {});
  Deno.addSignalListener("SIGTERM", () => child.kill("SIGTERM"));
  const status = await child.status;
  return status.signal === "SIGINT" ? 130 : status.code;
}

Deno.exit(await main());
