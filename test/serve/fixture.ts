// An in-process serve app over a hand-fed store, on a real HTTP server at 127.0.0.1:0.
import { networksAndSources } from '../../src/commands/networks.js';
import { PRICE_SOURCES } from '../../src/feeds/networks.js';
import { metaOf } from '../../src/feeds/source.js';
import type { FeedAction, FeedOutcomeAction } from '../../src/model/actions.js';
import type { AlertRule } from '../../src/model/alert-rules.js';
import { initialState } from '../../src/model/state.js';
import { createStore, type Store } from '../../src/model/store.js';
import type { Reading } from '../../src/model/types.js';
import { createActionLog } from '../../src/serve/action-log.js';
import { createServeApp, type ServeAppOptions } from '../../src/serve/app.js';
import { startServer, type ServerLimits } from '../../src/serve/server.js';
import { Provenance } from '../../src/state/provenance.js';

export const T0 = Date.UTC(2026, 5, 1, 12);
export const INTERVAL = 300_000;

export interface Fixture {
  readonly store: Store;
  readonly url: string;
  /** As the poller's emit does: into the hub ring, then the store. */
  dispatch(action: FeedAction): void;
  /** Moves the store's clock. */
  tick(now: number): void;
  close(): Promise<void>;
}

export interface FixtureOptions {
  readonly token?: string;
  readonly limits?: Partial<ServerLimits>;
  readonly events?: ServeAppOptions['events'];
  readonly actionLogSize?: number;
  readonly rules?: readonly AlertRule[];
  readonly secrets?: readonly string[];
}

export async function serveFixture(o: FixtureOptions = {}): Promise<Fixture> {
  const { networks, sources } = networksAndSources({ customFeeds: [], networks: ['lightning', 'liquid'] });
  const store = createStore(initialState({
    now: T0, intervalMs: INTERVAL, windowMs: 90 * 86_400_000, demo: false, networks, sources: sources.map(metaOf), priceSources: PRICE_SOURCES,
    settings: { alertRules: o.rules ?? [] },
  }));
  const actionLog = createActionLog(o.actionLogSize);
  const app = createServeApp({
    store, actionLog, provenance: new Provenance(), instance: 'test-instance', version: '0.0.0-test', token: o.token, secrets: o.secrets,
    ...(o.events ? { events: o.events } : {}),
  });
  const running = await startServer(app.handler, { host: '127.0.0.1', port: 0 }, o.limits);
  return {
    store, url: running.url,
    dispatch(action) {
      actionLog.tap(action);
      store.dispatch(action);
    },
    tick(now) {
      store.dispatch({ type: 'tick', now });
    },
    async close() {
      app.close();
      await running.close();
    },
  };
}

/** A successful poll of `sourceId` at `at` with these readings. */
export function ok(sourceId: string, at: number, readings: readonly Reading[]): FeedOutcomeAction {
  return { type: 'feed/outcome', sourceId, nextAttemptAt: at + INTERVAL, outcome: { ok: true, at, latencyMs: 120, readings } };
}

/** A failed poll (HTTP 503) of `sourceId` at `at`. */
export function failed(sourceId: string, at: number, message = 'HTTP 503 Service Unavailable'): FeedOutcomeAction {
  return { type: 'feed/outcome', sourceId, nextAttemptAt: at + 60_000, outcome: { ok: false, at, latencyMs: 80, error: { kind: 'http', status: 503, message } } };
}

/** One round: Lightning and Liquid BTC locked and the price, at `at`. */
export function round(at: number, lightningSats = 500_000_000_000, liquidSats = 380_000_000_000, usd = 100_000): FeedOutcomeAction[] {
  return [
    ok('mempool-lightning', at, [{ kind: 'btc-locked', network: 'lightning', sats: lightningSats }]),
    ok('liquid-pegs', at, [{ kind: 'btc-locked', network: 'liquid', sats: liquidSats }]),
    ok('mempool-price', at, [{ kind: 'price', usd }]),
  ];
}
