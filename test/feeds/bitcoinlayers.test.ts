import { describe, expect, it } from 'vitest';
import { bitcoinlayersCurrent, networkReading } from '../../src/feeds/bitcoinlayers/current.js';
import { bitcoinlayersHistory } from '../../src/feeds/bitcoinlayers/history.js';
import { LAYERS_NETWORKS, LAYERS_SLUGS, networkOfSlug } from '../../src/feeds/bitcoinlayers/slugs.js';
import { layersTokenHistoryReply, layersTokensReply, splitOverTokens, type LayersTokenRow } from '../../src/feeds/demo/layers.js';
import { context, failure } from './adapter-context.js';
import { withMockHttp } from './mock-http.js';

const BASE = 'https://btclocked.test';
const NOW = Date.parse('2025-01-10T18:00:00Z');
const SINCE = Date.parse('2025-01-06T00:00:00Z');
const DAY = 86_400_000;
const day = (d: string): number => Date.parse(`${d}T00:00:00Z`);
const mock = withMockHttp();

function reply(path: string, body: unknown): void {
  mock.agent.get(BASE).intercept({ path, method: 'GET' }).reply(200, typeof body === 'string' ? body : JSON.stringify(body), { headers: { 'content-type': 'application/json' } });
}

/** Token rows as the view serves them: the network balance split over the network's tokens (BOB has two). */
const rows = (date: string, dates: Record<string, string> = {}): LayersTokenRow[] => [
  ...splitOverTokens('Rootstock', 387_654_321_098, date, dates),
  ...splitOverTokens('Stacks', 512_345_678_901, date, dates),
  ...splitOverTokens('Lightning', 515_000_000_000, date, dates),
  ...splitOverTokens('BOB', 151_000_000_000, date, dates),
  ...splitOverTokens('Ethereum', 1_000_000_000, date, dates),
];

describe('bitcoinlayers-current', () => {
  it('is polled at most hourly from the per-token view, with a cadence of hours', () => {
    expect(bitcoinlayersCurrent).toMatchObject({ minIntervalMs: 3_600_000, maxAgeMs: 8 * 3_600_000, path: '/current_supplies_by_tokenimpl' });
  });

  it('gives the like-for-like token row for Rootstock (RBTC) and Stacks (sBTC), the sum of tokens elsewhere, each a daily bucket', async () => {
    reply('/current_supplies_by_tokenimpl', layersTokensReply(rows('2025-01-10'), new URLSearchParams()).json);
    const readings = await bitcoinlayersCurrent.fetch?.(context(mock.http, BASE, NOW));
    const bucket = { observedAt: day('2025-01-10'), periodMs: DAY };
    expect(readings).toEqual(expect.arrayContaining([
      { kind: 'btc-locked', network: 'rootstock', sats: 387_654_321_098, ...bucket },
      { kind: 'btc-locked', network: 'stacks', sats: 512_345_678_901, ...bucket },
      { kind: 'btc-locked', network: 'lightning', sats: 515_000_000_000, ...bucket },
      { kind: 'btc-locked', network: 'bob', sats: 151_000_000_000, ...bucket },
    ]));
    expect(readings).toHaveLength(4);
  });

  it('a stale token behind a fresh one dates the network by the stale one, with a note naming it', async () => {
    reply('/current_supplies_by_tokenimpl', layersTokensReply(rows('2025-01-10', { 'BOB-tBTC_BOB': '2025-01-06' }), new URLSearchParams()).json);
    const readings = (await bitcoinlayersCurrent.fetch?.(context(mock.http, BASE, NOW))) ?? [];
    expect(readings.find((r) => r.kind === 'btc-locked' && r.network === 'bob')).toEqual({
      kind: 'btc-locked', network: 'bob', sats: 151_000_000_000, observedAt: day('2025-01-06'), periodMs: DAY,
      note: '1 of 2 tokens behind: BOB-tBTC_BOB 2025-01-06',
    });
  });

  it('uses only the RBTC row for Rootstock, whatever else is wrapped on it', () => {
    const r = networkReading('rootstock', [
      { network: 'rootstock', token: 'Rootstock-RBTC_Rootstock', sats: 300, day: day('2025-01-10') },
      { network: 'rootstock', token: 'Rootstock-WBTC_Rootstock', sats: 50, day: day('2025-01-02') },
    ]);
    expect(r).toEqual({ kind: 'btc-locked', network: 'rootstock', sats: 300, observedAt: day('2025-01-10'), periodMs: DAY });
    expect(networkReading('rootstock', [{ network: 'rootstock', token: 'Rootstock-WBTC_Rootstock', sats: 50, day: 0 }])).toBeUndefined();
  });

  it('leaves out a network whose tokens sum to 0', () => {
    expect(networkReading('botanix', [{ network: 'botanix', token: 'Botanix-BTC_Botanix', sats: 0, day: day('2025-01-10') }])).toBeUndefined();
  });

  it('fails as schema when no row is usable, or the body is not an array', async () => {
    reply('/current_supplies_by_tokenimpl', [{ network_slug: 'Ethereum', token_implementation: 'x', balance: 1, date: '2025-01-10' }, { network_slug: 'Merlin', balance: 'a lot' }]);
    expect((await failure(bitcoinlayersCurrent.fetch?.(context(mock.http, BASE, NOW)) ?? Promise.resolve())).toFeedError()).toEqual({ kind: 'schema', message: 'bad data: no usable rows' });
    reply('/current_supplies_by_tokenimpl', '{"message":"relation does not exist"}');
    expect((await failure(bitcoinlayersCurrent.fetch?.(context(mock.http, BASE, NOW)) ?? Promise.resolve())).message).toBe('bad data: expected array, received object');
  });
});

