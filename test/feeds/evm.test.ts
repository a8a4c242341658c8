import { describe, expect, it } from 'vitest';
import { bridgeBalanceSource } from '../../src/feeds/evm/bridge-source.js';
import { bridgeBalanceSchema } from '../../src/feeds/evm/schema.js';
import { CITREA_BRIDGE_ADDRESS, citreaBridge } from '../../src/feeds/citrea/bridge.js';
import { rootstockBridge } from '../../src/feeds/rootstock/bridge.js';
import { context, failure } from './adapter-context.js';
import { fixture, withMockHttp } from './mock-http.js';

const BASE = 'https://citrea.test';
const REQUEST = JSON.stringify({ jsonrpc: '2.0', method: 'eth_getBalance', params: [CITREA_BRIDGE_ADDRESS, 'latest'], id: 1 });
const mock = withMockHttp();

function reply(body: string): void {
  mock.agent
    .get(BASE)
    .intercept({ path: '/', method: 'POST', body: REQUEST, headers: { 'content-type': 'application/json' } })
    .reply(200, body, { headers: { 'content-type': 'application/json' } });
}

describe('bridgeBalanceSource', () => {
  it('builds a polled btc-locked source for one network', () => {
    const source = bridgeBalanceSource({ id: 'x-bridge', provider: 'x', network: 'x', address: '0x1', label: 'X bridge balance' });
    expect({ ...source, fetch: undefined }).toEqual({
      id: 'x-bridge',
      provider: 'x',
      role: 'btc-locked',
      networks: ['x'],
      label: 'X bridge balance',
      path: '/ (eth_getBalance)',
      polls: true,
      fetch: undefined,
    });
    expect(source.history).toBeUndefined();
  });

  it('names the coin in the over-supply message (BTC by default)', () => {
    const over = { result: `0x${(21_000_000n * 10n ** 18n + 1n).toString(16)}` };
    expect(bridgeBalanceSchema('BTC').safeParse(over).error?.issues[0]?.message).toBe('bridge balance above 21M BTC');
    expect(bridgeBalanceSchema('cBTC').safeParse(over).error?.issues[0]?.message).toBe('bridge balance above 21M cBTC');
  });

  it('keeps Rootstock as it was', () => {
    expect([rootstockBridge.id, rootstockBridge.provider, rootstockBridge.networks]).toEqual(['rootstock-bridge', 'rootstock', ['rootstock']]);
  });
});

describe('citrea-bridge', () => {
  it('has its id, provider, network and label', () => {
    expect(citreaBridge).toMatchObject({
      id: 'citrea-bridge',
      provider: 'citrea',
      role: 'btc-locked',
      networks: ['citrea'],
      label: 'Citrea bridge balance',
      polls: true,
    });
    expect(CITREA_BRIDGE_ADDRESS).toBe('0x3100000000000000000000000000000000000002');
  });

  it('posts eth_getBalance of the bridge and returns 21M minus the balance, in sats rounded down', async () => {
    reply(fixture('citrea/balance-ok.json'));
    expect(await citreaBridge.fetch?.(context(mock.http, BASE))).toEqual([{ kind: 'btc-locked', network: 'citrea', sats: 123456789012 }]);
  });

  it('rejects a balance above 21M cBTC as schema', async () => {
    reply(fixture('citrea/balance-over-21m.json'));
    const f = await failure(citreaBridge.fetch?.(context(mock.http, BASE)) ?? Promise.resolve());
    expect(f.toFeedError()).toEqual({ kind: 'schema', message: 'bad data at result: bridge balance above 21M cBTC' });
  });

  it('reports a JSON-RPC error object as http with a sanitized message', async () => {
    reply(fixture('citrea/rpc-error.json'));
    const f = await failure(citreaBridge.fetch?.(context(mock.http, BASE)) ?? Promise.resolve());
    expect(f.toFeedError()).toEqual({ kind: 'http', message: 'JSON-RPC error -32601: method not found' });
  });

  it('rejects a non-JSON answer as schema', async () => {
    mock.agent.get(BASE).intercept({ path: '/', method: 'POST' }).reply(200, '<html>bad gateway</html>', { headers: { 'content-type': 'text/html' } });
    const f = await failure(citreaBridge.fetch?.(context(mock.http, BASE)) ?? Promise.resolve());
    expect(f.toFeedError()).toEqual({ kind: 'schema', message: 'not JSON (text/html)' });
  });
});
