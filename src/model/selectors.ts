// Pure selectors: what the views and the JSON show, derived from State (memoised per state object).
import { changeOver } from './change.js';
import { age, periodOf, staleReason, type SourceStatus } from './health.js';
import { pickPrice, pickValue, prioritySources, type Picked } from './pick.js';
import { relayProblem, statusVia } from './relay.js';
import { anomalyOf, comparableFrom, disagreeing, otherSources, type Anomaly, type OtherSource } from './quality.js';
import { valuesAt } from './share-history.js';
import { lowerBound, timeAt, valueAt, type Series } from './series.js';
import type { State } from './state.js';
import { circulatingSats } from './supply.js';
import type { FeedError, Metric, NetworkMeta, SourceMeta } from './types.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** One network row of the Shares view and the JSON, for one metric. */
export interface NetworkRow {
  readonly meta: NetworkMeta;
  readonly metric: Metric;
  /** The value in use: sats for btc-locked, USD for defi-tvl. */
  readonly value: number | undefined;
  /** Fraction of the total over networks with a value (0..1), undefined without a value. */
  readonly share: number | undefined;
  readonly change24h: number | null;
  readonly change7d: number | null;
  /** True when the value shown is the last good one and no source for it is currently fresh. */
  readonly stale: boolean;
  /** True when the value comes from a secondary source because the primary is down or stale. */
  readonly fallback: boolean;
  readonly at: number | undefined;
  /** The source the value came from (or the primary, when there is no value). */
  readonly source: SourceMeta | undefined;
  readonly status: SourceStatus;
  /** Why there is no fresh value: the primary's last error. */
  readonly error: FeedError | undefined;
  /** Other fresh sources' values and their difference to the value in use. */
  readonly others: readonly OtherSource[];
  /** Those beyond the tolerance: "sources disagree". */
  readonly disagree: readonly OtherSource[];
  readonly anomaly: Anomaly | undefined;
  /** The network has no source for this metric (e.g. Lightning has no DeFi TVL). */
  readonly notTracked: boolean;
  /** The time the upstream says the value describes (ms). */
  readonly dataAt: number | undefined;
  /** Why the value is stale in words (e.g. "upstream data 3d old, expected within 26h"). */
  readonly staleReason: string | undefined;
  /** The fresh primary that two or more agreeing like-for-like sources outvoted. */
  readonly outvoted: SourceMeta | undefined;
  /** Fresh like-for-like sources disagree with no majority: the value cannot be trusted. */
  readonly doubtful: boolean;
  /** Values of another methodology (e.g. Lightning as 1ML counts it), with their difference: never "disagree". */
  readonly references: readonly OtherSource[];
  /**
   * When the window lacks 24 h of comparable history: the change since the oldest comparable point and
   * how long ago that was ("since start, 3h"), so a new network or a fresh start shows a figure, labelled.
   */
  readonly changeSinceStart: { readonly change: number; readonly sinceMs: number } | undefined;
  /** A caveat the source gave with the value (e.g. a token row behind the others). */
  readonly note: string | undefined;
  /** The latest value a source gave that was refused as implausible, with the reason (newest first). */
  readonly rejected: readonly { readonly sourceId: string; readonly value: number; readonly reason: string; readonly at: number }[];
}

function sourceMeta(state: State, id: string | undefined): SourceMeta | undefined {
  return id === undefined ? undefined : state.sources.find((s) => s.id === id);
}

