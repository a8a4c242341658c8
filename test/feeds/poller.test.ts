import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FeedAction, FeedHistoryAction, FeedOutcomeAction } from '../../src/model/actions.js';
import type { Reading } from '../../src/model/types.js';
import type { HttpClient } from '../../src/feeds/http-client.js';
import type { FetchContext, SourceDef } from '../../src/feeds/source.js';
import { backoffDelay, createPoller, type PollerDeps } from '../../src/feeds/poller.js';
import { FeedFailure } from '../../src/feeds/feed-failure.js';

const T0 = Date.parse('2025-01-10T12:00:00Z');
const MIN = 60_000;
const READING: Reading = { kind: 'btc-locked', network: 'a', sats: 1 };

const noHttp: HttpClient = {
  getJson: () => Promise.reject(new Error('unused')),
  postJson: () => Promise.reject(new Error('unused')),
  getText: () => Promise.reject(new Error('unused')),
};

type Fetch = (ctx: FetchContext) => Promise<readonly Reading[]>;

function source(id: string, fetch: Fetch | undefined, extra: Partial<SourceDef> = {}): SourceDef {
  return { id, provider: 'p', role: 'btc-locked', networks: [id], label: id, path: '/', polls: fetch !== undefined, ...(fetch ? { fetch } : {}), ...extra };
}

function setup(sources: readonly SourceDef[], overrides: Partial<PollerDeps> = {}) {
  const actions: FeedAction[] = [];
  const poller = createPoller({
    sources,
    baseUrlFor: () => 'https://p.test/',
    http: noHttp,
    intervalMs: MIN,
    timeoutMs: 15_000,
    windowMs: 86_400_000,
    emit: (a) => actions.push(a),
    random: () => 0.5,
    ...overrides,
  });
  const outcomes = (id?: string): FeedOutcomeAction[] =>
    actions.filter((a): a is FeedOutcomeAction => a.type === 'feed/outcome' && (id === undefined || a.sourceId === id));
  const attempts = (id?: string): number[] =>
    actions.flatMap((a) => (a.type === 'feed/attempt' && (id === undefined || a.sourceId === id) ? [a.at] : []));
  return { poller, actions, outcomes, attempts };
}

/** A fetch that never settles and ignores its signal. */
const hang: Fetch = () => new Promise<never>(() => undefined);
const ok: Fetch = () => Promise.resolve([READING]);

