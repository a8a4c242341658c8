import { describe, expect, it } from 'vitest';
import { rootstockExplorer } from '../../src/feeds/rootstock/explorer.js';
import { Circulating } from '../../src/feeds/rootstock/schema.js';
import { context, failure } from './adapter-context.js';
import { fixture, withMockHttp } from './mock-http.js';

const mock = withMockHttp();

describe('rootstock-explorer', () => {
  const EXPLORER = 'https://explorer.test';

  function replyExplorer(body: string): void {
    mock.agent.get(EXPLORER).intercept({ path: '/circulating', method: 'GET' }).reply(200, body, { headers: { 'content-type': 'application/json' } });
  }

  it('is a polled Rootstock btc-locked source of its own provider', () => {
    expect(rootstockExplorer).toMatchObject({
      id: 'rootstock-explorer',
      provider: 'rootstock-explorer',
      role: 'btc-locked',
      networks: ['rootstock'],
      path: '/circulating',
      polls: true,
    });
  });

  it('reads the decimal string exactly, cutting digits past the 8th decimal', async () => {
    replyExplorer(fixture('rootstock/circulating-ok.json'));
    expect(await rootstockExplorer.fetch?.(context(mock.http, EXPLORER))).toEqual([
      { kind: 'btc-locked', network: 'rootstock', sats: 387654321098 },
    ]);
  });

  it('accepts a number too, through its shortest text', async () => {
    replyExplorer(fixture('rootstock/circulating-number.json'));
    expect(await rootstockExplorer.fetch?.(context(mock.http, EXPLORER))).toEqual([
      { kind: 'btc-locked', network: 'rootstock', sats: 387654321098 },
    ]);
  });

  it.each([
    ['20999999.99999999', 2_099_999_999_999_999],
    ['0.000000019', 1],
    ['1e-7', 10],
    ['2.0e6', 200_000_000_000_000],
  ])('parses %s exactly', (text, sats) => {
    expect(Circulating.parse({ circulatingSupply: text })).toEqual({ kind: 'btc-locked', network: 'rootstock', sats });
  });

  it('parses 0.1 + 0.2 RBTC as a number without float error', () => {
    expect(Circulating.parse({ circulatingSupply: 0.1 + 0.2 })).toEqual({ kind: 'btc-locked', network: 'rootstock', sats: 30000000 });
  });

  it.each([
    ['circulating-negative.json', 'bad data at circulatingSupply: below 0'],
    ['circulating-over-21m.json', 'bad data at circulatingSupply: more than 21M BTC'],
    ['circulating-zero.json', 'bad data at circulatingSupply: implausible: a total of 0'],
    ['circulating-thousands.json', 'bad data at circulatingSupply: expected a decimal RBTC amount'],
    ['circulating-missing.json', 'bad data at circulatingSupply: missing (expected string or number)'],
    ['circulating-boolean.json', 'bad data at circulatingSupply: expected string or number'],
  ])('rejects %s as schema', async (file, message) => {
    replyExplorer(fixture(`rootstock/${file}`));
    const f = await failure(rootstockExplorer.fetch?.(context(mock.http, EXPLORER)) ?? Promise.resolve());
    expect(f.toFeedError()).toEqual({ kind: 'schema', message });
  });
});
