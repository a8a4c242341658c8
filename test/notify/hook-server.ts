// A local webhook receiver on 127.0.0.1 for hook tests: records requests; answers by a settable behaviour.
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface HookRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** What the receiver does with the next request: a status, or never answer. */
export type HookBehaviour = { readonly status: number } | { readonly hang: true };

export interface HookServer {
  readonly url: string;
  readonly requests: HookRequest[];
  /** Behaviours for the next requests, in order; the last one repeats. Default: 204. */
  behave(...b: HookBehaviour[]): void;
  /** Resolves when `n` requests have arrived. */
  waitFor(n: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export async function startHookServer(): Promise<HookServer> {
  const requests: HookRequest[] = [];
  let plan: HookBehaviour[] = [{ status: 204 }];
  const hanging: ServerResponse[] = [];
  const waiters = new Set<() => void>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      requests.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      const b = plan.length > 1 ? plan.shift() : plan[0];
      for (const w of waiters) w();
      if (!b || 'hang' in b) return void hanging.push(res);
      res.writeHead(b.status, { 'content-type': 'text/plain' }).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    behave: (...b) => {
      plan = b;
    },
    waitFor: (n, timeoutMs = 10_000) => new Promise<void>((resolve, reject) => {
      const check = () => {
        if (requests.length < n) return;
        waiters.delete(check);
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`hook server: ${requests.length} of ${n} requests after ${timeoutMs} ms`));
      }, timeoutMs);
      waiters.add(check);
      check();
    }),
    close: () => new Promise<void>((resolve) => {
      for (const res of hanging) res.destroy();
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}
