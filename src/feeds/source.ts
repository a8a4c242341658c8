// The contract every upstream adapter implements: metadata plus fetch functions that
// return domain readings or throw a FeedFailure. The poller turns that into a FeedOutcome.
import type { Reading, SourceMeta } from '../model/types.js';
import type { HttpClient } from './http-client.js';

/** What an adapter gets for one attempt. */
export interface FetchContext {
  readonly http: HttpClient;
  /** The provider's base URL without a trailing slash (config may override the default). */
  readonly baseUrl: string;
  /** Aborted when the attempt times out or the app stops; its reason is a FeedFailure. */
  readonly signal: AbortSignal;
  /** For history: the earliest time (ms) worth returning. */
  readonly since: number;
  /** The wall-clock time of the attempt (ms), for adapters that must stamp or filter by age. */
  readonly now: number;
}

/**
 * An upstream endpoint. `fetch` gives the current value and is polled every interval;
 * `history` backfills the window once at start-up. A source has at least one of them
 * (SourceMeta.polls says whether it has `fetch`).
 */
export interface SourceDef extends SourceMeta {
  fetch?(ctx: FetchContext): Promise<readonly Reading[]>;
  /** Past readings, each with `observedAt`; called once at start-up. */
  history?(ctx: FetchContext): Promise<readonly Reading[]>;
}

/** The metadata part of a source (no fetch code), as the model and UI get it: every SourceMeta field it has. */
export function metaOf(s: SourceMeta): SourceMeta {
  return {
    id: s.id, provider: s.provider, role: s.role, networks: s.networks, label: s.label, path: s.path, polls: s.polls,
    ...(s.minIntervalMs ? { minIntervalMs: s.minIntervalMs } : {}),
    ...(s.maxAgeMs ? { maxAgeMs: s.maxAgeMs } : {}),
  };
}
