/** Running `deno task apply` as the operator does, for the CLI tests. */
import { join } from "node:path";
import { CONFIG, ROOT, type Run, runLauncher } from "./backfill_support.ts";

export { CONFIG };
export const LAUNCHER = join(ROOT, "cli/apply_launcher.ts");
export const ENTRY = join(ROOT, "cli/apply.ts");

/** The launcher with the task's own grants; DATABASE_URL as given (empty by default). */
export function launch(args: string[], databaseUrl = ""): Promise<Run> {
  return runLauncher(LAUNCHER, args, { DATABASE_URL: databaseUrl });
}
