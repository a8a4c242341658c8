import { describe, expect, it } from 'vitest';
import { coingeckoPrice } from '../../src/feeds/coingecko/price.js';
import { context, failure } from './adapter-context.js';
import { fixture, upstream, withMockHttp } from './mock-http.js';

const BASE = 'https://coingecko.test';
const PATH = '/api/v3/simple/price?ids=bitcoin&vs_currencies=usd&include_last_updated_at=true';
const mock = withMockHttp();

function reply(body: string): void {
  mock.agent.get(BASE).intercept({ path: PATH, method: 'GET' }).reply(200, body, { headers: { 'content-type': 'application/json' } });
}

describe('coingecko-price', () => {
  it('is a polled price source', () => {
    expect(coingeckoPrice).toMatchObject({
      id: 'coingecko-price',
      provider: 'coingecko',
      role: 'price',
      networks: [],
      path: '/api/v3/simple/price',
      polls: true,
    });
  });

  it('parses the recorded keyless payload, leaving observedAt unset without last_updated_at', async () => {
    reply(upstream('coingecko-simple-price-bitcoin-usd.json'));
    expect(await coingeckoPrice.fetch?.(context(mock.http, BASE))).toEqual([{ kind: 'price', usd: 97284.65 }]);
  });

  it('stamps the price with last_updated_at', async () => {
    reply(fixture('coingecko/price-ok.json'));
    expect(await coingeckoPrice.fetch?.(context(mock.http, BASE))).toEqual([
      { kind: 'price', usd: 94123.5, observedAt: 1736488800000 },
    ]);
  });

  it.each([
    ['price-zero.json', 'bad data at bitcoin.usd: expected a price > 0'],
    ['price-string.json', 'bad data at bitcoin.usd: expected number, received string'],
    ['price-no-bitcoin.json', 'bad data at bitcoin: missing (expected object)'],
  ])('rejects %s as schema', async (file, message) => {
    reply(fixture(`coingecko/${file}`));
    const f = await failure(coingeckoPrice.fetch?.(context(mock.http, BASE)) ?? Promise.resolve());
    expect(f.toFeedError()).toEqual({ kind: 'schema', message });
  });

  it('maps a 429 with Retry-After to ratelimit', async () => {
    mock.agent.get(BASE).intercept({ path: PATH, method: 'GET' }).reply(429, '{"status":{"error_code":429}}', { headers: { 'retry-after': '60' } });
    const f = await failure(coingeckoPrice.fetch?.(context(mock.http, BASE)) ?? Promise.resolve());
    expect(f.toFeedError()).toMatchObject({ kind: 'ratelimit', status: 429, retryAfterMs: 60_000 });
  });
});
