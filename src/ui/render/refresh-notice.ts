// The footer notice after `r`: what the refresh started, and why the rest waits (naming rate-limited providers).
import { formatClock } from './format.js';

/** What a refresh did (the poller's RefreshResult). */
export interface RefreshSummary {
  readonly started: number;
  readonly waiting: number;
  /** Providers in a Retry-After window and its end (ms); none of their sources was polled. */
  readonly rateLimited: readonly { readonly provider: string; readonly until: number }[];
}

/** E.g. "refreshing 12 sources; 5 waiting (mempool rate-limited until 10:32; others polled moments ago)". */
export function refreshNotice(r: RefreshSummary, now: number): string {
  const limited = r.rateLimited.map((w) => `${w.provider} rate-limited until ${formatClock(w.until, now)}`).join(', ');
  if (r.started === 0) {
    return limited
      ? `refresh: nothing sent; ${limited}; the other sources were polled moments ago`
      : 'refresh: every source was polled moments ago or is being polled; see 3 Sources for next tries';
  }
  const plural = r.started === 1 ? '' : 's';
  if (r.waiting === 0) return `refreshing ${r.started} source${plural}`;
  const why = limited ? `${limited}; others polled moments ago` : 'polled moments ago or being polled';
  return `refreshing ${r.started} source${plural}; ${r.waiting} waiting (${why})`;
}
