import { describe, expect, it } from 'vitest';
import { defillamaChains } from '../../src/feeds/defillama/chains.js';
import { LLAMA_CHAINS, networkOfLlamaChain } from '../../src/feeds/defillama/chain-names.js';
import { defillamaCoinsPrice } from '../../src/feeds/defillama/coins-price.js';
import { Chains } from '../../src/feeds/defillama/schema.js';
import { context, failure } from './adapter-context.js';
import { fixture, upstream, withMockHttp } from './mock-http.js';

const BASE = 'https://llama.test';
const JSON_HEADERS = { headers: { 'content-type': 'application/json' } };
const NOW = Date.parse('2025-01-10T06:00:00Z');
const SINCE = Date.parse('2025-01-08T00:00:00Z');
const mock = withMockHttp();

function reply(path: string, body: string): void {
  mock.agent.get(BASE).intercept({ path, method: 'GET' }).reply(200, body, JSON_HEADERS);
}

describe('defillama-coins-price', () => {
  it('is a polled price source', () => {
    expect(defillamaCoinsPrice).toMatchObject({
      id: 'defillama-coins-price',
      provider: 'defillama-coins',
      role: 'price',
      networks: [],
      path: '/prices/current/coingecko:bitcoin',
      polls: true,
    });
  });

  it('reads coins["coingecko:bitcoin"].price stamped with its timestamp', async () => {
    reply('/prices/current/coingecko:bitcoin', fixture('defillama-coins/price-ok.json'));
    expect(await defillamaCoinsPrice.fetch?.(context(mock.http, BASE))).toEqual([
      { kind: 'price', usd: 94123.5, observedAt: 1736488800000 },
    ]);
  });

  it.each([
    ['price-missing-coin.json', 'bad data at coins.coingecko:bitcoin: missing (expected object)'],
    ['price-negative.json', 'bad data at coins.coingecko:bitcoin.price: expected a price > 0'],
  ])('rejects %s as schema', async (file, message) => {
    reply('/prices/current/coingecko:bitcoin', fixture(`defillama-coins/${file}`));
    const f = await failure(defillamaCoinsPrice.fetch?.(context(mock.http, BASE)) ?? Promise.resolve());
    expect(f.toFeedError()).toEqual({ kind: 'schema', message });
  });
});

describe('LLAMA_CHAINS', () => {
  it('is the one table: its keys are the source networks', () => {
    expect(defillamaChains.networks).toEqual(Object.keys(LLAMA_CHAINS));
    expect(Object.keys(LLAMA_CHAINS)).toHaveLength(13);
  });

  it.each([
    ['Rootstock', 'rootstock'],
    ['RSK', 'rootstock'],
    ['rsk', 'rootstock'],
    ['CORE', 'core'],
    ['Core', 'core'],
    ['bsquared', 'bsquared'],
    ['Ethereum', undefined],
    ['constructor', undefined],
  ])('%s → %s', (name, network) => {
    expect(networkOfLlamaChain(name)).toBe(network);
  });
});

describe('defillama-chains', () => {
  it('is polled at most hourly and backfills', () => {
    expect(defillamaChains).toMatchObject({
      id: 'defillama-chains',
      provider: 'defillama',
      role: 'defi-tvl',
      path: '/v2/chains',
      minIntervalMs: 3_600_000,
      polls: true,
    });
    expect(defillamaChains.history).toBeTypeOf('function');
  });

  it('reads RSK and Stacks from the recorded 2022 payload (chainId null, number and string)', () => {
    expect(Chains.parse(JSON.parse(upstream('defillama-v2-chains-2022-snapshot.json')))).toEqual([
      { kind: 'defi-tvl', network: 'rootstock', usd: 65621574.15802458 },
      { kind: 'defi-tvl', network: 'stacks', usd: 14688129.820373219 },
    ]);
  });

  it('keeps listed chains (first row per network, any case) and skips unusable rows', async () => {
    reply('/v2/chains', fixture('defillama/chains-ok.json'));
    expect(await defillamaChains.fetch?.(context(mock.http, BASE))).toEqual([
      { kind: 'defi-tvl', network: 'rootstock', usd: 180000000.25 },
      { kind: 'defi-tvl', network: 'stacks', usd: 95000000 },
      { kind: 'defi-tvl', network: 'bob', usd: 120000000.75 },
      { kind: 'defi-tvl', network: 'core', usd: 350000000 },
      { kind: 'defi-tvl', network: 'citrea', usd: 0 },
    ]);
  });

  it.each([
    ['chains-no-usable.json', 'bad data: no usable rows'],
    ['history-stacks.json', 'bad data: no usable rows'],
  ])('rejects %s as schema', async (file, message) => {
    reply('/v2/chains', fixture(`defillama/${file}`));
    const f = await failure(defillamaChains.fetch?.(context(mock.http, BASE)) ?? Promise.resolve());
    expect(f.toFeedError()).toEqual({ kind: 'schema', message });
  });

  it('rejects a non-array as schema', async () => {
    reply('/v2/chains', '{"message":"Internal server error"}');
    const f = await failure(defillamaChains.fetch?.(context(mock.http, BASE)) ?? Promise.resolve());
    expect(f.toFeedError()).toEqual({ kind: 'schema', message: 'bad data: expected array, received object' });
  });
});

