// `--hub URL`: the store and poller of a viewer. The view starts from the local registry and config, and is
// replaced by the hub's own (networks, sources, settings, window) as soon as its state arrives.
import type { Config, HubConfig } from '../config/schema.js';
import { createHttpClient } from '../feeds/http.js';
import { hubLink } from '../feeds/hub/hub-link.js';
import { createHubPoller, type HubPoller } from '../feeds/hub/hub-poller.js';
import { PRICE_SOURCES } from '../feeds/networks.js';
import { metaOf } from '../feeds/source.js';
import { undiciTransport } from '../feeds/transport.js';
import { initialState } from '../model/state.js';
import { createStore, type Store } from '../model/store.js';
import { networksAndSources } from './networks.js';

/** How long the live view waits for the hub before its first frame (the hub row says why when it gives up). */
const LIVE_START_MS = 5_000;

export interface HubRuntime {
  readonly store: Store;
  readonly poller: HubPoller;
}

/** Builds the viewer and waits (time-capped) for the hub's state; never throws for a hub that is down. */
export async function openHub(config: Config, hub: HubConfig, userAgent: string): Promise<HubRuntime> {
  const link = hubLink(hub.url, hub.token);
  const { networks, sources } = networksAndSources(config);
  const holder: { store?: Store } = {};
  const poller = createHubPoller({
    link, userAgent, transport: undiciTransport(), timeoutMs: config.timeoutMs, intervalMs: config.intervalMs,
    http: createHttpClient({ userAgent, socketTimeoutMs: config.timeoutMs + 1_000 }),
    emit: (action) => holder.store?.dispatch(action),
  });
  const store = createStore(initialState({
    now: Date.now(), intervalMs: config.intervalMs, windowMs: config.windowMs, demo: false, networks,
    sources: [poller.relay, ...sources.map(metaOf)], priceSources: PRICE_SOURCES, metric: config.metric,
    settings: { tolerance: config.tolerance, anomalyThreshold: config.anomalyThreshold, alertRules: config.alertRules },
  }));
  holder.store = store;
  await poller.connect(config.once ? config.timeoutMs : Math.min(config.timeoutMs, LIVE_START_MS));
  return { store, poller };
}
