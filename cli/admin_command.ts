/**
 * The shared front of the administrator commands (`db:setup`, `load-corpus`): strict flag
 * parsing, `--help`, and the database URL from the flag or `DATABASE_URL`.
 */
import { parseArgs, type ParseArgsOptionsConfig } from "node:util";
import { exitWithUsageError } from "./usage_error.ts";

type Values<O extends ParseArgsOptionsConfig> = ReturnType<
  typeof parseArgs<{ args: string[]; options: O; strict: true }>
>["values"];

/** Parses the command line, prints the help and exits when asked, and finds the database URL. */
export function parseAdminCommand<O extends ParseArgsOptionsConfig>(
  task: string,
  help: string,
  options: O,
): { flags: Values<O>; url: string } {
  let flags: Values<O>;
  try {
    flags = parseArgs({
      args: Deno.args,
      options: {
        ...options,
        "database-url": { type: "string" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
    }).values as Values<O>;
  } catch (e) {
    exitWithUsageError(task, (e as Error).message);
  }
  const values = flags as Record<string, unknown>;
  if (values.help) {
    console.log(help);
    Deno.exit(0);
  }
  const url = (values["database-url"] as string | undefined) ?? Deno.env.get("DATABASE_URL");
  if (!url) exitWithUsageError(task, "Missing --database-url (or DATABASE_URL)");
  return { flags, url };
}