beforeEach(() => {
  vi.useFakeTimers({ now: T0 });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('backoffDelay', () => {
  it('doubles from min(15 s, period) up to max(4 periods, 60 s)', () => {
    const mid = (): number => 0.5; // jitter factor exactly 1
    expect([1, 2, 3, 4, 5, 6, 10].map((n) => backoffDelay(n, 5 * MIN, mid))).toEqual([
      15_000, 30_000, 60_000, 120_000, 240_000, 480_000, 1_200_000,
    ]);
    expect([1, 2, 3, 4].map((n) => backoffDelay(n, 10_000, mid))).toEqual([10_000, 20_000, 40_000, 60_000]);
  });

  it('stays within ±20 % jitter', () => {
    let seed = 7;
    const lcg = (): number => (seed = (seed * 48271) % 2147483647) / 2147483647;
    for (let n = 1; n <= 8; n++) {
      const nominal = backoffDelay(n, MIN, () => 0.5);
      for (let i = 0; i < 200; i++) {
        const d = backoffDelay(n, MIN, lcg);
        expect(d).toBeGreaterThanOrEqual(0.8 * nominal);
        expect(d).toBeLessThanOrEqual(1.2 * nominal);
      }
    }
    expect(backoffDelay(1, MIN, () => 0)).toBe(12_000);
    expect(backoffDelay(1, MIN, () => 0.999_999)).toBeLessThanOrEqual(18_000);
  });
});

describe('createPoller', () => {
  it('polls at once, then re-arms one period after each success', async () => {
    const fetch = vi.fn(ok);
    const { poller, actions } = setup([source('a', fetch)]);
    poller.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(actions).toEqual([
      { type: 'feed/attempt', sourceId: 'a', at: T0 },
      { type: 'feed/outcome', sourceId: 'a', outcome: { ok: true, readings: [READING], at: T0, latencyMs: 0 }, nextAttemptAt: T0 + MIN },
    ]);
    expect(vi.getTimerCount()).toBe(1);
    await vi.advanceTimersByTimeAsync(MIN - 1);
    expect(fetch).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(fetch).toHaveBeenCalledTimes(2);
    poller.stop();
  });

  it('re-arms after the attempt finishes, so a slow source never overlaps itself', async () => {
    const fetch = vi.fn<Fetch>(() => new Promise((resolve) => setTimeout(() => resolve([READING]), 20_000)));
    const { poller, attempts, outcomes } = setup([source('a', fetch)], { intervalMs: 100_000, timeoutMs: 30_000 });
    poller.start();
    await vi.advanceTimersByTimeAsync(240_000);
    expect(attempts()).toEqual([T0, T0 + 120_000, T0 + 240_000]);
    expect(outcomes().map((o) => o.nextAttemptAt)).toEqual([T0 + 120_000, T0 + 240_000]);
    poller.stop();
  });

  it('passes the provider base URL without a trailing slash and since = now - window', async () => {
    const fetch = vi.fn(ok);
    const { poller } = setup([source('a', fetch)]);
    poller.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(fetch.mock.calls[0]?.[0]).toMatchObject({ baseUrl: 'https://p.test', now: T0, since: T0 - 86_400_000 });
    poller.stop();
  });

  it('backs off exponentially with jitter after failures and resets on success', async () => {
    let fail = true;
    const fetch = vi.fn<Fetch>(() => (fail ? Promise.reject(new FeedFailure('http', 'HTTP 500')) : ok({} as FetchContext)));
    const { poller, outcomes } = setup([source('a', fetch)], { random: () => 0 });
    poller.start();
    await vi.advanceTimersByTimeAsync(0);
    for (const delay of [12_000, 24_000, 48_000, 96_000]) await vi.advanceTimersByTimeAsync(delay);
    const gaps = (): number[] => outcomes().map((o) => o.nextAttemptAt - o.outcome.at);
    // cap = max(4 × 60 s, 60 s) = 240 s, times the 0.8 jitter floor
    expect(gaps()).toEqual([12_000, 24_000, 48_000, 96_000, 192_000]);
    fail = false;
    await vi.advanceTimersByTimeAsync(192_000);
    expect(gaps().at(-1)).toBe(MIN);
    expect(outcomes().at(-1)?.outcome.ok).toBe(true);
    poller.stop();
  });

  it('reports a thrown non-FeedFailure as a network error', async () => {
    const { poller, outcomes } = setup([source('a', () => Promise.reject(new Error('kaput\u001b[2J')))]);
    poller.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(outcomes()[0]?.outcome).toMatchObject({ ok: false, error: { kind: 'network', message: 'kaput' } });
    poller.stop();
  });

  it('honours Retry-After exactly: no request before it expires, not even on refresh', async () => {
    const fetch = vi
      .fn<Fetch>()
      .mockRejectedValueOnce(new FeedFailure('ratelimit', 'HTTP 429', { status: 429, retryAfterMs: 120_000 }))
      .mockImplementation(ok);
    const { poller, outcomes } = setup([source('a', fetch)]);
    poller.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(outcomes()[0]?.nextAttemptAt).toBe(T0 + 120_000);
    await vi.advanceTimersByTimeAsync(30_000);
    poller.refresh();
    await vi.advanceTimersByTimeAsync(89_999);
    poller.refresh();
    await vi.advanceTimersByTimeAsync(0);
    expect(fetch).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(fetch).toHaveBeenCalledTimes(2);
    poller.stop();
  });

  it('waits the longer of backoff and a short Retry-After', async () => {
    const fetch = vi.fn<Fetch>(() => Promise.reject(new FeedFailure('ratelimit', 'HTTP 429', { retryAfterMs: 1_000 })));
    const { poller, outcomes } = setup([source('a', fetch)]);
    poller.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(outcomes()[0]?.nextAttemptAt).toBe(T0 + 15_000);
    poller.stop();
  });

  it('refresh polls only sources idle for min(15 s, period), then the schedule continues from there', async () => {
    const fetch = vi.fn(ok);
    const { poller, attempts } = setup([source('a', fetch)]);
    expect(poller.refresh()).toEqual({ started: 0, waiting: 0, rateLimited: [] });
    expect(fetch).not.toHaveBeenCalled(); // not started
    poller.start();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(poller.refresh()).toEqual({ started: 0, waiting: 1, rateLimited: [] });
    expect(fetch).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(poller.refresh()).toEqual({ started: 1, waiting: 0, rateLimited: [] });
    await vi.advanceTimersByTimeAsync(0);
    expect(attempts()).toEqual([T0, T0 + 15_000]);
    await vi.advanceTimersByTimeAsync(45_000); // T0 + 60 s: the old timer is gone
    expect(fetch).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(15_000); // T0 + 75 s = refresh + one period
    expect(attempts()).toEqual([T0, T0 + 15_000, T0 + 75_000]);
    poller.stop();
  });

  it('refresh skips a source inside its minIntervalMs, whose period it also sets', async () => {
    const hourly = vi.fn(ok);
    const { poller, attempts } = setup([source('hourly', hourly, { minIntervalMs: 3_600_000 })]);
    poller.start();
    await vi.advanceTimersByTimeAsync(30 * MIN);
    poller.refresh();
    await vi.advanceTimersByTimeAsync(0);
    expect(hourly).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(30 * MIN);
    expect(attempts()).toEqual([T0, T0 + 3_600_000]);
    poller.stop();
  });

  it('refresh does not start a second request for a source in flight', async () => {
    const fetch = vi.fn(hang);
    const { poller } = setup([source('a', fetch)], { timeoutMs: 40_000 });
    poller.start();
    await vi.advanceTimersByTimeAsync(20_000);
    poller.refresh();
    await vi.advanceTimersByTimeAsync(0);
    expect(fetch).toHaveBeenCalledTimes(1);
    poller.stop();
  });

  it('times out a hung source without delaying another source', async () => {
    const signals: AbortSignal[] = [];
    const hung = vi.fn<Fetch>((ctx) => {
      signals.push(ctx.signal);
      return hang(ctx);
    });
    const { poller, outcomes } = setup([source('hung', hung), source('fast', ok)]);
    poller.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(outcomes().map((o) => o.sourceId)).toEqual(['fast']);
    await vi.advanceTimersByTimeAsync(14_999);
    expect(outcomes('hung')).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(outcomes('hung')[0]?.outcome).toEqual({
      ok: false,
      error: { kind: 'timeout', message: 'no answer within 15 s' },
      at: T0 + 15_000,
      latencyMs: 15_000,
    });
    expect(signals[0]?.reason).toBeInstanceOf(FeedFailure);
    poller.stop();
  });

  it('caps the timeout at 80 % of the period and says so in seconds', async () => {
    const { poller, outcomes } = setup([source('a', hang)], { intervalMs: 10_000, timeoutMs: 15_000 });
    poller.start();
    await vi.advanceTimersByTimeAsync(8_000);
    expect(outcomes()[0]?.outcome).toMatchObject({ ok: false, error: { kind: 'timeout', message: 'no answer within 8 s' } });
    poller.stop();
  });

  it('stop() clears every timer, aborts in-flight requests and emits nothing more', async () => {
    let release: (r: readonly Reading[]) => void = () => undefined;
    let inFlight: AbortSignal | undefined;
    const held: Fetch = (ctx) => {
      inFlight = ctx.signal;
      return new Promise((resolve) => (release = resolve));
    };
    const history = vi.fn<Fetch>(hang);
    const { poller, actions } = setup([source('held', held), source('armed', ok), source('h', undefined, { history })]);
    poller.start();
    await vi.advanceTimersByTimeAsync(0);
    const before = actions.length;
    poller.stop();
    expect(vi.getTimerCount()).toBe(0);
    expect(inFlight?.aborted).toBe(true);
    release([READING]);
    await vi.advanceTimersByTimeAsync(3_600_000);
    expect(actions.length).toBe(before);
    poller.refresh();
    poller.start();
    await poller.runOnce({ history: true });
    expect(actions.length).toBe(before);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('fetches history once at start, with since = now - window, and emits feed/history', async () => {
    const history = vi.fn<Fetch>((ctx) =>
      Promise.resolve([{ kind: 'btc-locked', network: 'h', sats: 5, observedAt: ctx.since }]),
    );
    const { poller, actions } = setup([source('h', ok, { history })], { windowMs: 3_600_000 });
    poller.start();
    await vi.advanceTimersByTimeAsync(5 * MIN);
    const histories = actions.filter((a): a is FeedHistoryAction => a.type === 'feed/history');
    expect(history).toHaveBeenCalledTimes(1);
    expect(histories).toEqual([
      {
        type: 'feed/history',
        sourceId: 'h',
        outcome: { ok: true, readings: [{ kind: 'btc-locked', network: 'h', sats: 5, observedAt: T0 - 3_600_000 }], at: T0, latencyMs: 0 },
      },
    ]);
    poller.stop();
  });

  it('reports a failed history fetch as a failed feed/history outcome', async () => {
    const history = vi.fn<Fetch>(() => Promise.reject(new FeedFailure('schema', 'bad data: no usable rows')));
    const { poller, actions } = setup([source('h', undefined, { history })]);
    poller.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(actions).toEqual([
      {
        type: 'feed/history',
        sourceId: 'h',
        outcome: { ok: false, error: { kind: 'schema', message: 'bad data: no usable rows' }, at: T0, latencyMs: 0 },
      },
    ]);
    poller.stop();
  });

  it('runOnce resolves after one round, bounded by the timeout, and leaves no timers', async () => {
    const history = vi.fn<Fetch>(ok);
    const fast = vi.fn(ok);
    const { poller, actions, outcomes } = setup([source('fast', fast, { history }), source('hung', hang)]);
    let done = false;
    void poller.runOnce({ history: true }).then(() => (done = true));
    await vi.advanceTimersByTimeAsync(14_999);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(done).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
    expect(fast).toHaveBeenCalledTimes(1);
    expect(history).toHaveBeenCalledTimes(1);
    expect(actions.filter((a) => a.type === 'feed/attempt')).toHaveLength(2);
    expect(outcomes().map((o) => [o.sourceId, o.outcome.ok])).toEqual([
      ['fast', true],
      ['hung', false],
    ]);
    expect(actions.filter((a) => a.type === 'feed/history')).toHaveLength(1);
  });

  it('runOnce without history skips history, and uses an injected clock', async () => {
    const pending = new Set<number>();
    let nextId = 0;
    const clock = {
      now: () => 1_000,
      setTimeout: () => {
        pending.add(++nextId);
        return nextId;
      },
      clearTimeout: (h: unknown) => void pending.delete(h as number),
    };
    const history = vi.fn(ok);
    const { poller, outcomes } = setup([source('a', ok, { history })], { clock });
    await poller.runOnce();
    expect(history).not.toHaveBeenCalled();
    expect(outcomes()[0]).toMatchObject({ outcome: { ok: true, at: 1_000 }, nextAttemptAt: 1_000 + MIN });
    expect(pending.size).toBe(0);
  });
});
