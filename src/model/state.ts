// The whole app state: settings, per-source values, series windows, source health, alerts and view state.
import type { AlertRule, FiredAlert } from './alert-rules.js';
import { initialHooks, type HookHealth, type HookId } from './hooks.js';
import type { Series } from './series.js';
import { EMPTY_SERIES } from './series.js';
import type { FeedError, Metric, NetworkId, NetworkMeta, SourceId, SourceMeta } from './types.js';

export type ViewId = 'shares' | 'trends' | 'sources' | 'alerts';
export const VIEWS: readonly ViewId[] = ['shares', 'trends', 'sources', 'alerts'];
export type DisplayUnit = 'btc' | 'sats' | 'usd';
export const UNITS: readonly DisplayUnit[] = ['btc', 'sats', 'usd'];
export type RangeId = '24h' | '7d' | '30d' | '90d';
export const RANGES: readonly RangeId[] = ['24h', '7d', '30d', '90d'];
/** How the Shares rows are ordered: by share (largest first), by 24 h change (largest rise first) or by name. */
export type SortId = 'share' | 'change' | 'name';
export const SORTS: readonly SortId[] = ['share', 'change', 'name'];
/** Lists that scroll on their own, each keeping its place while another view is shown. */
export type ScrollId = 'sources' | 'alerts' | 'help';
export const RANGE_MS: Readonly<Record<RangeId, number>> = { '24h': 86_400_000, '7d': 7 * 86_400_000, '30d': 30 * 86_400_000, '90d': 90 * 86_400_000 };

/** The latest good value a source gave for a network: sats for btc-locked, USD for defi-tvl. */
export interface Latest {
  readonly value: number;
  /** When it was fetched (ms). */
  readonly at: number;
  /**
   * The time the upstream says the value describes (ms): its own timestamp, a bucket's effective
   * end, or the fetch time when it gives none. Freshness and ages use this, not `at`.
   */
  readonly dataAt: number;
  readonly sourceId: SourceId;
  readonly extra?: Readonly<Record<string, number>>;
  /** A caveat from the source (e.g. a token row behind the others). */
  readonly note?: string;
}

/** A value refused by the plausibility check. `streak` counts polls in a row that gave the same level. */
export interface Rejection {
  readonly value: number;
  readonly at: number;
  readonly reason: string;
  readonly streak: number;
}

/** Everything the Sources view and the JSON need to know about one source. */
export interface SourceHealth {
  readonly inFlight: boolean;
  readonly lastAttemptAt?: number;
  readonly lastSuccessAt?: number;
  /** When the current run of failures began (ms); cleared by a success. */
  readonly failingSince?: number;
  readonly latencyMs?: number;
  readonly consecutiveFailures: number;
  readonly nextAttemptAt?: number;
  /** Set while the next poll waits for the provider's Retry-After (another source of it was rate-limited). */
  readonly rateLimited?: { readonly provider: string; readonly until: number };
  /** undefined until the first attempt finished. */
  readonly lastOk?: boolean;
  readonly lastError?: FeedError;
  /** The newest upstream time among the readings of the last success (ms): how fresh its data is. */
  readonly dataAt?: number;
  /** Readings of the last success that were rejected as implausible, with the reason. */
  readonly rejected?: { readonly count: number; readonly message: string };
  /** Result of the start-up backfill, for sources that have one. */
  readonly history?: { readonly at: number; readonly ok: boolean; readonly points: number; readonly error?: FeedError };
}

export interface UiState {
  readonly view: ViewId;
  readonly unit: DisplayUnit;
  readonly metric: Metric;
  readonly range: RangeId;
  readonly help: boolean;
  /** Index of the highlighted network in the Shares and Trends views (display order, after sort and filter). */
  readonly selected: number;
  /** First line shown of each scrolling list; each view keeps its own. */
  readonly scroll: Readonly<Record<ScrollId, number>>;
  /** Order of the Shares rows (`s` cycles). */
  readonly sort: SortId;
  /** Networks shown: names containing this, case-insensitive; '' shows all (`/` edits). */
  readonly filter: string;
  /** True while the filter prompt is open: typed keys edit the filter. */
  readonly filtering: boolean;
  /** The network whose detail is open, if any. */
  readonly detail?: NetworkId | undefined;
  /** A transient footer message, e.g. the result of a refresh. */
  readonly notice?: string | undefined;
}

/** Thresholds and rules from config. */
export interface Settings {
  /** Two fresh sources further apart than this (relative) are flagged "sources disagree". Default 0.02. */
  readonly tolerance: number;
  /** A value moving more than this (relative) within 24 h is flagged as an anomaly. Default 0.15. */
  readonly anomalyThreshold: number;
  readonly alertRules: readonly AlertRule[];
}

/**
 * Where the window is kept on disk and how that goes, for the Sources view's "state" row. ok: saved as polls
 * arrive; read-only: another l2top holds the directory (loaded, nothing written); failed: not writable (kept in
 * memory only); recovered: a damaged file was set aside. undefined with --no-state (and in --demo).
 */
