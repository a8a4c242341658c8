// Pure selectors: what the views and the JSON show, derived from State and `now`.
import { changeOver } from './change.js';
import { periodOf, sourceStatus, type SourceStatus } from './health.js';
import type { State } from './state.js';
import type { FeedError, NetworkId, NetworkMeta, SourceMeta } from './types.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** One network row of the Shares view and the JSON. */
export interface NetworkRow {
  readonly meta: NetworkMeta;
  readonly sats: number | undefined;
  /** Fraction of the total over networks with a value (0..1), undefined without a value. */
  readonly share: number | undefined;
  readonly change24h: number | null;
  readonly change7d: number | null;
  /** True when the value shown is the last good one and its source is not currently ok. */
  readonly stale: boolean;
  readonly at: number | undefined;
  readonly source: SourceMeta | undefined;
  readonly status: SourceStatus;
  /** Why there is no fresh value (the source's last error), when there is none. */
  readonly error: FeedError | undefined;
}

function sourcesOf(state: State, network: NetworkId): SourceMeta[] {
  return state.sources.filter((s) => s.network === network && s.polls);
}

/** Rows in display order with shares over the networks that have a value (stale values included). */
export function selectRows(state: State): NetworkRow[] {
  const { now } = state;
  const partial = state.networks.map((meta) => {
    const latest = state.latest[meta.id];
    const candidates = sourcesOf(state, meta.id);
    const source = latest ? state.sources.find((s) => s.id === latest.sourceId) : candidates[0];
    const status = source ? sourceStatus(state.health[source.id], source, now, state.intervalMs) : 'pending';
    const error = source ? state.health[source.id]?.lastError : undefined;
    const s = state.series[meta.id];
    return {
      meta,
      sats: latest?.sats,
      change24h: changeOver(s, latest?.sats, now, DAY, state.intervalMs),
      change7d: changeOver(s, latest?.sats, now, 7 * DAY, state.intervalMs),
      stale: latest !== undefined && status !== 'ok',
      at: latest?.at,
      source,
      status,
      error: status === 'ok' ? undefined : error,
    };
  });
  const total = partial.reduce((sum, r) => sum + (r.sats ?? 0), 0);
  return partial.map((r) => ({ ...r, share: r.sats === undefined || total <= 0 ? undefined : r.sats / total }));
}

/** Header figures. */
export interface HeaderInfo {
  readonly totalSats: number;
  readonly networksWithData: number;
  readonly priceUsd: number | undefined;
  readonly priceStale: boolean;
  /** Age of the newest value (ms), undefined before the first answer. */
  readonly newestAgeMs: number | undefined;
  /** When the next poll is due (ms), undefined when nothing is scheduled. */
  readonly nextPollAt: number | undefined;
  readonly pending: number;
  readonly failing: number;
}

export function selectHeader(state: State, rows: readonly NetworkRow[] = selectRows(state)): HeaderInfo {
  let newest: number | undefined;
  for (const r of rows) if (r.at !== undefined) newest = Math.max(newest ?? 0, r.at);
  let nextPollAt: number | undefined;
  let pending = 0;
  let failing = 0;
  for (const s of state.sources) {
    const h = state.health[s.id];
    const status = sourceStatus(h, s, state.now, state.intervalMs);
    if (status === 'pending') pending += 1;
    if (status === 'down' || status === 'bad-data') failing += 1;
    if (s.polls && h?.nextAttemptAt !== undefined) nextPollAt = Math.min(nextPollAt ?? Infinity, h.nextAttemptAt);
  }
  const priceSource = state.price ? state.sources.find((s) => s.id === state.price?.sourceId) : undefined;
  const priceStale = priceSource ? sourceStatus(state.health[priceSource.id], priceSource, state.now, state.intervalMs) !== 'ok' : false;
  return {
    totalSats: rows.reduce((sum, r) => sum + (r.sats ?? 0), 0),
    networksWithData: rows.filter((r) => r.sats !== undefined).length,
    priceUsd: state.price?.usd,
    priceStale,
    newestAgeMs: newest === undefined ? undefined : Math.max(0, state.now - newest),
    nextPollAt,
    pending,
    failing,
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
  readonly error: FeedError | undefined;
  readonly periodMs: number;
  readonly historyPoints: number | undefined;
}

export function selectSources(state: State): SourceRow[] {
  return state.sources.map((meta) => {
    const h = state.health[meta.id];
    const status = sourceStatus(h, meta, state.now, state.intervalMs);
    return {
      meta,
      status,
      inFlight: h?.inFlight ?? false,
      lastSuccessAt: meta.polls ? h?.lastSuccessAt : h?.history?.ok ? h.history.at : undefined,
      latencyMs: h?.latencyMs,
      consecutiveFailures: h?.consecutiveFailures ?? 0,
      nextAttemptAt: meta.polls ? h?.nextAttemptAt : undefined,
      error: meta.polls ? (h?.lastOk === false ? h.lastError : undefined) : h?.history?.error,
      periodMs: periodOf(meta, state.intervalMs),
      historyPoints: h?.history?.ok ? h.history.points : undefined,
    };
  });
}
