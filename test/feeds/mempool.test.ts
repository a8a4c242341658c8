import { describe, expect, it } from 'vitest';
import { lightningInterval, mempoolLightning } from '../../src/feeds/mempool/lightning.js';
import { mempoolHeight } from '../../src/feeds/mempool/height.js';
import { mempoolPrice } from '../../src/feeds/mempool/price.js';
import { HistoricalPrices, LightningLatest, Prices } from '../../src/feeds/mempool/schema.js';
import { context, failure } from './adapter-context.js';
import { fixture, upstream, withMockHttp } from './mock-http.js';

const BASE = 'https://mempool.test';
const DAY = 86_400_000;
const mock = withMockHttp();

function reply(path: string, body: string): void {
  mock.agent.get(BASE).intercept({ path, method: 'GET' }).reply(200, body, { headers: { 'content-type': 'application/json' } });
}

describe('mempool-lightning', () => {
  it('parses the recorded /latest payload into exact sats and extras', () => {
    expect(LightningLatest.parse(JSON.parse(upstream('mempool-lightning-statistics-latest.json')))).toEqual({
      kind: 'btc-locked',
      network: 'lightning',
      sats: 460820222344,
      extra: { channels: 81690, nodes: 15851, avgFeeRatePpm: 497 },
      observedAt: Date.parse('2022-08-30T00:00:00.000Z'),
      periodMs: DAY,
    });
  });

  it('fetches /api/v1/lightning/statistics/latest', async () => {
    reply('/api/v1/lightning/statistics/latest', upstream('mempool-lightning-statistics-latest.json'));
    const readings = await mempoolLightning.fetch?.(context(mock.http, BASE));
    expect(readings).toEqual([expect.objectContaining({ network: 'lightning', sats: 460820222344 })]);
  });

  it('accepts the live shape with `previous` and no node_count', async () => {
    reply('/api/v1/lightning/statistics/latest', fixture('mempool/lightning-latest-with-previous.json'));
    const readings = await mempoolLightning.fetch?.(context(mock.http, BASE));
    expect(readings).toEqual([
      { kind: 'btc-locked', network: 'lightning', sats: 515000000000, extra: { channels: 48000, avgFeeRatePpm: 800 }, observedAt: Date.parse('2025-01-10T00:00:00Z'), periodMs: DAY },
    ]);
  });

  it.each([
    ['lightning-latest-capacity-string.json', 'bad data at latest.total_capacity: expected number, received string'],
    ['lightning-latest-missing-capacity.json', 'bad data at latest.total_capacity: missing (expected number)'],
    ['lightning-latest-fractional.json', 'bad data at latest.total_capacity: expected whole sats'],
  ])('rejects %s as schema', async (file, message) => {
    reply('/api/v1/lightning/statistics/latest', fixture(`mempool/${file}`));
    const f = await failure(mempoolLightning.fetch?.(context(mock.http, BASE)) ?? Promise.resolve());
    expect(f.toFeedError()).toEqual({ kind: 'schema', message });
  });

  it.each([
    [DAY, '24h'],
    [DAY + 1, '3d'],
    [7 * DAY, '1w'],
    [28 * DAY, '1m'],
    [30 * DAY, '3m'],
    [90 * DAY, '6m'],
    [365 * DAY, '1y'],
    [1460 * DAY, '4y'],
    [1461 * DAY, 'all'],
  ])('picks interval for a %i ms window: %s', (span, interval) => {
    expect(lightningInterval(span)).toBe(interval);
  });

  it('backfills from the covering interval, each day stamped at its end (today at now), oldest first, only since `since`', async () => {
    reply('/api/v1/lightning/statistics/3d', fixture('mempool/lightning-history-ok.json'));
    const readings = await mempoolLightning.history?.(context(mock.http, BASE));
    expect(readings).toEqual([
      { kind: 'btc-locked', network: 'lightning', sats: 514700000000, observedAt: Date.parse('2025-01-08T00:00:00Z') },
      { kind: 'btc-locked', network: 'lightning', sats: 514800000000, observedAt: Date.parse('2025-01-09T00:00:00Z') },
      { kind: 'btc-locked', network: 'lightning', sats: 514900000000, observedAt: Date.parse('2025-01-10T00:00:00Z') },
      { kind: 'btc-locked', network: 'lightning', sats: 515000000000, observedAt: Date.parse('2025-01-10T06:00:00Z') },
    ]);
  });

  it('rejects history rows whose `added` is not unix seconds', async () => {
    reply('/api/v1/lightning/statistics/3d', fixture('mempool/lightning-history-added-iso.json'));
    const f = await failure(mempoolLightning.history?.(context(mock.http, BASE)) ?? Promise.resolve());
    expect(f.message).toBe('bad data at [0].added: expected number, received string');
  });

  it('allows history bodies above the 1 MiB default cap', async () => {
    const start = Date.parse('2020-01-01T00:00:00Z') / 1000;
    const rows = Array.from({ length: 15_000 }, (_, i) => ({
      added: start + i * 86_400,
      channel_count: 50_000,
      total_capacity: 500_000_000_000 + i,
      tor_nodes: 1,
      clearnet_nodes: 1,
      unannounced_nodes: 1,
      clearnet_tor_nodes: 1,
    }));
    const body = JSON.stringify(rows);
    expect(body.length).toBeGreaterThan(1024 * 1024);
    const now = (start + 15_000 * 86_400) * 1000;
    reply('/api/v1/lightning/statistics/all', body);
    const readings = await mempoolLightning.history?.(context(mock.http, BASE, now, now - 5000 * DAY));
    expect(readings).toHaveLength(5001);
    expect(readings?.[0]?.observedAt).toBe(now - 5000 * DAY);
  });
});

