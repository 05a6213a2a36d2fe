/** Runs a deno task of this repository as a user would, and captures what it prints. */
const ROOT = new URL("../../", import.meta.url).pathname;

export interface TaskResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runTask(
  task: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<TaskResult> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["task", "--quiet", task, ...args],
    cwd: ROOT,
    env: { NO_COLOR: "1", DATABASE_URL: "", ...env },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = (b: Uint8Array) => new TextDecoder().decode(b);
  return { code: out.code, stdout: text(out.stdout), stderr: text(out.stderr) };
}