function buildRow(state: State, meta: NetworkMeta, metric: Metric, picked: Picked | undefined, total: number): NetworkRow {
  const priority = prioritySources(meta, metric);
  const primary = sourceMeta(state, priority[0]);
  const source = picked ? sourceMeta(state, picked.sourceId) : primary;
  const status = source ? statusVia(state, source) : 'pending';
  const primaryHealth = primary ? state.health[primary.id] : undefined;
  const s = state.series[metric][meta.id];
  const from = comparableFrom(state, meta, metric);
  const others = metric === 'btc-locked' ? otherSources(state, meta, picked) : [];
  const usedHealth = source ? state.health[source.id] : undefined;
  const stale = picked?.stale ?? false;
  const rejected = Object.entries(state.rejected[metric][meta.id] ?? {})
    .map(([sourceId, r]) => ({ sourceId, value: r.value, reason: r.reason, at: r.at }))
    .sort((a, b) => b.at - a.at);
  return {
    meta,
    metric,
    value: picked?.value,
    share: picked === undefined || total <= 0 ? undefined : picked.value / total,
    change24h: changeOver(s, picked?.value, state.now, DAY, state.intervalMs, from),
    change7d: changeOver(s, picked?.value, state.now, 7 * DAY, state.intervalMs, from),
    stale: picked?.stale ?? false,
    fallback: picked?.fallback ?? false,
    at: picked?.at,
    source,
    status,
    error: primaryHealth?.lastOk === false ? primaryHealth.lastError : status === 'ok' ? undefined : state.health[source?.id ?? '']?.lastError,
    others,
    disagree: disagreeing(state, others),
    anomaly: anomalyOf(state, meta, metric, picked, others),
    notTracked: priority.length === 0,
    dataAt: picked?.dataAt,
    staleReason: stale && source ? relayProblem(state) ?? staleReason(usedHealth, source, state.now, state.intervalMs) ?? upstreamAgeReason(state, source, picked?.dataAt) : undefined,
    outvoted: sourceMeta(state, picked?.outvoted),
    doubtful: picked?.doubtful ?? false,
    references: metric === 'btc-locked' ? otherSources(state, meta, picked, true) : [],
    rejected,
    changeSinceStart: sinceStart(state, s, picked, from),
    note: picked?.note,
  };
}

/** The change since the oldest comparable point of the last 24 h, when that point is at least an hour old. */
function sinceStart(state: State, s: Series | undefined, picked: Picked | undefined, from: number): NetworkRow['changeSinceStart'] {
  if (!s || !picked || picked.stale) return undefined;
  const start = Math.max(from, state.now - DAY);
  for (let i = lowerBound(s, start); i < s.length; i += 1) {
    const v = valueAt(s, i);
    if (!Number.isFinite(v) || v <= 0) continue;
    const sinceMs = state.now - timeAt(s, i);
    return sinceMs >= HOUR ? { change: (picked.value - v) / v, sinceMs } : undefined;
  }
  return undefined;
}

/** "upstream data 3d old, expected within 8h" for a value whose own time is past its source's cadence. */
function upstreamAgeReason(state: State, source: SourceMeta, dataAt: number | undefined): string | undefined {
  if (dataAt === undefined || source.maxAgeMs === undefined || state.now - dataAt <= source.maxAgeMs) return undefined;
  return `upstream data ${age(state.now - dataAt)} old, expected within ${age(source.maxAgeMs)}`;
}

const rowCache = new WeakMap<State, Map<Metric, NetworkRow[]>>();

/** Rows sorted by value (largest first, networks without a value last), with shares over those with one. */
export function selectRows(state: State, metric: Metric = state.ui.metric): NetworkRow[] {
  const cached = rowCache.get(state)?.get(metric);
  if (cached) return cached;
  const picked = state.networks.map((meta) => pickValue(state, meta, metric));
  const total = picked.reduce((sum, p) => sum + (p?.value ?? 0), 0);
  const rows = state.networks
    .map((meta, i) => buildRow(state, meta, metric, picked[i], total))
    .sort((a, b) => (b.value ?? -1) - (a.value ?? -1));
  const perState = rowCache.get(state) ?? new Map<Metric, NetworkRow[]>();
  perState.set(metric, rows);
  rowCache.set(state, perState);
  return rows;
}

/** What a network's row says about its current value only: the fields a Prometheus scrape exports. */
export interface NetworkValue {
  readonly meta: NetworkMeta;
  readonly value: number | undefined;
  readonly share: number | undefined;
  /** The source the value came from. */
  readonly sourceId: string | undefined;
  readonly dataAt: number | undefined;
  readonly stale: boolean;
  readonly doubtful: boolean;
  readonly notTracked: boolean;
}

const valueCache = new WeakMap<State, Map<Metric, NetworkValue[]>>();

