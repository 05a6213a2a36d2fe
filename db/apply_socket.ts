/**
 * A plain TCP connection for postgres.js that sends everything written to it within one turn
 * of the event loop as one write. An apply lane pipelines many statements; written one by
 * one, each would wake the server (and switch the CPU to it) once per statement.
 */
import net from "node:net";

/** The parts of postgres.js's parsed options a socket is made from. */
export interface SocketTarget {
  host: string[];
  port: number[];
  path?: string | false;
  connect_timeout?: number;
}

/**
 * Whether `batchingSocket` can stand in for postgres.js's own socket: one host, no TLS (a TLS
 * connection writes through its own socket) and no failover between hosts to preserve.
 */
export function canBatch(options: SocketTarget & { ssl?: unknown }): boolean {
  return !options.ssl && (Boolean(options.path) || options.host.length === 1);
}

/** Connects as postgres.js's `socket` option expects: resolved once connected. */
export function batchingSocket(options: SocketTarget): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    // A large buffer lets a lane queue a whole window of statements without backpressure.
    const socket = new net.Socket(
      { writableHighWaterMark: 1 << 20 } as net.SocketConstructorOpts,
    );
    const timeout = setTimeout(() => {
      socket.destroy();
      reject(new Error(`Timed out connecting to ${options.host[0]}:${options.port[0]}`));
    }, (options.connect_timeout ?? 30) * 1000);
    socket.once("error", (err) => {
      clearTimeout(timeout);
      reject(err);
    });
    socket.once("connect", () => {
      clearTimeout(timeout);
      socket.setNoDelay(true);
      const write = socket.write.bind(socket) as (...args: unknown[]) => boolean;
      let corked = false;
      // Corked writes go out together, in order, when uncorked; end() uncorks first.
      socket.write = ((...args: unknown[]) => {
        if (!corked) {
          corked = true;
          socket.cork();
          setImmediate(() => {
            corked = false;
            socket.uncork();
          });
        }
        return write(...args);
      }) as typeof socket.write;
      resolve(socket);
    });
    if (options.path) socket.connect(options.path);
    else socket.connect(options.port[0]!, options.host[0]!);
  });
}
