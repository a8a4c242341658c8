import { describe, expect, it } from 'vitest';
import { BRIDGE_ADDRESS, rootstockBridge } from '../../src/feeds/rootstock/bridge.js';
import { bridgeBalanceSchema } from '../../src/feeds/evm/schema.js';
import { rootstockExplorer } from '../../src/feeds/rootstock/explorer.js';
import { Circulating } from '../../src/feeds/rootstock/schema.js';
import { context, failure } from './adapter-context.js';
import { fixture, withMockHttp } from './mock-http.js';

const BASE = 'https://rsk.test';
const BridgeBalance = bridgeBalanceSchema('RBTC');
const REQUEST = JSON.stringify({ jsonrpc: '2.0', method: 'eth_getBalance', params: [BRIDGE_ADDRESS, 'latest'], id: 1 });
const mock = withMockHttp();

function reply(body: string): void {
  mock.agent
    .get(BASE)
    .intercept({ path: '/', method: 'POST', body: REQUEST, headers: { 'content-type': 'application/json' } })
    .reply(200, body, { headers: { 'content-type': 'application/json' } });
}

describe('rootstock-bridge', () => {
  it('posts eth_getBalance of the bridge and returns 21M minus the balance, in sats rounded down', async () => {
    reply(fixture('rootstock/balance-ok.json'));
    expect(await rootstockBridge.fetch?.(context(mock.http, BASE))).toEqual([
      { kind: 'btc-locked', network: 'rootstock', sats: 387654321098 },
    ]);
  });

  it('computes with BigInt at the extremes', () => {
    expect(BridgeBalance.parse({ result: '0x0' })).toEqual({ ok: true, sats: 2_100_000_000_000_000 });
    expect(BridgeBalance.parse({ result: `0x${(21_000_000n * 10n ** 18n).toString(16)}` })).toEqual({ ok: true, sats: 0 });
  });

  it.each([
    ['balance-over-21m.json', 'bad data at result: bridge balance above 21M RBTC'],
    ['balance-not-hex.json', 'bad data at result: expected a hex quantity'],
    ['no-result.json', 'bad data at result: missing (no result and no error)'],
  ])('rejects %s as schema', async (file, message) => {
    reply(fixture(`rootstock/${file}`));
    const f = await failure(rootstockBridge.fetch?.(context(mock.http, BASE)) ?? Promise.resolve());
    expect(f.toFeedError()).toEqual({ kind: 'schema', message });
  });

  it('reports a JSON-RPC error object as http with a sanitized message', async () => {
    reply(fixture('rootstock/rpc-error.json'));
    const f = await failure(rootstockBridge.fetch?.(context(mock.http, BASE)) ?? Promise.resolve());
    expect(f.toFeedError()).toEqual({ kind: 'http', message: 'JSON-RPC error -32005: rate limited please slow down' });
  });
});

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
    ['21000000', 2_100_000_000_000_000],
    ['0', 0],
    ['0.000000019', 1],
    ['1e-7', 10],
    ['2.1e7', 2_100_000_000_000_000],
  ])('parses %s exactly', (text, sats) => {
    expect(Circulating.parse({ circulatingSupply: text })).toEqual({ kind: 'btc-locked', network: 'rootstock', sats });
  });

  it('parses 0.1 + 0.2 RBTC as a number without float error', () => {
    expect(Circulating.parse({ circulatingSupply: 0.1 + 0.2 })).toEqual({ kind: 'btc-locked', network: 'rootstock', sats: 30000000 });
  });

  it.each([
    ['circulating-negative.json', 'bad data at circulatingSupply: below 0'],
    ['circulating-over-21m.json', 'bad data at circulatingSupply: more than 21M BTC'],
    ['circulating-thousands.json', 'bad data at circulatingSupply: expected a decimal RBTC amount'],
    ['circulating-missing.json', 'bad data at circulatingSupply: missing (expected string or number)'],
    ['circulating-boolean.json', 'bad data at circulatingSupply: expected string or number'],
  ])('rejects %s as schema', async (file, message) => {
    replyExplorer(fixture(`rootstock/${file}`));
    const f = await failure(rootstockExplorer.fetch?.(context(mock.http, EXPLORER)) ?? Promise.resolve());
    expect(f.toFeedError()).toEqual({ kind: 'schema', message });
  });
});
