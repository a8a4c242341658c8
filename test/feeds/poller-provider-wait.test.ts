// Retry-After binds the whole provider: no request to any of its sources inside the window (fake timers).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import type { FeedAction, FeedDeferredAction, FeedOutcomeAction } from '../../src/model/actions.js';
import type { Reading } from '../../src/model/types.js';
import type { HttpClient } from '../../src/feeds/http-client.js';
import type { FetchContext, SourceDef } from '../../src/feeds/source.js';
import { createPoller } from '../../src/feeds/poller.js';
import { FeedFailure } from '../../src/feeds/feed-failure.js';
import { providerKey } from '../../src/feeds/providers.js';

const T0 = Date.parse('2025-01-10T12:00:00Z');
const MIN = 60_000;
const Num = z.number();

/** A fake HTTP client: logs every request that reaches it (url, time) and answers through `reply`. */
function fakeHttp(reply: (url: string) => number | FeedFailure) {
  const sent: { url: string; at: number }[] = [];
  const answer = <T>(url: string): Promise<T> => {
    sent.push({ url, at: Date.now() });
    const r = reply(url);
    return r instanceof FeedFailure ? Promise.reject(r) : Promise.resolve(r as T);
  };
  const http: HttpClient = {
    getJson: (url) => answer(url),
    postJson: (url) => answer(url),
    getText: (url) => answer(url),
  };
  return { http, sent, hits: (host: string) => sent.filter((r) => r.url.startsWith(`https://${host}.test/`)) };
}

/** A source of `provider` that GETs each of `paths` in turn (a fan-out when there are several). */
function source(id: string, provider: string, paths: readonly string[] = ['/'], extra: Partial<SourceDef> = {}): SourceDef {
  const fetch = async (ctx: FetchContext): Promise<readonly Reading[]> => {
    let sats = 0;
    for (const p of paths) sats += await ctx.http.getJson(`${ctx.baseUrl}${p}`, Num, { signal: ctx.signal });
    return [{ kind: 'btc-locked', network: id, sats }];
  };
  return { id, provider, role: 'btc-locked', networks: [id], label: id, path: '/', polls: true, fetch, ...extra };
}

const ratelimit = (ms: number): FeedFailure => new FeedFailure('ratelimit', 'HTTP 429 Too Many Requests', { status: 429, retryAfterMs: ms });

function setup(sources: readonly SourceDef[], reply: (url: string) => number | FeedFailure) {
  const fake = fakeHttp(reply);
  const actions: FeedAction[] = [];
  const poller = createPoller({
    sources,
    baseUrlFor: (p) => `https://${p}.test/`,
    http: fake.http,
    intervalMs: MIN,
    timeoutMs: 15_000,
    windowMs: 86_400_000,
    emit: (a) => actions.push(a),
    random: () => 0.5,
  });
  const deferred = (): FeedDeferredAction[] => actions.filter((a): a is FeedDeferredAction => a.type === 'feed/deferred');
  const outcomes = (id: string): FeedOutcomeAction[] =>
    actions.filter((a): a is FeedOutcomeAction => a.type === 'feed/outcome' && a.sourceId === id);
  return { poller, actions, deferred, outcomes, ...fake };
}

