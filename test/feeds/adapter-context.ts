// Test helper: a FetchContext for calling an adapter directly, plus a FeedFailure catcher.
import { expect } from 'vitest';
import type { HttpClient } from '../../src/feeds/http-client.js';
import type { FetchContext } from '../../src/feeds/source.js';
import { FeedFailure } from '../../src/feeds/feed-failure.js';

/** A context with a live signal; `now` defaults to 2025-01-10T06:00Z and `since` to 3 days before. */
export function context(http: HttpClient, baseUrl: string, now = Date.parse('2025-01-10T06:00:00Z'), since = now - 3 * 86_400_000): FetchContext {
  return { http, baseUrl, signal: new AbortController().signal, since, now };
}

/** The FeedFailure a promise rejects with; fails the test otherwise. */
export async function failure(p: Promise<unknown>): Promise<FeedFailure> {
  const e: unknown = await p.then(
    () => expect.fail('expected a FeedFailure'),
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(FeedFailure);
  return e as FeedFailure;
}
