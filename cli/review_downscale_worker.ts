/** Downscales screenshots for the review page off the main thread, one request at a time. */
/// <reference lib="deno.worker" />
import { downscaleToJpeg } from "./review_downscale.ts";

export interface DownscaleRequest {
  id: number;
  bytes: Uint8Array;
}

export type DownscaleReply =
  | { id: number; ok: true; jpeg: Uint8Array }
  | { id: number; ok: false; message: string };

self.onmessage = async (event: MessageEvent<DownscaleRequest>) => {
  const { id, bytes } = event.data;
  let reply: DownscaleReply;
  try {
    reply = { id, ok: true, jpeg: await downscaleToJpeg(bytes) };
  } catch (err) {
    reply = { id, ok: false, message: (err as Error).message };
  }
  self.postMessage(reply);
};
