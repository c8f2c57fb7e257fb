/**
 * A TCP proxy between the channel and Dovecot that can cut every connection (optionally after a number of
 * bytes from the server, i.e. in the middle of a FETCH) and refuse new ones for a while.
 */
import { createServer, connect, type Server, type Socket } from 'node:net';

/** The running proxy. */
export interface TcpProxy {
  port: number;
  /** Cuts all open connections once the server has sent `bytes` more bytes on any of them. */
  cutAfter(bytes: number): Promise<void>;
  /** Refuse (close at once) new connections until {@link TcpProxy.accept}. */
  refuse(): void;
  accept(): void;
  /** Connections accepted so far. */
  connections(): number;
  close(): Promise<void>;
}

/** Starts a proxy on 127.0.0.1 (free port) to `target`. */
export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const open = new Set<Socket>();
  let refusing = false;
  let accepted = 0;
  let armed: { remaining: number; done: () => void } | null = null;

  const cutAll = (): void => {
    for (const s of open) s.destroy();
    open.clear();
  };

  const server: Server = createServer((client) => {
    if (refusing) {
      client.destroy();
      return;
    }
    accepted += 1;
    const upstream = connect(target.port, target.host);
    open.add(client);
    open.add(upstream);
    client.on('data', (d) => upstream.write(d));
    upstream.on('data', (d: Buffer) => {
      if (armed !== null) {
        armed.remaining -= d.length;
        if (armed.remaining <= 0) {
          const done = armed.done;
          armed = null;
          cutAll();
          done();
          return;
        }
      }
      client.write(d);
    });
    const end = (): void => {
      client.destroy();
      upstream.destroy();
      open.delete(client);
      open.delete(upstream);
    };
    client.on('close', end);
    upstream.on('close', end);
    client.on('error', end);
    upstream.on('error', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    port,
    cutAfter(bytes) {
      return new Promise((resolve) => {
        armed = { remaining: bytes, done: resolve };
      });
    },
    refuse() {
      refusing = true;
      cutAll();
    },
    accept() {
      refusing = false;
    },
    connections: () => accepted,
    close() {
      cutAll();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
