import assert from "node:assert/strict";
import { PUBLISHED, schemaText } from "../../cli/backfill_schema.ts";

Deno.test("the published JSON Schema files match the zod schemas they are generated from", async () => {
  for (const [name, type] of Object.entries(PUBLISHED)) {
    const published = await Deno.readTextFile(new URL(`../../schema/${name}`, import.meta.url));
    assert.equal(
      published,
      schemaText(name, type),
      `schema/${name} is stale: deno task schema:generate`,
    );
  }
});