beforeEach(() => {
  vi.useFakeTimers({ now: T0 });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('Retry-After binds the whole provider', () => {
  it('pushes every source of the provider past the window, leaves other providers alone, and resumes after it', async () => {
    let limited = true;
    // Source a1 polls at T0, gets a 429 for 150 s; a2 (same provider) would poll at T0 + 30 s and T0 + 90 s.
    const t = setup([source('a1', 'p', ['/one']), source('a2', 'p', ['/two'], { minIntervalMs: MIN }), source('b', 'q')], (url) =>
      limited && url.endsWith('/one') ? ratelimit(150_000) : 1,
    );
    t.poller.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(t.hits('p').map((r) => r.url)).toEqual(['https://p.test/one', 'https://p.test/two']);
    // a2's timer (due T0 + 60 s) now waits for the window: one deferral, with the provider and the end.
    expect(t.deferred()).toEqual([{ type: 'feed/deferred', sourceId: 'a2', provider: 'p', until: T0 + 150_000 }]);
    limited = false;
    await vi.advanceTimersByTimeAsync(150_000 - 1);
    expect(t.hits('p')).toHaveLength(2); // nothing to p inside the window
    expect(t.hits('q').map((r) => r.at)).toEqual([T0, T0 + MIN, T0 + 2 * MIN]); // q went on at its interval
    await vi.advanceTimersByTimeAsync(1);
    expect(t.hits('p').slice(2).map((r) => [r.url, r.at]).sort()).toEqual([
      ['https://p.test/one', T0 + 150_000],
      ['https://p.test/two', T0 + 150_000],
    ]);
    expect(t.outcomes('a2').at(-1)?.outcome.ok).toBe(true);
    t.poller.stop();
  });

  it('refresh sends nothing to a rate-limited provider and says which and until when', async () => {
    const t = setup([source('a1', 'p', ['/one']), source('a2', 'p', ['/two']), source('b', 'q')], (url) =>
      url.endsWith('/one') ? ratelimit(120_000) : 1,
    );
    t.poller.start();
    await vi.advanceTimersByTimeAsync(20_000);
    expect(t.poller.refresh()).toEqual({ started: 1, waiting: 2, rateLimited: [{ provider: 'p', until: T0 + 120_000, sources: 2 }] });
    await vi.advanceTimersByTimeAsync(0);
    expect(t.hits('p')).toHaveLength(2);
    expect(t.hits('q')).toHaveLength(2);
    t.poller.stop();
  });

  it('a 429 in the middle of a fan-out stops the requests after it, even from an adapter that carries on', async () => {
    // Like a per-chain history fetch: one failed request does not end the loop, the first error is rethrown at the end.
    const fan: SourceDef = {
      ...source('fan', 'p'),
      async fetch(ctx) {
        const errors: unknown[] = [];
        for (const p of ['/1', '/2', '/3']) await ctx.http.getJson(`${ctx.baseUrl}${p}`, Num, { signal: ctx.signal }).catch((e: unknown) => errors.push(e));
        if (errors.length > 0) throw errors[0];
        return [];
      },
    };
    const t = setup([fan], (url) => (url.endsWith('/1') ? ratelimit(60_000) : 1));
    t.poller.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(t.sent.map((r) => r.url)).toEqual(['https://p.test/1']);
    expect(t.outcomes('fan')[0]).toMatchObject({ outcome: { ok: false, error: { kind: 'ratelimit', retryAfterMs: 60_000 } }, nextAttemptAt: T0 + 60_000 });
    t.poller.stop();
  });

  it('a sibling in flight when the 429 arrives is held on its outcome, a success included', async () => {
    const inflight: SourceDef = {
      ...source('busy', 'p'),
      async fetch(ctx) {
        const sats = await ctx.http.getJson(`${ctx.baseUrl}/busy`, Num, { signal: ctx.signal }); // sent at T0
        await new Promise((resolve) => setTimeout(resolve, 5_000)); // still busy when the 429 comes in
        return [{ kind: 'btc-locked', network: 'busy', sats }];
      },
    };
    const t = setup([inflight, source('a1', 'p', ['/one'])], (url) => (url.endsWith('/one') ? ratelimit(300_000) : 1));
    t.poller.start();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(t.outcomes('busy')[0]).toMatchObject({ outcome: { ok: true, at: T0 + 5_000 }, nextAttemptAt: T0 + 300_000 });
    expect(t.deferred()).toEqual([{ type: 'feed/deferred', sourceId: 'busy', provider: 'p', until: T0 + 300_000 }]);
    await vi.advanceTimersByTimeAsync(295_000 - 1);
    expect(t.sent.map((r) => r.url)).toEqual(['https://p.test/busy', 'https://p.test/one']);
    t.poller.stop();
  });

  it('a request a sibling makes inside the window is refused unsent, with the reason', async () => {
    const slow = source('slow', 'p', ['/slow']);
    const slowFetch = slow.fetch;
    const delayed: SourceDef = {
      ...slow,
      fetch: async (ctx) => {
        await new Promise((resolve) => setTimeout(resolve, 5_000));
        return slowFetch ? slowFetch.call(slow, ctx) : [];
      },
    };
    // The slow request is sent at T0 + 5 s, inside the window opened at T0: the gate refuses it unsent.
    const t = setup([source('a1', 'p', ['/one']), delayed], (url) => (url.endsWith('/one') ? ratelimit(300_000) : 1));
    t.poller.start();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(t.sent.map((r) => r.url)).toEqual(['https://p.test/one']);
    expect(t.outcomes('slow')[0]).toMatchObject({
      outcome: { ok: false, error: { kind: 'ratelimit', message: 'not sent: p asked to wait (Retry-After) 295 s more' } },
      nextAttemptAt: T0 + 300_000,
    });
    expect(t.deferred().at(-1)).toEqual({ type: 'feed/deferred', sourceId: 'slow', provider: 'p', until: T0 + 300_000 });
    t.poller.stop();
  });

  it('defers the history backfill of a rate-limited provider until the window ends', async () => {
    const history = vi.fn(async (ctx: FetchContext): Promise<readonly Reading[]> => {
      await ctx.http.getJson(`${ctx.baseUrl}/history`, Num, { signal: ctx.signal });
      return [];
    });
    let limited = true;
    const t = setup([source('a1', 'p', ['/one']), source('h', 'p', ['/h'], { history })], (url) => (limited && url.endsWith('/one') ? ratelimit(90_000) : 1));
    t.poller.start(); // the backfill starts once the first round settled
    await vi.advanceTimersByTimeAsync(0);
    limited = false;
    await vi.advanceTimersByTimeAsync(90_000 - 1);
    expect(history).not.toHaveBeenCalled();
    expect(t.hits('p').map((r) => r.url)).toEqual(['https://p.test/one', 'https://p.test/h']);
    await vi.advanceTimersByTimeAsync(1);
    expect(t.hits('p').slice(2).map((r) => r.url).sort()).toEqual(['https://p.test/h', 'https://p.test/history', 'https://p.test/one']);
    expect(t.actions.filter((a) => a.type === 'feed/history')).toHaveLength(1);
    t.poller.stop();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('stop() clears a deferred backfill', async () => {
    const history = vi.fn(() => Promise.resolve([]));
    const t = setup([source('a1', 'p', ['/one']), source('h', 'p', ['/h'], { history })], (url) => (url.endsWith('/one') ? ratelimit(90_000) : 1));
    t.poller.start();
    await vi.advanceTimersByTimeAsync(0);
    t.poller.stop();
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(100_000);
    expect(history).not.toHaveBeenCalled();
  });

  it('each custom feed is its own provider', () => {
    expect(providerKey({ id: 'mempool-price', provider: 'mempool' })).toBe('mempool');
    expect(providerKey({ id: 'custom-a', provider: 'custom' })).toBe('custom:custom-a');
    expect(providerKey({ id: 'custom-b', provider: 'custom' })).not.toBe(providerKey({ id: 'custom-a', provider: 'custom' }));
  });
});
