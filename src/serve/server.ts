// The HTTP server (Node's own http) with its limits: header and request timeouts, keep-alive, header size,
// concurrent connections. Binds, and says where.
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Limits against slow or greedy clients; the defaults suit a LAN dashboard and a Prometheus. */
export interface ServerLimits {
  /** Whole request headers must arrive within this (default 10 s): a slowloris is cut off. */
  readonly headersTimeoutMs: number;
  /** The whole request within this (default 15 s; at least headersTimeoutMs). */
  readonly requestTimeoutMs: number;
  /** An idle keep-alive connection is closed after this (default 5 s). */
  readonly keepAliveTimeoutMs: number;
  /** Request headers larger than this get 431 (default 8 KiB). */
  readonly maxHeaderBytes: number;
  /** Connections beyond this are closed at once (default 1024). */
  readonly maxConnections: number;
  /** How often the timeouts above are checked (default 1 s). */
  readonly checkIntervalMs: number;
}

export const DEFAULT_LIMITS: ServerLimits = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 15_000,
  keepAliveTimeoutMs: 5_000,
  maxHeaderBytes: 8 * 1024,
  maxConnections: 1024,
  checkIntervalMs: 1_000,
};

export interface RunningServer {
  readonly server: http.Server;
  /** e.g. "http://127.0.0.1:9464" (the bound port; IPv6 in brackets). */
  readonly url: string;
  /** Stops accepting, ends every connection (SSE included). */
  close(): Promise<void>;
}

/** Listens on host:port; rejects with the listen error (EADDRINUSE, EACCES, EADDRNOTAVAIL). */
export function startServer(
  handler: (req: IncomingMessage, res: ServerResponse) => void,
  where: { readonly host: string; readonly port: number },
  limits: Partial<ServerLimits> = {},
): Promise<RunningServer> {
  const l = { ...DEFAULT_LIMITS, ...limits };
  const server = http.createServer({
    headersTimeout: l.headersTimeoutMs,
    requestTimeout: Math.max(l.requestTimeoutMs, l.headersTimeoutMs),
    keepAliveTimeout: l.keepAliveTimeoutMs,
    maxHeaderSize: l.maxHeaderBytes,
    connectionsCheckingInterval: l.checkIntervalMs,
  }, handler);
  server.keepAliveTimeout = l.keepAliveTimeoutMs;
  server.maxConnections = l.maxConnections;
  server.maxRequestsPerSocket = 1_000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(where.port, where.host, () => {
      server.off('error', reject);
      const a = server.address() as AddressInfo;
      const host = a.family === 'IPv6' ? `[${a.address}]` : a.address;
      resolve({
        server,
        url: `http://${host}:${a.port}`,
        close: () => new Promise<void>((done) => {
          server.close(() => done());
          server.closeAllConnections();
        }),
      });
    });
  });
}
