// Derives a source's status from its health record: ok / stale / down / bad-data (or pending).
import type { SourceHealth } from './state.js';
import type { SourceMeta } from './types.js';

export type SourceStatus = 'pending' | 'ok' | 'stale' | 'down' | 'bad-data';

/** The period a source is polled at: the interval, or its own slower minimum. */
export function periodOf(meta: SourceMeta, intervalMs: number): number {
  return Math.max(intervalMs, meta.minIntervalMs ?? 0);
}

/**
 * ok: last attempt succeeded within two periods. stale: it succeeded, but longer ago.
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
  return 'ok';
}
