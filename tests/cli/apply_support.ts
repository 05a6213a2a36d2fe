/** Running `deno task apply` as the operator does, for the CLI tests. */
import { join } from "node:path";

export const ROOT = new URL("../../", import.meta.url).pathname;
export const LAUNCHER = join(ROOT, "cli/apply_launcher.ts");
export const ENTRY = join(ROOT, "cli/apply.ts");
export const CONFIG = join(ROOT, "deno.json");

export interface Launched {
  code: number;
  stdout: string;
  stderr: string;
}

/** The launcher with the task's own grants; DATABASE_URL as given (empty by default). */
export async function launch(args: string[], databaseUrl = ""): Promise<Launched> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--allow-read",
      "--allow-env",
      "--allow-run",
      `--config=${CONFIG}`,
      LAUNCHER,
      ...args,
    ],
    stdout: "piped",
    stderr: "piped",
    env: { DATABASE_URL: databaseUrl },
  }).output();
  const dec = new TextDecoder();
  return { code: out.code, stdout: dec.decode(out.stdout), stderr: dec.decode(out.stderr) };
}