describe('bitcoinlayers-history', () => {
  const history = (): LayersTokenRow[] => ['2025-01-06', '2025-01-07', '2025-01-08', '2025-01-09', '2025-01-10'].flatMap((d, i) => [
    ...splitOverTokens('BOB', 150_000_000_000 + i * 1e8, d),
    ...splitOverTokens('Merlin', 200_000_000_000 - i * 1e8, d),
  ]);

  it('is history-only', () => {
    expect(bitcoinlayersHistory.polls).toBe(false);
    expect(bitcoinlayersHistory.fetch).toBeUndefined();
  });

  it('sums each network\'s tokens per day from the per-token history, stamped at the day\'s end (today at now)', async () => {
    reply('/historical_supplies_by_tokenimpl?date=gte.2025-01-06', layersTokenHistoryReply(history(), new URLSearchParams()).json);
    const readings = (await bitcoinlayersHistory.history?.(context(mock.http, BASE, NOW, SINCE))) ?? [];
    const bob = readings.filter((r) => r.kind === 'btc-locked' && r.network === 'bob');
    expect(bob.map((r) => [r.observedAt, r.kind === 'btc-locked' ? r.sats : 0])).toEqual([
      [day('2025-01-07'), 150_000_000_000],
      [day('2025-01-08'), 150_100_000_000],
      [day('2025-01-09'), 150_200_000_000],
      [day('2025-01-10'), 150_300_000_000],
      [NOW, 150_400_000_000],
    ]);
    expect(readings.filter((r) => r.kind === 'btc-locked' && r.network === 'merlin')).toHaveLength(5);
  });

  it('drops the newest day when a token has not been written for it yet', async () => {
    const partial = history().filter((r) => !(r.date === '2025-01-10' && r.token === 'tBTC'));
    reply('/historical_supplies_by_tokenimpl?date=gte.2025-01-06', layersTokenHistoryReply(partial, new URLSearchParams()).json);
    const readings = (await bitcoinlayersHistory.history?.(context(mock.http, BASE, NOW, SINCE))) ?? [];
    expect(readings.filter((r) => r.kind === 'btc-locked' && r.network === 'bob').map((r) => r.observedAt).at(-1)).toBe(day('2025-01-10'));
  });

  it('fails as schema when no row is usable, or the body is not an array', async () => {
    reply('/historical_supplies_by_tokenimpl?date=gte.2025-01-06', [{ network_slug: 'Ethereum', identifier: 'x', amount: 1, date: '2025-01-09' }]);
    expect((await failure(bitcoinlayersHistory.history?.(context(mock.http, BASE, NOW, SINCE)) ?? Promise.resolve())).toFeedError()).toEqual({ kind: 'schema', message: 'bad data: no usable rows' });
    reply('/historical_supplies_by_tokenimpl?date=gte.2025-01-06', '{"message":"relation does not exist"}');
    expect((await failure(bitcoinlayersHistory.history?.(context(mock.http, BASE, NOW, SINCE)) ?? Promise.resolve())).message).toBe('bad data: expected array, received object');
  });
});

describe('LAYERS_SLUGS', () => {
  it('maps lower-case slugs to the network ids, one table for both sources', () => {
    expect(Object.keys(LAYERS_SLUGS).every((slug) => slug === slug.toLowerCase())).toBe(true);
    expect(LAYERS_NETWORKS).toHaveLength(19);
    expect(bitcoinlayersCurrent.networks).toEqual(LAYERS_NETWORKS);
    expect(bitcoinlayersHistory.networks).toEqual(LAYERS_NETWORKS);
  });

  it.each([
    ['Lightning', 'lightning'],
    ['BSquared', 'bsquared'],
    ['BEVM', 'bevm'],
    ['InternetComputer', 'internet-computer'],
    ['Starknet', 'starknet'],
    ['Ethereum', undefined],
    ['constructor', undefined],
    ['__proto__', undefined],
    ['toString', undefined],
  ])('%s → %s', (slug, network) => {
    expect(networkOfSlug(slug)).toBe(network);
  });
});
