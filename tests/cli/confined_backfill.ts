/**
 * The backfill launched as the compiled executable launches it (cli/confined_entry.ts): the
 * entry runs in a worker holding only this command line's grants, not in a child process.
 */
import { optionsOrExit } from "../../cli/backfill.ts";
import { backfillGrants } from "../../cli/backfill_grants.ts";
import { runConfined } from "../../cli/confined_entry.ts";

const parsed = optionsOrExit(Deno.args);
const worker = new URL("../../cli/backfill_worker.ts", import.meta.url);
Deno.exit(typeof parsed === "number" ? parsed : await runConfined(worker, backfillGrants(parsed)));