/**
 * Each network's picked value and share, as selectRows gives them (same pick, same total), without the
 * changes, anomaly check, cross-checks and reasons a row also computes: /metrics exports only these, for every
 * metric, on every scrape of a new state. Memoised per state and metric; in network order.
 */
export function selectValues(state: State, metric: Metric): NetworkValue[] {
  const cached = valueCache.get(state)?.get(metric);
  if (cached) return cached;
  const picked = state.networks.map((meta) => pickValue(state, meta, metric));
  const total = picked.reduce((sum, p) => sum + (p?.value ?? 0), 0);
  const out: NetworkValue[] = state.networks.map((meta, i) => {
    const p = picked[i];
    return {
      meta, value: p?.value, share: p === undefined || total <= 0 ? undefined : p.value / total, sourceId: p?.sourceId, dataAt: p?.dataAt,
      stale: p?.stale ?? false, doubtful: p?.doubtful ?? false, notTracked: prioritySources(meta, metric).length === 0,
    };
  });
  const perState = valueCache.get(state) ?? new Map<Metric, NetworkValue[]>();
  perState.set(metric, out);
  valueCache.set(state, perState);
  return out;
}

/** The whole sector: BTC locked on the tracked L2s against bitcoin's circulating supply. */
export interface SectorInfo {
  readonly totalSats: number;
  /** Circulating supply at the latest block height, when known. */
  readonly supplySats: number | undefined;
  /** totalSats / supplySats. */
  readonly shareOfSupply: number | undefined;
  /** Relative change of the total over 30 and 90 days, over networks with data at both ends. */
  readonly change30d: number | null;
  readonly change90d: number | null;
}

function totalChange(state: State, now: ReadonlyMap<string, number>, periodMs: number): number | null {
  const then = valuesAt(state, 'btc-locked', state.now - periodMs);
  const common = [...then.keys()].filter((id) => now.has(id));
  if (common.length === 0) return null;
  const a = common.reduce((sum, id) => sum + (then.get(id) ?? 0), 0);
  const b = common.reduce((sum, id) => sum + (now.get(id) ?? 0), 0);
  return a > 0 ? (b - a) / a : null;
}

/**
 * Memoises a selector per state object: a render that is not a state change (a resize, a parent re-render)
 * reuses the result; a new state computes it again. Results are shared: callers never mutate them.
 */
function perState<T>(select: (state: State) => T): (state: State) => T {
  const cache = new WeakMap<State, T>();
  return (state) => {
    if (cache.has(state)) return cache.get(state) as T;
    const out = select(state);
    cache.set(state, out);
    return out;
  };
}

/** BTC locked on the tracked L2s against the circulating supply, and its 30 d and 90 d change; memoised per state. */
export const selectSector = perState((state: State): SectorInfo => {
  const rows = selectRows(state, 'btc-locked');
  const totalSats = rows.reduce((sum, r) => sum + (r.value ?? 0), 0);
  const supplySats = state.height ? circulatingSats(state.height.height) : undefined;
  const now = valuesAt(state, 'btc-locked', state.now);
  return {
    totalSats,
    supplySats,
    // More than every bitcoin in existence is impossible: no figure rather than a share above 1.
    shareOfSupply: supplySats && supplySats > 0 && totalSats <= supplySats ? totalSats / supplySats : undefined,
    change30d: totalChange(state, now, 30 * DAY),
    change90d: totalChange(state, now, 90 * DAY),
  };
});

/** Header figures. */
export interface HeaderInfo {
  /** Sum of the values in use for the current metric (sats or USD). */
  readonly total: number;
  readonly networksWithData: number;
  readonly priceUsd: number | undefined;
  readonly priceStale: boolean;
  readonly priceSource: SourceMeta | undefined;
  /** Age of the newest value (ms), undefined before the first answer. */
  readonly newestAgeMs: number | undefined;
  /** When the next poll is due (ms), undefined when nothing is scheduled. */
  readonly nextPollAt: number | undefined;
  readonly pending: number;
  readonly failing: number;
  /** Sources that answer but whose data is old (no recent success, or old upstream time). */
  readonly stale: number;
  /** Networks whose value is doubtful (like-for-like sources disagree with no majority). */
  readonly doubtful: readonly string[];
}

