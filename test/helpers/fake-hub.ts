// A small hub for tests, speaking the hub contract of issue 10 (/api/v1/hub/state, /api/v1/hub/actions,
// /api/v1/events) on 127.0.0.1 from a real store fed by a real poller against the upstream simulator: what
// `l2top serve` does, without serve. Faults, a kill and a restart (a new instance) are a call away.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { createHttpClient } from '../../src/feeds/http.js';
import { DEFAULT_NETWORKS, PRICE_SOURCES } from '../../src/feeds/networks.js';
import { createPoller, type Poller } from '../../src/feeds/poller.js';
import { SOURCES, sourcesFor } from '../../src/feeds/registry.js';
import { metaOf } from '../../src/feeds/source.js';
import type { FeedAction } from '../../src/model/actions.js';
import { initialState } from '../../src/model/state.js';
import { createStore, type Store } from '../../src/model/store.js';
import type { SourceMeta } from '../../src/model/types.js';
import { Provenance } from '../../src/state/provenance.js';
import { checkpointRecords, diffRecords } from '../../src/state/to-records.js';

type Entry = { readonly seq: number; readonly action: FeedAction } | { readonly seq: number; readonly resync: true };

/** What an endpoint answers instead of the truth. */
export type HubFault = { readonly status: number; readonly body?: string } | { readonly raw: string } | { readonly json: unknown } | { readonly big: number };
export type HubPath = '/api/v1/hub/state' | '/api/v1/hub/actions' | '/api/v1/events';

export interface FakeHubOptions {
  /** The simulator's provider base URLs. */
  readonly baseUrls: Readonly<Record<string, string>>;
  /** The hub's poll interval; with `live` its poller runs on it. Default 1 h (rounds by round()). */
  readonly intervalMs?: number;
  /** Start the poller (rounds on its own, backfill included). Default false. */
  readonly live?: boolean;
  /** Ask for `Authorization: Bearer <token>` on every endpoint. */
  readonly token?: string;
  /** Entries the action ring keeps (default 2000). */
  readonly ringSize?: number;
  readonly timeoutMs?: number;
}

export interface FakeHub {
  /** http://127.0.0.1:PORT */
  readonly url: string;
  readonly store: Store;
  /** Every request: path with query, and its headers. */
  readonly requests: { readonly path: string; readonly authorization: string | undefined }[];
  /** Requests so far whose path starts with `prefix`. */
  hits(prefix: string): number;
  fault(path: HubPath, fault: HubFault | undefined): void;
  /** One poll round of every source (history too when asked), then a `round` event. */
  round(history?: boolean): Promise<void>;
  /** Like a kill: every connection is cut and nothing listens on the port any more. */
  kill(): Promise<void>;
  /** Listens on the same port again, as a new instance with an empty ring (a restarted serve). */
  restart(): Promise<void>;
  close(): Promise<void>;
}

