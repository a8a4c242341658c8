// The time a reading describes, from what the upstream says (its own timestamp or a bucket it rewrites).
import type { Reading } from './types.js';

/**
 * When `r` describes, given it was fetched at `fetchedAt`: the fetch time without an upstream time;
 * the upstream time itself; for a bucket the upstream rewrites while it lasts (`periodMs`), the fetch
 * time while the bucket is current, else the bucket's end. Never later than the fetch.
 */
export function describedAt(r: Reading, fetchedAt: number): number {
  if (r.observedAt === undefined || !Number.isFinite(r.observedAt)) return fetchedAt;
  return Math.min(fetchedAt, r.observedAt + (r.periodMs ?? 0));
}
