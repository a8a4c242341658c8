import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MockAgent } from 'undici';
import type { HttpClient } from '../../src/feeds/http-client.js';
import { BRIDGE_ADDRESS, rootstockBridge } from '../../src/feeds/rootstock/bridge.js';
import { BridgeBalance } from '../../src/feeds/rootstock/schema.js';
import { context, failure } from './adapter-context.js';
import { fixture, mockHttp, verifyAndClose } from './mock-http.js';

const BASE = 'https://rsk.test';
const REQUEST = JSON.stringify({ jsonrpc: '2.0', method: 'eth_getBalance', params: [BRIDGE_ADDRESS, 'latest'], id: 1 });
let agent: MockAgent;
let http: HttpClient;

beforeEach(() => {
  ({ agent, http } = mockHttp());
});
afterEach(async () => {
  await verifyAndClose(agent);
});

function reply(body: string): void {
  agent
    .get(BASE)
    .intercept({ path: '/', method: 'POST', body: REQUEST, headers: { 'content-type': 'application/json' } })
    .reply(200, body, { headers: { 'content-type': 'application/json' } });
}

describe('rootstock-bridge', () => {
  it('posts eth_getBalance of the bridge and returns 21M minus the balance, in sats rounded down', async () => {
    reply(fixture('rootstock/balance-ok.json'));
    expect(await rootstockBridge.fetch?.(context(http, BASE))).toEqual([
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
    const f = await failure(rootstockBridge.fetch?.(context(http, BASE)) ?? Promise.resolve());
    expect(f.toFeedError()).toEqual({ kind: 'schema', message });
  });

  it('reports a JSON-RPC error object as http with a sanitized message', async () => {
    reply(fixture('rootstock/rpc-error.json'));
    const f = await failure(rootstockBridge.fetch?.(context(http, BASE)) ?? Promise.resolve());
    expect(f.toFeedError()).toEqual({ kind: 'http', message: 'JSON-RPC error -32005: rate limited please slow down' });
  });
});