describe('mempool-price', () => {
  it.each([
    [{ time: 0, USD: -1, EUR: -1 }, 'bad data at USD: no USD price upstream (-1)'],
    [{ time: 0, USD: 97_000 }, 'bad data at time: no price computed upstream yet (time 0)'],
    [{ time: 1_703_252_411, USD: -1, EUR: 40_000 }, 'bad data at USD: no USD price upstream (-1)'],
  ])('refuses a fresh instance\'s placeholder %j', async (body, message) => {
    reply('/api/v1/prices', JSON.stringify(body));
    const f = await failure(mempoolPrice.fetch?.(context(mock.http, BASE)) ?? Promise.resolve());
    expect(f.toFeedError()).toEqual({ kind: 'schema', message });
  });

  it('has a cadence of minutes: a price older than 15 minutes is stale', () => {
    expect(mempoolPrice.maxAgeMs).toBe(15 * 60_000);
  });

  it('parses the recorded /prices payload', async () => {
    reply('/api/v1/prices', upstream('mempool-prices.json'));
    expect(await mempoolPrice.fetch?.(context(mock.http, BASE))).toEqual([
      { kind: 'price', usd: 43753, observedAt: 1703252411000 },
    ]);
  });

  it('leaves observedAt unset without `time`', () => {
    expect(Prices.parse({ USD: 100_000.5 })).toEqual({ kind: 'price', usd: 100_000.5 });
  });

  it.each([
    ['prices-usd-unavailable.json', 'bad data at USD: no USD price upstream (-1)'],
    ['prices-usd-string.json', 'bad data at USD: expected number, received string'],
  ])('rejects %s as schema', async (file, message) => {
    reply('/api/v1/prices', fixture(`mempool/${file}`));
    const f = await failure(mempoolPrice.fetch?.(context(mock.http, BASE)) ?? Promise.resolve());
    expect(f.toFeedError()).toEqual({ kind: 'schema', message });
  });
});

describe('mempool-price history', () => {
  const PATH = '/api/v1/historical-price?currency=USD';

  it('parses the recorded historical-price payload', () => {
    expect(HistoricalPrices.parse(JSON.parse(upstream('mempool-historical-price-eur-1500000000.json')))).toEqual([
      { kind: 'price', usd: 2254.9, observedAt: 1499904000000 },
    ]);
  });

  it('keeps USD > 0 at or after since, oldest first', async () => {
    reply(PATH, fixture('mempool/historical-price-ok.json'));
    const since = Date.parse('2025-01-07T00:00:00Z');
    expect(await mempoolPrice.history?.(context(mock.http, BASE, Date.parse('2025-01-10T06:00:00Z'), since))).toEqual([
      { kind: 'price', usd: 101000, observedAt: 1736208000000 },
      { kind: 'price', usd: 96900.5, observedAt: 1736294400000 },
      { kind: 'price', usd: 94500, observedAt: 1736467200000 },
    ]);
  });

  it.each([
    ['historical-price-time-string.json', 'bad data at prices[0].time: expected number, received string'],
    ['historical-price-no-prices.json', 'bad data at prices: missing (expected array)'],
  ])('rejects %s as schema', async (file, message) => {
    reply(PATH, fixture(`mempool/${file}`));
    const f = await failure(mempoolPrice.history?.(context(mock.http, BASE)) ?? Promise.resolve());
    expect(f.toFeedError()).toEqual({ kind: 'schema', message });
  });

  it('allows bodies up to 16 MiB', async () => {
    const start = Date.parse('2020-01-01T00:00:00Z') / 1000;
    const prices = Array.from({ length: 60_000 }, (_, i) => ({ time: start + i * 3600, USD: 50_000 + i, EUR: 45_000, GBP: 40_000 }));
    const body = JSON.stringify({ prices, exchangeRates: {} });
    expect(body.length).toBeGreaterThan(2 * 1024 * 1024);
    reply(PATH, body);
    const now = (start + 60_000 * 3600) * 1000;
    const readings = await mempoolPrice.history?.(context(mock.http, BASE, now, now - 10 * DAY));
    expect(readings).toHaveLength(240);
  });
});

describe('mempool-height', () => {
  const PATH = '/api/blocks/tip/height';

  function replyText(body: string): void {
    mock.agent.get(BASE).intercept({ path: PATH, method: 'GET' }).reply(200, body, { headers: { 'content-type': 'text/plain' } });
  }

  it('is a polled block-height source for no network', () => {
    expect(mempoolHeight).toMatchObject({
      id: 'mempool-height',
      provider: 'mempool',
      role: 'block-height',
      networks: [],
      path: PATH,
      polls: true,
    });
  });

  it.each(['877123', '877123\n', ' 1 '])('reads %j', async (body) => {
    replyText(body);
    expect(await mempoolHeight.fetch?.(context(mock.http, BASE))).toEqual([{ kind: 'block-height', height: Number(body.trim()) }]);
  });

  it.each([
    ['0', 'bad data: implausible block height 0'],
    ['10000000', 'bad data: implausible block height 10000000'],
    ['-1', 'bad data: expected a block height as text'],
    ['877123.5', 'bad data: expected a block height as text'],
    ['{"height":877123}', 'bad data: expected a block height as text'],
    ['', 'bad data: expected a block height as text'],
  ])('rejects %j as schema', async (body, message) => {
    replyText(body);
    const f = await failure(mempoolHeight.fetch?.(context(mock.http, BASE)) ?? Promise.resolve());
    expect(f.toFeedError()).toEqual({ kind: 'schema', message });
  });
});
