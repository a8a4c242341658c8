// Soak: 120 simulated days of 5-minute polls of every registry source on a manual clock, with a seeded 10% of calls
// failing (every FeedFailure kind) and three alert rules; memory, series, alerts, timers and handles must stay bounded.
import { beforeAll, describe, expect, it } from 'vitest';
import { MAX_ALERTS } from '../../src/model/alert-rules.js';
import { MAX_POINTS } from '../../src/model/reducer.js';
import { NETWORKS } from '../../src/feeds/networks.js';
import { DAY, DAYS, FAILURE_RATE, INTERVAL, MIN, soak, T0, WINDOW, type SoakResult } from './soak-run.js';

let r: SoakResult;
beforeAll(async () => {
  r = await soak();
}, 90_000);

describe(`soak: ${DAYS} days of ${INTERVAL / MIN}-minute polls, ${FAILURE_RATE * 100}% of calls failing, on a manual clock`, () => {
  it('never crashed, and every failure kind was injected and reported as that kind', () => {
    expect(r.crashes).toEqual([]);
    for (const kind of ['http', 'network', 'timeout', 'ratelimit', 'schema'] as const) {
      expect(r.stats.injected[kind], kind).toBeGreaterThan(1_000);
      expect(r.errors[kind], kind).toBe(r.stats.injected[kind]);
    }
    // Refused unsent by the provider-wide Retry-After gate: a consequence of injected 429s, never more than them.
    expect(r.notSent).toBeLessThanOrEqual(r.stats.injected.ratelimit);
    expect(r.zeroOrNaNRows).toEqual([]);
  });

  it('keeps every series within the window (polls per window plus retries plus history) and MAX_POINTS', () => {
    const perWindow = WINDOW / INTERVAL;
    // Each failure brings one retry about 15 s later; history adds at most one point a day (hourly for the price).
    const retries = Math.ceil(perWindow * FAILURE_RATE * 2);
    expect(r.maxSeries).toBeLessThanOrEqual(Math.min(MAX_POINTS, perWindow + retries + 91));
    expect(r.maxPriceSeries).toBeLessThanOrEqual(Math.min(MAX_POINTS, perWindow + retries + 91 * 24));
    expect(r.maxSeries).toBeGreaterThan(perWindow * 0.9);
  });

  it('keeps memory flat from day 100 to day 120 (heap after a full GC, and retained points, within 10%)', () => {
    const days = r.samples.map((x) => x.day);
    expect(days).toEqual([100, 105, 110, 115, 120]);
    const spread = (xs: number[]): number => (Math.max(...xs) - Math.min(...xs)) / Math.min(...xs);
    expect(spread(r.samples.map((x) => x.points))).toBeLessThan(0.1);
    const heap = r.samples.map((x) => x.heapUsed).filter((x): x is number => x !== undefined);
    if (heap.length === 0) return;
    expect(spread(heap), r.samples.map((x) => `day ${x.day}: ${((x.heapUsed ?? 0) / 2 ** 20).toFixed(1)} MiB`).join(', ')).toBeLessThan(0.1);
  });

  it('caps the fired alerts at MAX_ALERTS although far more fired, every rule among them', () => {
    const fired = r.firedByRule.reduce((a, b) => a + b, 0);
    expect(fired).toBeGreaterThan(MAX_ALERTS);
    for (const n of r.firedByRule) expect(n, r.firedByRule.join('/')).toBeGreaterThan(0);
    expect(r.maxAlerts).toBe(MAX_ALERTS);
    expect(r.final.alerts).toHaveLength(MAX_ALERTS);
    // One episode flag per rule and subject: share-move any network, one level, one source.
    expect(Object.keys(r.final.alertActive).length).toBeLessThanOrEqual(NETWORKS.length + 2);
  });

  it('after stop(): no pending timers, no subscriber left, no new handles', () => {
    expect(r.pendingTimers).toBe(0);
    expect(r.notifiedAfterUnsubscribe).toBe(0);
    expect(r.newResources).toEqual([]);
  });

  it(`ran every 5-minute source about ${DAYS * 288} times, and says how many polls and how long`, () => {
    const nominal = DAYS * (DAY / INTERVAL) * 13 + DAYS * 24 * 2;
    expect(r.attempts).toBeGreaterThan(nominal * 0.95);
    expect(r.outcomes).toBe(r.attempts);
    expect(r.final.now).toBeGreaterThanOrEqual(T0 + DAYS * DAY);
    console.info(`soak: ${r.attempts} polls (${r.stats.calls} calls, ${r.timersRun} timers) over ${DAYS} simulated days in ${r.seconds.toFixed(1)} s; ${r.firedByRule.join('/')} alerts fired per rule; longest series ${r.maxSeries} points; heap ${r.samples.map((x) => `day ${x.day} ${((x.heapUsed ?? 0) / 2 ** 20).toFixed(1)} MiB`).join(', ')}`);
  });
});
