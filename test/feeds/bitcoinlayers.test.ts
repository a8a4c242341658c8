import { describe, expect, it } from 'vitest';
import { bitcoinlayersCurrent } from '../../src/feeds/bitcoinlayers/current.js';
import { bitcoinlayersHistory } from '../../src/feeds/bitcoinlayers/history.js';
import { LAYERS_NETWORKS, LAYERS_SLUGS, networkOfSlug } from '../../src/feeds/bitcoinlayers/slugs.js';
import { context, failure } from './adapter-context.js';
import { fixture, withMockHttp } from './mock-http.js';

const BASE = 'https://btclocked.test';
const NOW = Date.parse('2025-01-10T18:00:00Z');
const SINCE = Date.parse('2025-01-06T00:00:00Z');
const mock = withMockHttp();

function reply(body: string, date = '2025-01-06'): void {
  mock.agent
    .get(BASE)
    .intercept({ path: `/historical_supplies_by_network?date=gte.${date}`, method: 'GET' })
    .reply(200, body, { headers: { 'content-type': 'application/json' } });
}

describe('bitcoinlayers-history', () => {
  it('is history-only', () => {
    expect(bitcoinlayersHistory.polls).toBe(false);
    expect(bitcoinlayersHistory.fetch).toBeUndefined();
  });

  it('keeps usable rows of every mapped network (any case), skips the rest, sorted by date', async () => {
    reply(fixture('bitcoinlayers/history-ok.json'));
    const readings = await bitcoinlayersHistory.history?.(context(mock.http, BASE, NOW, SINCE));
    const day = (d: string): number => Date.parse(`${d}T00:00:00Z`);
    expect(readings).toEqual([
      { kind: 'btc-locked', network: 'rootstock', sats: 387654321098, observedAt: day('2025-01-09') },
      { kind: 'btc-locked', network: 'stacks', sats: 512345678901, observedAt: day('2025-01-09') },
      { kind: 'btc-locked', network: 'lightning', sats: 515000000000, observedAt: day('2025-01-09') },
      { kind: 'btc-locked', network: 'rootstock', sats: 388010000000, observedAt: day('2025-01-10') },
    ]);
  });

  it('queries from the UTC date of `since` and drops rows before it', async () => {
    reply(fixture('bitcoinlayers/history-ok.json'), '2025-01-09');
    const since = Date.parse('2025-01-09T23:30:00Z');
    const readings = await bitcoinlayersHistory.history?.(context(mock.http, BASE, NOW, since));
    expect(readings?.map((r) => r.observedAt)).toEqual([Date.parse('2025-01-10T00:00:00Z')]);
  });

  it('fails as schema when no row is usable', async () => {
    reply(fixture('bitcoinlayers/history-no-usable.json'));
    const f = await failure(bitcoinlayersHistory.history?.(context(mock.http, BASE, NOW, SINCE)) ?? Promise.resolve());
    expect(f.toFeedError()).toEqual({ kind: 'schema', message: 'bad data: no usable rows' });
  });

  it('fails as schema when the body is not an array', async () => {
    reply('{"message":"relation does not exist"}');
    const f = await failure(bitcoinlayersHistory.history?.(context(mock.http, BASE, NOW, SINCE)) ?? Promise.resolve());
    expect(f.message).toBe('bad data: expected array, received object');
  });
});

describe('LAYERS_SLUGS', () => {
  it('maps lower-case slugs to the network ids, one table for both sources', () => {
    expect(Object.keys(LAYERS_SLUGS).every((slug) => slug === slug.toLowerCase())).toBe(true);
    expect(LAYERS_NETWORKS).toHaveLength(15);
    expect(bitcoinlayersCurrent.networks).toEqual(LAYERS_NETWORKS);
    expect(bitcoinlayersHistory.networks).toEqual(LAYERS_NETWORKS);
  });

  it.each([
    ['Lightning', 'lightning'],
    ['BSquared', 'bsquared'],
    ['BEVM', 'bevm'],
    ['Ethereum', undefined],
    ['constructor', undefined],
    ['__proto__', undefined],
    ['toString', undefined],
  ])('%s → %s', (slug, network) => {
    expect(networkOfSlug(slug)).toBe(network);
  });
});

describe('bitcoinlayers-current', () => {
  const CURRENT_NOW = Date.parse('2025-01-10T06:00:00Z');

  function replyCurrent(body: string): void {
    mock.agent
      .get(BASE)
      .intercept({ path: '/current_supplies_by_network', method: 'GET' })
      .reply(200, body, { headers: { 'content-type': 'application/json' } });
  }

  it('is polled at most hourly', () => {
    expect(bitcoinlayersCurrent).toMatchObject({
      id: 'bitcoinlayers-current',
      provider: 'bitcoinlayers',
      role: 'btc-locked',
      path: '/current_supplies_by_network',
      minIntervalMs: 3_600_000,
      polls: true,
    });
  });

  it('keeps fresh rows of mapped networks (first row per network), unstamped', async () => {
    replyCurrent(fixture('bitcoinlayers/current-ok.json'));
    expect(await bitcoinlayersCurrent.fetch?.(context(mock.http, BASE, CURRENT_NOW))).toEqual([
      { kind: 'btc-locked', network: 'rootstock', sats: 387654321098 },
      { kind: 'btc-locked', network: 'stacks', sats: 512345678901 },
      { kind: 'btc-locked', network: 'lightning', sats: 515000000000 },
      { kind: 'btc-locked', network: 'citrea', sats: 123456789012 },
    ]);
  });

  it('keeps a row exactly 3 days old and drops one a moment older', async () => {
    const row = (date: string): object => ({ network_slug: 'Core', total_balance: 1, latest_date: date });
    replyCurrent(JSON.stringify([row('2025-01-07')]));
    expect(await bitcoinlayersCurrent.fetch?.(context(mock.http, BASE, Date.parse('2025-01-10T00:00:00Z')))).toHaveLength(1);
    replyCurrent(JSON.stringify([row('2025-01-07')]));
    const f = await failure(bitcoinlayersCurrent.fetch?.(context(mock.http, BASE, Date.parse('2025-01-10T00:00:01Z'))) ?? Promise.resolve());
    expect(f.message).toBe('bad data: no usable rows');
  });

  it('fails as schema when every row is stale', async () => {
    replyCurrent(fixture('bitcoinlayers/current-stale.json'));
    const f = await failure(bitcoinlayersCurrent.fetch?.(context(mock.http, BASE, CURRENT_NOW)) ?? Promise.resolve());
    expect(f.toFeedError()).toEqual({ kind: 'schema', message: 'bad data: no usable rows' });
  });

  it('fails as schema when no row is usable at all', async () => {
    replyCurrent(fixture('bitcoinlayers/history-no-usable.json'));
    const f = await failure(bitcoinlayersCurrent.fetch?.(context(mock.http, BASE, CURRENT_NOW)) ?? Promise.resolve());
    expect(f.toFeedError()).toEqual({ kind: 'schema', message: 'bad data: no usable rows' });
  });

  it('fails as schema when the body is not an array', async () => {
    replyCurrent('{"code":"42P01","message":"relation does not exist"}');
    const f = await failure(bitcoinlayersCurrent.fetch?.(context(mock.http, BASE, CURRENT_NOW)) ?? Promise.resolve());
    expect(f.toFeedError()).toEqual({ kind: 'schema', message: 'bad data: expected array, received object' });
  });
});
