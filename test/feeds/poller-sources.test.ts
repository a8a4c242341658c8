import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MockAgent } from 'undici';
import type { FeedAction } from '../../src/model/actions.js';
import type { HttpClient } from '../../src/feeds/http-client.js';
import { createPoller } from '../../src/feeds/poller.js';
import { PROVIDER_DEFAULTS } from '../../src/feeds/providers.js';
import { SOURCES } from '../../src/feeds/registry.js';
import { SBTC_DEPLOYER } from '../../src/feeds/hiro/sbtc.js';
import { fixture, mockHttp, upstream, verifyAndClose } from './mock-http.js';

const NOW = Date.parse('2025-01-10T06:00:00Z');
const JSON_HEADERS = { headers: { 'content-type': 'application/json' } };
let agent: MockAgent;
let http: HttpClient;

beforeEach(() => {
  ({ agent, http } = mockHttp());
});
afterEach(async () => {
  await verifyAndClose(agent);
});

/** Every real source against the default hosts, each upstream answering once. */
function mockAllUpstreams(): void {
  const mempool = agent.get(PROVIDER_DEFAULTS.mempool);
  mempool.intercept({ path: '/api/v1/lightning/statistics/latest' }).reply(200, upstream('mempool-lightning-statistics-latest.json'), JSON_HEADERS);
  mempool.intercept({ path: '/api/v1/lightning/statistics/3d' }).reply(200, fixture('mempool/lightning-history-ok.json'), JSON_HEADERS);
  mempool.intercept({ path: '/api/v1/prices' }).reply(200, upstream('mempool-prices.json'), JSON_HEADERS);
  const liquid = agent.get(PROVIDER_DEFAULTS.liquid);
  liquid.intercept({ path: '/api/v1/liquid/pegs' }).reply(200, fixture('liquid/pegs-ok.json'), JSON_HEADERS);
  liquid.intercept({ path: '/api/v1/liquid/pegs/month' }).reply(200, fixture('liquid/pegs-month-ok.json'), JSON_HEADERS);
  agent
    .get(PROVIDER_DEFAULTS.rootstock)
    .intercept({ path: '/', method: 'POST' })
    .reply(200, fixture('rootstock/balance-ok.json'), JSON_HEADERS);
  agent
    .get(PROVIDER_DEFAULTS.hiro)
    .intercept({ path: `/v2/contracts/call-read/${SBTC_DEPLOYER}/sbtc-token/get-total-supply`, method: 'POST' })
    .reply(200, fixture('hiro/supply-ok.json'), JSON_HEADERS);
  agent
    .get(PROVIDER_DEFAULTS.bitcoinlayers)
    .intercept({ path: '/historical_supplies_by_network?date=gte.2025-01-07' })
    .reply(200, fixture('bitcoinlayers/history-ok.json'), JSON_HEADERS);
}

describe('poller over the real adapters', () => {
  it('runOnce({history: true}) polls every live source and backfills every history source', async () => {
    mockAllUpstreams();
    const actions: FeedAction[] = [];
    const poller = createPoller({
      sources: SOURCES,
      baseUrlFor: (p) => PROVIDER_DEFAULTS[p as keyof typeof PROVIDER_DEFAULTS],
      http,
      intervalMs: 300_000,
      timeoutMs: 15_000,
      windowMs: 3 * 86_400_000,
      emit: (a) => actions.push(a),
      clock: { now: () => NOW, setTimeout: () => 0, clearTimeout: () => undefined },
    });
    await poller.runOnce({ history: true });

    const sats = Object.fromEntries(
      actions.flatMap((a) =>
        a.type === 'feed/outcome' && a.outcome.ok
          ? a.outcome.readings.map((r) => [a.sourceId, r.kind === 'price' ? r.usd : r.sats] as const)
          : [],
      ),
    );
    expect(sats).toEqual({
      'mempool-lightning': 460820222344,
      'liquid-pegs': 367891234567,
      'rootstock-bridge': 387654321098,
      'hiro-sbtc': 512345678901,
      'mempool-price': 43753,
    });
    expect(actions.filter((a) => a.type === 'feed/attempt')).toHaveLength(5);
    const histories = actions.flatMap((a) => (a.type === 'feed/history' ? [[a.sourceId, a.outcome.ok] as const] : []));
    expect(histories.sort()).toEqual([
      ['bitcoinlayers-history', true],
      ['liquid-pegs', true],
      ['mempool-lightning', true],
    ]);
  });
});