const headerCache = new WeakMap<State, { readonly rows: readonly NetworkRow[]; readonly info: HeaderInfo }>();

/** Header figures over `rows` (default: the current metric's); memoised per state and rows. */
export function selectHeader(state: State, rows: readonly NetworkRow[] = selectRows(state)): HeaderInfo {
  const cached = headerCache.get(state);
  if (cached?.rows === rows) return cached.info;
  const info = buildHeader(state, rows);
  headerCache.set(state, { rows, info });
  return info;
}

function buildHeader(state: State, rows: readonly NetworkRow[]): HeaderInfo {
  let newest: number | undefined;
  for (const r of rows) if (r.dataAt !== undefined && !r.stale) newest = Math.max(newest ?? 0, r.dataAt);
  if (newest === undefined) for (const r of rows) if (r.dataAt !== undefined) newest = Math.max(newest ?? 0, r.dataAt);
  let nextPollAt: number | undefined;
  let pending = 0;
  let failing = 0;
  let stale = 0;
  for (const s of state.sources) {
    const h = state.health[s.id];
    const status = statusVia(state, s);
    if (status === 'pending') pending += 1;
    if (status === 'down' || status === 'bad-data') failing += 1;
    if (status === 'stale') stale += 1;
    if (s.polls && h?.nextAttemptAt !== undefined) nextPollAt = Math.min(nextPollAt ?? Infinity, h.nextAttemptAt);
  }
  const price = pickPrice(state);
  return {
    total: rows.reduce((sum, r) => sum + (r.value ?? 0), 0),
    networksWithData: rows.filter((r) => r.value !== undefined).length,
    priceUsd: price?.value,
    priceStale: price?.stale ?? false,
    priceSource: sourceMeta(state, price?.sourceId),
    newestAgeMs: newest === undefined ? undefined : Math.max(0, state.now - newest),
    nextPollAt,
    pending,
    failing,
    stale,
    doubtful: rows.filter((r) => r.doubtful).map((r) => r.meta.name),
  };
}

/** One row of the Sources view and the JSON. */
export interface SourceRow {
  readonly meta: SourceMeta;
  readonly status: SourceStatus;
  readonly inFlight: boolean;
  readonly lastSuccessAt: number | undefined;
  readonly latencyMs: number | undefined;
  readonly consecutiveFailures: number;
  readonly nextAttemptAt: number | undefined;
  /** Set while the next poll waits for its provider's Retry-After (another source of it was rate-limited). */
  readonly rateLimited: { readonly provider: string; readonly until: number } | undefined;
  readonly error: FeedError | undefined;
  readonly periodMs: number;
  readonly historyPoints: number | undefined;
  /** The newest time the upstream says its data describes (ms). */
  readonly dataAt: number | undefined;
  /** Why an answering source is stale, in words. */
  readonly staleReason: string | undefined;
  /** Readings of its last answer refused as implausible. */
  readonly rejected: string | undefined;
}

function sourceRows(state: State): SourceRow[] {
  return state.sources.map((meta) => {
    const h = state.health[meta.id];
    const status = statusVia(state, meta);
    return {
      meta,
      status,
      inFlight: h?.inFlight ?? false,
      lastSuccessAt: meta.polls ? h?.lastSuccessAt : h?.history?.ok ? h.history.at : undefined,
      latencyMs: h?.latencyMs,
      consecutiveFailures: h?.consecutiveFailures ?? 0,
      nextAttemptAt: meta.polls ? h?.nextAttemptAt : undefined,
      rateLimited: meta.polls && h?.rateLimited && h.rateLimited.until > state.now ? h.rateLimited : undefined,
      error: meta.polls ? (h?.lastOk === false ? h.lastError : undefined) : h?.history?.error,
      periodMs: periodOf(meta, state.intervalMs),
      historyPoints: h?.history?.ok ? h.history.points : undefined,
      dataAt: h?.dataAt,
      staleReason: status === 'stale' ? staleReason(h, meta, state.now, state.intervalMs) ?? relayProblem(state) : undefined,
      rejected: h?.lastOk ? h.rejected?.message : undefined,
    };
  });
}

/** The Sources view's rows, in registry order; memoised per state. */
export const selectSources = perState(sourceRows);