/** Starts a fake hub; resolves once it listens. */
export async function startFakeHub(o: FakeHubOptions): Promise<FakeHub> {
  const intervalMs = o.intervalMs ?? 3_600_000;
  const windowMs = 90 * 86_400_000;
  const networks = DEFAULT_NETWORKS;
  const defs = sourcesFor(networks, SOURCES);
  const shown = new Set(networks.map((n) => n.id));
  const metas: SourceMeta[] = defs.map((d) => {
    const m = metaOf(d);
    return m.networks.length <= 1 ? m : { ...m, networks: m.networks.filter((id) => shown.has(id)) };
  });
  const store = createStore(initialState({ now: Date.now(), intervalMs, windowMs, demo: false, networks, sources: metas, priceSources: PRICE_SOURCES }));
  const prov = new Provenance();
  let prev = store.getState();
  store.subscribe(() => {
    const next = store.getState();
    diffRecords(prev, next, prov);
    prev = next;
  });
  let instance = randomBytes(8).toString('hex');
  let ring: Entry[] = [];
  let seq = 0;
  const ringSize = o.ringSize ?? 2_000;
  const streams = new Set<ServerResponse>();
  let pending = false;
  const announce = () => {
    if (pending) return;
    pending = true;
    setImmediate(() => {
      pending = false;
      for (const res of streams) res.write(`id: ${seq}\nevent: round\ndata: ${JSON.stringify({ seq, at: Date.now() })}\n\n`);
    });
  };
  const poller: Poller = createPoller({
    sources: defs, baseUrlFor: (p) => o.baseUrls[p] ?? '', intervalMs, timeoutMs: o.timeoutMs ?? 1_500, windowMs,
    http: createHttpClient({ userAgent: 'l2top/0.0.0-fake-hub', socketTimeoutMs: 3_000 }),
    emit: (action) => {
      seq += 1;
      ring.push(action.type === 'feed/history' ? { seq, resync: true } : { seq, action });
      if (ring.length > ringSize) ring = ring.slice(-ringSize);
      store.dispatch(action);
      announce();
    },
  });
  const faults = new Map<HubPath, HubFault>();
  const requests: { path: string; authorization: string | undefined }[] = [];

  const send = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://hub');
    requests.push({ path: url.pathname + url.search, authorization: req.headers.authorization });
    if (o.token !== undefined && req.headers.authorization !== `Bearer ${o.token}`) return send(res, 401, { error: 'unauthorized' });
    const fault = faults.get(url.pathname as HubPath);
    if (fault) {
      if ('status' in fault) return send(res, fault.status, { error: fault.body ?? 'simulated' });
      if ('raw' in fault) return res.writeHead(200, { 'content-type': 'application/json' }).end(fault.raw);
      if ('json' in fault) return send(res, 200, fault.json);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(`[${' '.repeat(Math.max(0, fault.big - 2))}]`);
      return;
    }
    if (url.pathname === '/api/v1/hub/state') {
      const state = store.getState();
      const byId = new Map(state.sources.map((s) => [s.id, s]));
      return send(res, 200, {
        schemaVersion: 1, instance, seq, now: state.now, intervalMs: state.intervalMs, windowMs: state.windowMs, sample: state.demo,
        version: '0.0.0-fake', networks: state.networks, sources: state.sources,
        priceSources: state.priceSources.map((id) => byId.get(id)).filter((s) => s !== undefined), settings: state.settings,
        records: checkpointRecords(state, prov),
      });
    }
    if (url.pathname === '/api/v1/hub/actions') {
      const after = Number(url.searchParams.get('after') ?? '0');
      const oldest = ring[0]?.seq ?? seq + 1;
      if (after < oldest - 1) return send(res, 410, { error: `after=${after} is older than the oldest kept action (${oldest})` });
      return send(res, 200, { instance, seq, actions: ring.filter((e) => e.seq > after) });
    }
    if (url.pathname === '/api/v1/events') {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' });
      res.write('retry: 3000\n\n');
      streams.add(res);
      res.on('close', () => streams.delete(res));
      return;
    }
    send(res, 404, { error: 'not found' });
  };

  const sockets = new Set<Socket>();
  let server = createServer(handle);
  const listen = (port: number) => new Promise<number>((resolve) => {
    server = createServer(handle);
    server.on('connection', (s) => {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
    });
    server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
  const port = await listen(0);
  const heartbeat = setInterval(() => {
    for (const res of streams) res.write(': hb\n\n');
  }, 15_000);
  heartbeat.unref();
  const kill = () => new Promise<void>((resolve) => {
    for (const res of streams) res.destroy();
    streams.clear();
    for (const s of sockets) s.destroy();
    server.close(() => resolve());
  });
  if (o.live) poller.start();
  return {
    url: `http://127.0.0.1:${port}`,
    store,
    requests,
    hits: (prefix) => requests.filter((r) => r.path.startsWith(prefix)).length,
    fault(path, fault) {
      if (fault) faults.set(path, fault);
      else faults.delete(path);
    },
    async round(history = false) {
      await poller.runOnce({ history });
    },
    kill,
    async restart() {
      instance = randomBytes(8).toString('hex');
      ring = [];
      seq = 0;
      await listen(port);
    },
    async close() {
      clearInterval(heartbeat);
      poller.stop();
      if (server.listening) await kill();
    },
  };
}
