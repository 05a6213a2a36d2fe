/** The apply entry as a confined worker (compiled executable): posts its exit code. */
/// <reference lib="deno.worker" />
import { main } from "./apply.ts";

self.postMessage(await main());
