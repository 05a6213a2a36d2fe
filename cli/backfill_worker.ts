/** The backfill entry as a confined worker (compiled executable): posts its exit code. */
/// <reference lib="deno.worker" />
import { main } from "./backfill.ts";

self.postMessage(await main());