export interface StorageStatus {
  readonly status: 'ok' | 'read-only' | 'failed' | 'recovered';
  /** The state directory. */
  readonly path: string;
  /** One line: what was loaded, or what went wrong. */
  readonly message: string;
}

export interface State {
  readonly now: number;
  readonly intervalMs: number;
  readonly windowMs: number;
  readonly demo: boolean;
  /** Served from a recording (--replay): labelled REPLAY on every screen and in the JSON. */
  readonly replay?: boolean;
  readonly settings: Settings;
  readonly networks: readonly NetworkMeta[];
  readonly sources: readonly SourceMeta[];
  /** BTC/USD sources, primary first. */
  readonly priceSources: readonly SourceId[];
  /** Last good value per metric, network and source. */
  readonly values: Readonly<Record<Metric, Readonly<Record<NetworkId, Readonly<Record<SourceId, Latest>>>>>>;
  /** The value in use (primary or failover) over time, per metric and network. NaN = gap. */
  readonly series: Readonly<Record<Metric, Readonly<Record<NetworkId, Series>>>>;
  /**
   * The largest move (|ln(b/a)|) each network has made between two consecutive points of its series,
   * ever: what the plausibility check measures a new value's move against.
   */
  readonly largestStep: Readonly<Record<Metric, Readonly<Record<NetworkId, number>>>>;
  /** Points at or before this time (ms) in a series came from a history backfill. */
  readonly backfilledUntil: Readonly<Record<Metric, Readonly<Record<NetworkId, number>>>>;
  readonly prices: Readonly<Record<SourceId, Latest>>;
  /** BTC/USD over time (backfill and live), for USD figures of past points. */
  readonly priceSeries: Series;
  readonly height?: { readonly height: number; readonly at: number; readonly sourceId: SourceId };
  /**
   * The last value a source gave for a network that was rejected as implausible (never in `values`,
   * the series or the total), with the reason; cleared when the source gives an accepted value.
   */
  readonly rejected: Readonly<Record<Metric, Readonly<Record<NetworkId, Readonly<Record<SourceId, Rejection>>>>>>;
  /** Detail figures per network (e.g. Liquid federation reserves). */
  readonly details: Readonly<Record<NetworkId, Readonly<Record<string, Latest>>>>;
  readonly health: Readonly<Record<SourceId, SourceHealth>>;
  /** Fired alerts, newest last (bounded). */
  readonly alerts: readonly FiredAlert[];
  /** Alert conditions currently true, keyed by rule and subject, so each fires once per episode. */
  readonly alertActive: Readonly<Record<string, boolean>>;
  /** Delivery health of the configured alert hooks (webhook, command), by hook id. */
  readonly hooks?: Readonly<Record<string, HookHealth>>;
  readonly ui: UiState;
  /** The state directory's status; undefined when nothing is kept on disk. */
  readonly storage?: StorageStatus;
}

export interface InitOptions {
  readonly now: number;
  readonly intervalMs: number;
  readonly windowMs: number;
  readonly demo: boolean;
  readonly replay?: boolean;
  readonly networks: readonly NetworkMeta[];
  readonly sources: readonly SourceMeta[];
  readonly priceSources?: readonly SourceId[];
  readonly settings?: Partial<Settings>;
  readonly metric?: Metric;
  /** The configured alert hooks, with their targets already redacted. */
  readonly hooks?: readonly { readonly id: HookId; readonly target: string }[];
}

export const DEFAULT_SETTINGS: Settings = { tolerance: 0.02, anomalyThreshold: 0.15, alertRules: [] };

/** The state before any poll: empty windows, every source pending. */
export function initialState(o: InitOptions): State {
  const empty = (): Record<NetworkId, Series> => Object.fromEntries(o.networks.map((n) => [n.id, EMPTY_SERIES]));
  const health: Record<SourceId, SourceHealth> = {};
  for (const s of o.sources) health[s.id] = { inFlight: false, consecutiveFailures: 0 };
  return {
    now: o.now,
    intervalMs: o.intervalMs,
    windowMs: o.windowMs,
    demo: o.demo,
    ...(o.replay ? { replay: true } : {}),
    settings: { ...DEFAULT_SETTINGS, ...o.settings },
    networks: o.networks,
    sources: o.sources,
    priceSources: o.priceSources ?? o.sources.filter((s) => s.role === 'price').map((s) => s.id),
    values: { 'btc-locked': {}, 'defi-tvl': {} },
    series: { 'btc-locked': empty(), 'defi-tvl': empty() },
    backfilledUntil: { 'btc-locked': {}, 'defi-tvl': {} },
    rejected: { 'btc-locked': {}, 'defi-tvl': {} },
    largestStep: { 'btc-locked': {}, 'defi-tvl': {} },
    prices: {},
    priceSeries: EMPTY_SERIES,
    details: {},
    health,
    alerts: [],
    alertActive: {},
    ...(o.hooks && o.hooks.length > 0 ? { hooks: initialHooks(o.hooks) } : {}),
    ui: { view: 'shares', unit: 'btc', metric: o.metric ?? 'btc-locked', range: '90d', help: false, selected: 0,
      scroll: { sources: 0, alerts: 0, help: 0 }, sort: 'share', filter: '', filtering: false },
  };
}
