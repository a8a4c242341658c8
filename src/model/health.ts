// Derives a source's status from its health record: ok / stale / down / bad-data (or pending).
import type { SourceHealth } from './state.js';
import type { SourceMeta } from './types.js';

export type SourceStatus = 'pending' | 'ok' | 'stale' | 'down' | 'bad-data';

/** The period a source is polled at: the interval, or its own slower minimum. */
export function periodOf(meta: SourceMeta, intervalMs: number): number {
  return Math.max(intervalMs, meta.minIntervalMs ?? 0);
}

/** True when a value describing `dataAt` is older than the source's expected cadence allows. */
export function upstreamStale(meta: SourceMeta, dataAt: number | undefined, now: number): boolean {
  return meta.maxAgeMs !== undefined && dataAt !== undefined && now - dataAt > meta.maxAgeMs;
}

/**
 * ok: last attempt succeeded within two periods and the upstream's data is within its cadence.
 * stale: it succeeded, but longer ago, or the upstream's own time says its data is old.
 * down: the last attempt failed to get an answer (http, network, timeout, rate limit).
 * bad-data: the source answered with data that failed validation. pending: no attempt finished yet.
 */
export function sourceStatus(h: SourceHealth | undefined, meta: SourceMeta, now: number, intervalMs: number): SourceStatus {
  if (!meta.polls) {
    if (!h?.history) return 'pending';
    if (h.history.ok) return 'ok';
    return h.history.error?.kind === 'schema' ? 'bad-data' : 'down';
  }
  if (!h || h.lastOk === undefined) return 'pending';
  if (!h.lastOk) return h.lastError?.kind === 'schema' ? 'bad-data' : 'down';
  if (h.lastSuccessAt === undefined || now - h.lastSuccessAt > 2 * periodOf(meta, intervalMs)) return 'stale';
  if (upstreamStale(meta, h.dataAt, now)) return 'stale';
  return 'ok';
}

/** Why a source that answered is stale, in words ("upstream data 3d old, expected within 26h"), or undefined. */
export function staleReason(h: SourceHealth | undefined, meta: SourceMeta, now: number, intervalMs: number): string | undefined {
  if (!meta.polls || !h?.lastOk || h.lastSuccessAt === undefined) return undefined;
  if (now - h.lastSuccessAt > 2 * periodOf(meta, intervalMs)) return `no answer since ${age(now - h.lastSuccessAt)}`;
  if (meta.maxAgeMs !== undefined && h.dataAt !== undefined && now - h.dataAt > meta.maxAgeMs) {
    return `upstream data ${age(now - h.dataAt)} old, expected within ${age(meta.maxAgeMs)}`;
  }
  return undefined;
}

/** A compact age: 45s, 12m, 5h, 3d. */
export function age(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h}h`;
  return `${Math.floor(h / 24)}d`;
}
