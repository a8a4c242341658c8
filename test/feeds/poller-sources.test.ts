import { describe, expect, it } from 'vitest';
import type { FeedAction } from '../../src/model/actions.js';
import type { Reading } from '../../src/model/types.js';
import { createPoller } from '../../src/feeds/poller.js';
import { PROVIDER_DEFAULTS } from '../../src/feeds/providers.js';
import { SOURCES } from '../../src/feeds/registry.js';
import { SBTC_DEPLOYER } from '../../src/feeds/hiro/sbtc.js';
import { LBTC_ASSET_ID } from '../../src/feeds/esplora/supply.js';
import { LLAMA_CHAINS } from '../../src/feeds/defillama/chain-names.js';
import { fixture, upstream, withMockHttp } from './mock-http.js';
import { bridgeRpcReply, type Reply } from '../../src/feeds/demo/payloads.js';
import { liquidBlockReply, liquidPegsListReply, liquidPegsReply } from '../../src/feeds/demo/liquid-chain.js';
import { stacksBlockAtReply, stacksBlocksReply, stacksCallReply } from '../../src/feeds/demo/stacks-chain.js';
import { layersTokenHistoryReply, layersTokensReply, splitOverTokens } from '../../src/feeds/demo/layers.js';
import { BRIDGE_ADDRESS } from '../../src/feeds/rootstock/bridge.js';
import { CITREA_BRIDGE_ADDRESS } from '../../src/feeds/citrea/bridge.js';

const NOW = Date.parse('2025-01-10T06:00:00Z');
const JSON_HEADERS = { headers: { 'content-type': 'application/json' } };
const TEXT_HEADERS = { headers: { 'content-type': 'text/plain' } };
// Every request goes to undici's MockAgent with real connections disabled (mock-http.ts): the default hosts below
// are only the origins the interceptors match, never contacted.
const mock = withMockHttp();

