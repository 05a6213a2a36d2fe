/** Validates files against the published JSON Schemas (not the zod schemas they come from). */
import { Ajv2020 } from "ajv/dist/2020.js";

const ajv = new Ajv2020({ strict: false, allErrors: true });
const validators = new Map<string, ReturnType<typeof ajv.compile>>();

export async function publishedSchemaErrors(name: string, data: unknown): Promise<string[]> {
  let validate = validators.get(name);
  if (!validate) {
    const text = await Deno.readTextFile(new URL(`../../schema/${name}`, import.meta.url));
    validate = ajv.compile(JSON.parse(text));
    validators.set(name, validate);
  }
  return validate(data) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}
