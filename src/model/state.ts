// The whole app state: settings, series windows, latest values, source health and view state.
import type { Series } from './series.js';
import { EMPTY_SERIES } from './series.js';
import type { FeedError, NetworkId, NetworkMeta, SourceId, SourceMeta } from './types.js';

export type ViewId = 'shares' | 'trends' | 'sources';
export const VIEWS: readonly ViewId[] = ['shares', 'trends', 'sources'];
export type DisplayUnit = 'btc' | 'sats' | 'usd';
export const UNITS: readonly DisplayUnit[] = ['btc', 'sats', 'usd'];

/** The latest good value a source gave for a network (kept when the source later fails). */
export interface Latest {
  readonly sats: number;
  /** When it was fetched (ms). */
  readonly at: number;
  readonly sourceId: SourceId;
  readonly extra?: Readonly<Record<string, number>>;
}

/** Everything the Sources view and the JSON need to know about one source. */
export interface SourceHealth {
  readonly inFlight: boolean;
  readonly lastAttemptAt?: number;
  readonly lastSuccessAt?: number;
  readonly latencyMs?: number;
  readonly consecutiveFailures: number;
  readonly nextAttemptAt?: number;
  /** undefined until the first attempt finished. */
  readonly lastOk?: boolean;
  readonly lastError?: FeedError;
  /** Result of the start-up backfill, for sources that have one. */
  readonly history?: { readonly at: number; readonly ok: boolean; readonly points: number; readonly error?: FeedError };
}

export interface UiState {
  readonly view: ViewId;
  readonly unit: DisplayUnit;
  readonly help: boolean;
  /** A transient footer message, e.g. the result of a refresh. */
  readonly notice?: string | undefined;
}

export interface State {
  readonly now: number;
  readonly intervalMs: number;
  readonly windowMs: number;
  readonly demo: boolean;
  readonly networks: readonly NetworkMeta[];
  readonly sources: readonly SourceMeta[];
  readonly series: Readonly<Record<NetworkId, Series>>;
  /** Points at or before this time (ms) in a network's series came from a history backfill. */
  readonly backfilledUntil: Readonly<Record<NetworkId, number>>;
  readonly latest: Readonly<Record<NetworkId, Latest>>;
  readonly price?: { readonly usd: number; readonly at: number; readonly sourceId: SourceId };
  readonly health: Readonly<Record<SourceId, SourceHealth>>;
  readonly ui: UiState;
}

export interface InitOptions {
  readonly now: number;
  readonly intervalMs: number;
  readonly windowMs: number;
  readonly demo: boolean;
  readonly networks: readonly NetworkMeta[];
  readonly sources: readonly SourceMeta[];
}

/** The state before any poll: empty windows, every source pending. */
export function initialState(o: InitOptions): State {
  const series: Record<NetworkId, Series> = {};
  for (const n of o.networks) series[n.id] = EMPTY_SERIES;
  const health: Record<SourceId, SourceHealth> = {};
  for (const s of o.sources) health[s.id] = { inFlight: false, consecutiveFailures: 0 };
  return {
    now: o.now,
    intervalMs: o.intervalMs,
    windowMs: o.windowMs,
    demo: o.demo,
    networks: o.networks,
    sources: o.sources,
    series,
    backfilledUntil: {},
    latest: {},
    health,
    ui: { view: 'shares', unit: 'btc', help: false },
  };
}