/** Every real source against the default hosts, each upstream answering once. */
function mockAllUpstreams(): void {
  const mempool = mock.agent.get(PROVIDER_DEFAULTS.mempool);
  mempool.intercept({ path: '/api/v1/lightning/statistics/latest' }).reply(200, upstream('mempool-lightning-statistics-latest.json'), JSON_HEADERS);
  mempool.intercept({ path: '/api/v1/lightning/statistics/3d' }).reply(200, fixture('mempool/lightning-history-ok.json'), JSON_HEADERS);
  mempool.intercept({ path: '/api/v1/prices' }).reply(200, upstream('mempool-prices.json'), JSON_HEADERS);
  mempool.intercept({ path: '/api/v1/historical-price?currency=USD' }).reply(200, fixture('mempool/historical-price-ok.json'), JSON_HEADERS);
  mempool.intercept({ path: '/api/blocks/tip/height' }).reply(200, '877123', TEXT_HEADERS);
  const liquid = mock.agent.get(PROVIDER_DEFAULTS.liquid);
  // Pegs, their block, and the peg records back 7 days come from one simulated peg history (the demo's shapes).
  const pegChain = { nowMs: NOW, supplyAt: (t: number) => Math.round(367_891_234_567 * (1 - (NOW - t) / 86_400_000 / 2000)) };
  dynamic(liquid, (path) => path.startsWith('/api/v1/liquid/pegs/list/') || path.startsWith('/api/block/') || path === '/api/v1/liquid/pegs', (path) => {
    if (path === '/api/v1/liquid/pegs') return liquidPegsReply(pegChain);
    const list = /\/list\/(\d+)$/.exec(path);
    return list ? liquidPegsListReply(pegChain, Number(list[1])) : liquidBlockReply(pegChain, path.split('/').pop() ?? '');
  });
  liquid.intercept({ path: '/api/v1/liquid/pegs/month' }).reply(200, fixture('liquid/pegs-month-ok.json'), JSON_HEADERS);
  liquid.intercept({ path: '/api/v1/liquid/reserves' }).reply(200, fixture('liquid/reserves-ok.json'), JSON_HEADERS);
  const esplora = new URL(PROVIDER_DEFAULTS['esplora-liquid']);
  mock.agent
    .get(esplora.origin)
    .intercept({ path: `${esplora.pathname}/api/asset/${LBTC_ASSET_ID}/supply` })
    .reply(200, fixture('esplora/supply-ok.txt'), TEXT_HEADERS);
  const rsk = { nowMs: NOW, blockMs: 30_000, lockedAt: () => 387_654_321_098 };
  dynamic(mock.agent.get(PROVIDER_DEFAULTS.rootstock), (path) => path === '/', (_path, body) => bridgeRpcReply(body, BRIDGE_ADDRESS, rsk), 'POST');
  mock.agent.get(PROVIDER_DEFAULTS['rootstock-explorer']).intercept({ path: '/circulating' }).reply(200, fixture('rootstock/circulating-ok.json'), JSON_HEADERS);
  const citrea = { nowMs: NOW, blockMs: 2_000, lockedAt: () => 123_456_789_012 };
  dynamic(mock.agent.get(PROVIDER_DEFAULTS.citrea), (path) => path === '/', (_path, body) => bridgeRpcReply(body, CITREA_BRIDGE_ADDRESS, citrea), 'POST');
  const hiro = mock.agent.get(PROVIDER_DEFAULTS.hiro);
  const stacks = { nowMs: NOW, supplyAt: () => 512_345_678_901 };
  dynamic(hiro, (path) => path.startsWith('/extended/v2/blocks'), (path) => {
    const at = /by-block-time\/(\d+)$/.exec(path);
    return at ? stacksBlockAtReply(stacks, at[1] ?? '') : stacksBlocksReply(stacks, new URLSearchParams(path.split('?')[1] ?? ''));
  });
  dynamic(hiro, (path) => path.startsWith(`/v2/contracts/call-read/${SBTC_DEPLOYER}/sbtc-token/get-total-supply?tip=`), (path, body) =>
    stacksCallReply(stacks, new URLSearchParams(path.split('?')[1] ?? ''), body), 'POST');
  hiro.intercept({ path: `/metadata/v1/ft/${SBTC_DEPLOYER}.sbtc-token` }).reply(200, fixture('hiro/metadata-ok.json'), JSON_HEADERS);
  const layers = mock.agent.get(PROVIDER_DEFAULTS.bitcoinlayers);
  const tokens = ['Rootstock', 'Stacks', 'Lightning', 'BOB'].flatMap((n, i) => splitOverTokens(n, [387_654_321_098, 512_345_678_901, 515_000_000_000, 151_000_000_000][i] ?? 0, '2025-01-10'));
  layers.intercept({ path: '/current_supplies_by_tokenimpl' }).reply(200, JSON.stringify(layersTokensReply(tokens, new URLSearchParams()).json), JSON_HEADERS);
  const past = ['2025-01-07', '2025-01-08', '2025-01-09'].flatMap((d) => splitOverTokens('BOB', 150_000_000_000, d));
  layers.intercept({ path: '/historical_supplies_by_tokenimpl?date=gte.2025-01-07' }).reply(200, JSON.stringify(layersTokenHistoryReply(past, new URLSearchParams()).json), JSON_HEADERS);
  mock.agent
    .get(PROVIDER_DEFAULTS.coingecko)
    .intercept({ path: '/api/v3/simple/price?ids=bitcoin&vs_currencies=usd&include_last_updated_at=true' })
    .reply(200, upstream('coingecko-simple-price-bitcoin-usd.json'), JSON_HEADERS);
  mock.agent
    .get(PROVIDER_DEFAULTS['defillama-coins'])
    .intercept({ path: '/prices/current/coingecko:bitcoin' })
    .reply(200, fixture('defillama-coins/price-ok.json'), JSON_HEADERS);
  const llama = mock.agent.get(PROVIDER_DEFAULTS.defillama);
  llama.intercept({ path: '/v2/chains' }).reply(200, upstream('defillama-v2-chains-2022-snapshot.json'), JSON_HEADERS);
  for (const name of Object.values(LLAMA_CHAINS)) {
    const path = `/v2/historicalChainTvl/${encodeURIComponent(name)}`;
    if (name === 'Stacks') llama.intercept({ path }).reply(200, fixture('defillama/history-stacks.json'), JSON_HEADERS);
    else llama.intercept({ path }).reply(404, 'There is no chain with that name');
  }
}

