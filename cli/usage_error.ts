import { styleText } from "node:util";

/** A mistake in the command line: one line on stderr, a pointer to --help, exit 2. */
export function exitWithUsageError(command: string, message: string): never {
  console.error(`${styleText("red", "error")}: ${message}`);
  console.error(`Run "deno task ${command} --help" for usage.`);
  Deno.exit(2);
}

/** An operational failure: one clear line, exit 1. */
export function exitWithError(message: string): never {
  console.error(`${styleText("red", "error")}: ${message}`);
  Deno.exit(1);
}
