// The real feed pipeline in-process, wired as src/main.tsx wires it: registry -> store -> undici client -> poller.
import { createHttpClient } from '../../src/feeds/http.js';
import type { HttpClient } from '../../src/feeds/http-client.js';
import { NETWORKS, PRICE_SOURCES } from '../../src/feeds/networks.js';
import { createPoller, type Poller, type PollerClock } from '../../src/feeds/poller.js';
import { SOURCES, sourcesFor } from '../../src/feeds/registry.js';
import { metaOf, type SourceDef } from '../../src/feeds/source.js';
import { initialState, type Settings } from '../../src/model/state.js';
import { createStore, type Store } from '../../src/model/store.js';

const DAY = 86_400_000;

/** What a test can set on the pipeline. */
export interface PipelineOptions {
  /** Provider -> base URL (the simulator's baseUrls); `overrides` wins. */
  readonly baseUrls: Readonly<Record<string, string>>;
  /** Poll period; large by default so nothing re-polls by itself. */
  readonly intervalMs?: number;
  /** Per-request timeout. Default 800 ms. */
  readonly timeoutMs?: number;
  readonly windowMs?: number;
  /** Default: the real undici client with the timeout as its socket backstop. */
  readonly http?: HttpClient;
  readonly clock?: PollerClock;
  readonly random?: () => number;
  readonly settings?: Partial<Settings>;
  /** Default: every source the registry's networks need (as main does without a config). */
  readonly sources?: readonly SourceDef[];
  readonly now?: number;
}

/** A running pipeline; `overrides` may be changed between rounds (the poller reads base URLs per attempt). */
export interface Pipeline {
  readonly store: Store;
  readonly poller: Poller;
  readonly sources: readonly SourceDef[];
  readonly overrides: Map<string, string>;
}

/** Every source the built-in networks need, in registry order. */
export function registrySources(): SourceDef[] {
  return sourcesFor(NETWORKS, SOURCES);
}

/** Builds store, HTTP client and poller; nothing runs until the test calls the poller. */
export function createPipeline(o: PipelineOptions): Pipeline {
  const intervalMs = o.intervalMs ?? 3_600_000;
  const timeoutMs = o.timeoutMs ?? 800;
  const windowMs = o.windowMs ?? 90 * DAY;
  const sources = o.sources ?? registrySources();
  const store = createStore(initialState({
    now: o.now ?? Date.now(), intervalMs, windowMs, demo: false, networks: NETWORKS,
    sources: sources.map(metaOf), priceSources: PRICE_SOURCES, ...(o.settings ? { settings: o.settings } : {}),
  }));
  const http = o.http ?? createHttpClient({ userAgent: 'l2top/0.0.0-faults', socketTimeoutMs: timeoutMs });
  const overrides = new Map<string, string>();
  const poller = createPoller({
    sources,
    baseUrlFor: (p) => overrides.get(p) ?? o.baseUrls[p] ?? '',
    http,
    intervalMs,
    timeoutMs,
    windowMs,
    emit: (action) => store.dispatch(action),
    ...(o.clock ? { clock: o.clock } : {}),
    ...(o.random ? { random: o.random } : {}),
  });
  return { store, poller, sources, overrides };
}