/** Answers every request matching `when` on `pool` from a reply builder (the demo's and simulator's real shapes). */
function dynamic(pool: ReturnType<typeof mock.agent.get>, when: (path: string) => boolean, answer: (path: string, body: string) => Reply, method: 'GET' | 'POST' = 'GET'): void {
  pool.intercept({ path: when, method }).reply((req) => {
    const r = answer(req.path, typeof req.body === 'string' ? req.body : '');
    return { statusCode: r.status, data: 'json' in r ? JSON.stringify(r.json) : r.text, responseOptions: JSON_HEADERS };
  }).persist();
}

/** A reading's headline number. */
function valueOf(r: Reading): number {
  switch (r.kind) {
    case 'btc-locked':
      return r.sats;
    case 'defi-tvl':
    case 'price':
      return r.usd;
    case 'block-height':
      return r.height;
    case 'detail':
      return Object.values(r.values)[0] ?? Number.NaN;
  }
}

describe('poller over the real adapters', () => {
  it('runOnce({history: true}) polls every live source and backfills every history source', async () => {
    mockAllUpstreams();
    const actions: FeedAction[] = [];
    const poller = createPoller({
      sources: SOURCES,
      baseUrlFor: (p) => PROVIDER_DEFAULTS[p as keyof typeof PROVIDER_DEFAULTS],
      http: mock.http,
      intervalMs: 300_000,
      timeoutMs: 15_000,
      windowMs: 3 * 86_400_000,
      emit: (a) => actions.push(a),
      clock: { now: () => NOW, setTimeout: () => 0, clearTimeout: () => undefined },
    });
    await poller.runOnce({ history: true });

    const outcomes = Object.fromEntries(
      actions.flatMap((a) => (a.type === 'feed/outcome' ? [[a.sourceId, a.outcome.ok ? a.outcome.readings.map(valueOf) : a.outcome.error.message]] : [])),
    );
    expect(outcomes).toEqual({
      'mempool-lightning': [460820222344],
      'liquid-pegs': [367891234567],
      'rootstock-bridge': [387654321098],
      'hiro-sbtc': [512345678901],
      'citrea-bridge': [123456789012],
      'esplora-liquid-supply': [1279490000],
      'rootstock-explorer': [387654321098],
      'hiro-sbtc-metadata': [512345678901],
      'bitcoinlayers-current': [515000000000, 512345678901, 387654321098, 151000000000],
      'mempool-price': [43753],
      'coingecko-price': [97284.65],
      'defillama-coins-price': [94123.5],
      'mempool-height': [877123],
      'liquid-reserves': [367512345678],
      'defillama-chains': [65621574.15802458, 14688129.820373219],
    });
    expect(actions.filter((a) => a.type === 'feed/attempt')).toHaveLength(SOURCES.filter((s) => s.polls).length);
    const histories = actions.flatMap((a) => (a.type === 'feed/history' ? [[a.sourceId, a.outcome.ok] as const] : []));
    expect(histories.sort()).toEqual([
      ['bitcoinlayers-history', true],
      ['citrea-bridge', true],
      ['defillama-chains', true],
      ['hiro-sbtc', true],
      ['liquid-pegs', true],
      ['mempool-lightning', true],
      ['mempool-price', true],
      ['rootstock-bridge', true],
    ]);
  });
});
