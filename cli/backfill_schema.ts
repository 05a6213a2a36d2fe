/**
 * `deno task schema:generate`: publishes the dry run's output shapes as JSON Schema files
 * generated from the zod schemas, so reviewers' tools can validate the files. With --check
 * it only reports whether the published files are current (exit 1 when not).
 */
import { z } from "zod";
import { BackfillSummary, SessionOutput } from "../lib/schema/session_output.ts";

const DIR = new URL("../schema/", import.meta.url);

export const PUBLISHED: Record<string, z.ZodType> = {
  "backfill_session.schema.json": SessionOutput,
  "backfill_summary.schema.json": BackfillSummary,
};

export function schemaText(name: string, type: z.ZodType): string {
  const schema = z.toJSONSchema(type, { target: "draft-2020-12", io: "output" });
  return `${
    JSON.stringify(
      { $id: `https://schedule-backfill.invalid/schema/${name}`, ...schema },
      null,
      2,
    )
  }\n`;
}

async function main(): Promise<number> {
  const check = Deno.args.includes("--check");
  const stale: string[] = [];
  for (const [name, type] of Object.entries(PUBLISHED)) {
    const url = new URL(name, DIR);
    const text = schemaText(name, type);
    const current = await Deno.readTextFile(url).catch(() => null);
    if (current === text) continue;
    if (check) stale.push(name);
    else {
      await Deno.writeTextFile(url, text);
      console.error(`wrote schema/${name}`);
    }
  }
  if (stale.length) {
    console.error(`Stale schema files: ${stale.join(", ")}: run deno task schema:generate`);
    return 1;
  }
  return 0;
}

if (import.meta.main) Deno.exit(await main());
