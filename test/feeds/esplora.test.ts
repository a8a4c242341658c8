import { describe, expect, it } from 'vitest';
import { esploraLiquidSupply, LBTC_ASSET_ID } from '../../src/feeds/esplora/supply.js';
import { context, failure } from './adapter-context.js';
import { fixture, upstream, withMockHttp } from './mock-http.js';

const BASE = 'https://esplora.test/liquid';
const PATH = `/liquid/api/asset/${LBTC_ASSET_ID}/supply`;
const mock = withMockHttp();

function reply(body: string): void {
  mock.agent.get('https://esplora.test').intercept({ path: PATH, method: 'GET' }).reply(200, body, { headers: { 'content-type': 'text/plain' } });
}

interface Stats {
  peg_in_amount: number;
  peg_out_amount: number;
  burned_amount: number;
}

describe('esplora-liquid-supply', () => {
  it('is a polled Liquid source of the esplora-liquid provider', () => {
    expect(esploraLiquidSupply).toMatchObject({
      id: 'esplora-liquid-supply',
      provider: 'esplora-liquid',
      role: 'btc-locked',
      networks: ['liquid'],
      path: `/api/asset/${LBTC_ASSET_ID}/supply`,
      polls: true,
    });
    expect(LBTC_ASSET_ID).toBe('6f0279e9ed041c3d710a9f57d0c02928416460c4b722ae3457a11eec381c526d');
  });

  it('reads the text supply that the recorded asset stats imply (peg-in − peg-out − burned, chain + mempool)', async () => {
    const asset = JSON.parse(upstream('esplora-liquid-asset-native-docs-example.json')) as { chain_stats: Stats; mempool_stats: Stats };
    const net = (s: Stats): number => s.peg_in_amount - s.peg_out_amount - s.burned_amount;
    const supply = net(asset.chain_stats) + net(asset.mempool_stats);
    expect(`${supply}\n`).toBe(fixture('esplora/supply-ok.txt'));
    reply(fixture('esplora/supply-ok.txt'));
    expect(await esploraLiquidSupply.fetch?.(context(mock.http, BASE))).toEqual([{ kind: 'btc-locked', network: 'liquid', sats: supply }]);
  });

  it.each([
    ['supply-html.txt', 'bad data: expected a whole number of sats as text'],
    ['supply-decimal.txt', 'bad data: expected a whole number of sats as text'],
    ['supply-over-21m.txt', 'bad data: more than 21M BTC'],
  ])('rejects %s as schema', async (file, message) => {
    reply(fixture(`esplora/${file}`));
    const f = await failure(esploraLiquidSupply.fetch?.(context(mock.http, BASE)) ?? Promise.resolve());
    expect(f.toFeedError()).toEqual({ kind: 'schema', message });
  });

  it.each(['', '-5', '1 2', '0x10'])('rejects the body %j as schema', async (body) => {
    reply(body);
    const f = await failure(esploraLiquidSupply.fetch?.(context(mock.http, BASE)) ?? Promise.resolve());
    expect(f.toFeedError()).toEqual({ kind: 'schema', message: 'bad data: expected a whole number of sats as text' });
  });

  it('maps a 429 to ratelimit', async () => {
    mock.agent.get('https://esplora.test').intercept({ path: PATH, method: 'GET' }).reply(429, 'Too Many Requests', { headers: { 'retry-after': '30' } });
    const f = await failure(esploraLiquidSupply.fetch?.(context(mock.http, BASE)) ?? Promise.resolve());
    expect(f.toFeedError()).toEqual({ kind: 'ratelimit', message: 'HTTP 429 Too Many Requests (retry after 30 s)', status: 429, retryAfterMs: 30_000 });
  });
});
