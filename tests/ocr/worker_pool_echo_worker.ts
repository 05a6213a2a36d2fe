/**
 * A worker for the pool's tests: answers with the text in capitals (and the number of bytes
 * sent with it, if any), or with a failure of its
 * own for "refuse"; never answers "hang"; throws on "crash", as a decoder running out of memory
 * would.
 */
/// <reference lib="deno.worker" />

export interface EchoRequest {
  id: number;
  text: string;
  bytes?: Uint8Array;
}

export type EchoReply =
  | { id: number; ok: true; text: string }
  | { id: number; ok: false; message: string };

self.onmessage = (event: MessageEvent<EchoRequest>) => {
  const { id, text, bytes } = event.data;
  if (text === "hang") return;
  if (text === "crash") throw new Error(`cannot handle "${text}"`);
  const reply: EchoReply = text === "refuse"
    ? { id, ok: false, message: `refused "${text}"` }
    : { id, ok: true, text: bytes ? `${text.toUpperCase()} ${bytes.length}` : text.toUpperCase() };
  self.postMessage(reply);
};