describe('defillama-chains history', () => {
  /** Answers every chain of the table: the given bodies, 404 "Chain not found" for the rest. */
  function replyHistory(bodies: Readonly<Record<string, string>>, fallback = 404): void {
    for (const name of Object.values(LLAMA_CHAINS)) {
      const path = `/v2/historicalChainTvl/${encodeURIComponent(name)}`;
      const body = bodies[name];
      if (body === undefined) mock.agent.get(BASE).intercept({ path, method: 'GET' }).reply(fallback, 'Chain not found');
      else reply(path, body);
    }
  }

  it('asks every chain, skips the ones that fail, keeps points >= since, oldest first', async () => {
    replyHistory({ Stacks: fixture('defillama/history-stacks.json'), Rootstock: fixture('defillama/history-rootstock.json') });
    const readings = await defillamaChains.history?.(context(mock.http, BASE, NOW, SINCE));
    const day = (d: string): number => Date.parse(`${d}T00:00:00Z`);
    expect(readings).toEqual([
      { kind: 'defi-tvl', network: 'stacks', usd: 94500000.5, observedAt: day('2025-01-08') },
      { kind: 'defi-tvl', network: 'rootstock', usd: 179000000, observedAt: day('2025-01-08') },
      { kind: 'defi-tvl', network: 'stacks', usd: 95000000, observedAt: day('2025-01-09') },
      { kind: 'defi-tvl', network: 'stacks', usd: 95100000, observedAt: day('2025-01-10') },
      { kind: 'defi-tvl', network: 'rootstock', usd: 180000000.25, observedAt: day('2025-01-10') },
    ]);
  });

  it('skips a chain whose history is malformed', async () => {
    replyHistory({ Stacks: fixture('defillama/history-date-string.json'), BOB: fixture('defillama/history-rootstock.json') });
    const readings = await defillamaChains.history?.(context(mock.http, BASE, NOW, SINCE));
    expect(readings?.map((r) => (r.kind === 'defi-tvl' ? r.network : ''))).toEqual(['bob', 'bob']);
  });

  it('fails with the first chain failure when every chain failed', async () => {
    replyHistory({}, 404);
    const f = await failure(defillamaChains.history?.(context(mock.http, BASE, NOW, SINCE)) ?? Promise.resolve());
    expect(f.toFeedError()).toEqual({ kind: 'http', message: 'HTTP 404 Not Found', status: 404 });
  });

  it('reports the first chain in table order, not the first to settle', async () => {
    for (const [i, name] of Object.values(LLAMA_CHAINS).entries()) {
      const path = `/v2/historicalChainTvl/${encodeURIComponent(name)}`;
      if (i === 0) reply(path, fixture('defillama/history-date-string.json'));
      else mock.agent.get(BASE).intercept({ path, method: 'GET' }).reply(500, 'oops');
    }
    const f = await failure(defillamaChains.history?.(context(mock.http, BASE, NOW, SINCE)) ?? Promise.resolve());
    expect(f.toFeedError()).toEqual({ kind: 'schema', message: 'bad data at [0].date: expected number, received string' });
  });
});
