// Self-test of the shared payload builders: exact shapes and exact numbers.
import { describe, expect, it } from 'vitest';
import {
  bitcoinlayersHistory,
  bridgeRpcReply,
  bridgeWeiForLocked,
  CITREA_BRIDGE,
  citreaReply,
  constantChain,
  hiroFtMetadata,
  hiroReply,
  hiroTotalSupply,
  lightningHistory,
  lightningLatest,
  liquidPegs,
  liquidPegsMonth,
  liquidReserves,
  prices,
  ROOTSTOCK_BRIDGE,
  rootstockCirculating,
  rootstockReply,
  rpcBalanceForLocked,
  weiToDecimal,
} from '../../src/feeds/demo/payloads.js';

/** Key sets of the recorded docs samples (test/fixtures/upstream: mempool-lightning-statistics-latest.json, mempool-prices.json). */
const RECORDED_LATEST_KEYS = [
  'id', 'added', 'channel_count', 'node_count', 'total_capacity', 'tor_nodes', 'clearnet_nodes', 'unannounced_nodes',
  'avg_capacity', 'avg_fee_rate', 'avg_base_fee_mtokens', 'med_capacity', 'med_fee_rate', 'med_base_fee_mtokens', 'clearnet_tor_nodes',
].sort();
const RECORDED_PRICE_KEYS = ['time', 'USD', 'EUR', 'GBP', 'CAD', 'CHF', 'AUD', 'JPY'].sort();
const keysOf = (v: unknown): string[] => Object.keys(v as object).sort();

describe('payload builders', () => {
  it('lightningLatest has exactly the recorded field set and the given numbers', () => {
    const body = lightningLatest({ sats: 460_820_222_344, channels: 81_690, nodes: 15_851, addedIso: '2022-08-30T00:00:00.000Z', id: 163 });
    expect(keysOf(body)).toEqual(['latest']);
    const latest = (body as { latest: Record<string, number> }).latest;
    expect(keysOf(latest)).toEqual(RECORDED_LATEST_KEYS);
    expect(latest).toMatchObject({ id: 163, added: '2022-08-30T00:00:00.000Z', total_capacity: 460_820_222_344, channel_count: 81_690, node_count: 15_851 });
    const classes = ['tor_nodes', 'clearnet_nodes', 'unannounced_nodes', 'clearnet_tor_nodes'].map((k) => latest[k] ?? NaN);
    expect(classes.reduce((a, b) => a + b, 0)).toBe(15_851);
  });

  it('lightningLatest carries `previous` only when given', () => {
    const row = { sats: 1, channels: 1, nodes: 1, addedIso: '2026-01-01T00:00:00.000Z' };
    expect(keysOf(lightningLatest(row, { ...row, sats: 2 }))).toEqual(['latest', 'previous']);
  });

  it('lightningHistory is newest first with unix-second `added` and no node_count', () => {
    const rows = lightningHistory([
      { atMs: Date.UTC(2026, 0, 1), sats: 10, channels: 2, nodes: 100 },
      { atMs: Date.UTC(2026, 0, 3), sats: 30, channels: 2, nodes: 100 },
      { atMs: Date.UTC(2026, 0, 2), sats: 20, channels: 2, nodes: 100 },
    ]);
    expect(rows.map((r) => r['total_capacity'])).toEqual([30, 20, 10]);
    expect(rows[0]?.['added']).toBe(Date.UTC(2026, 0, 3) / 1000);
    expect(keysOf(rows[0])).toEqual(['added', 'channel_count', 'clearnet_nodes', 'clearnet_tor_nodes', 'tor_nodes', 'total_capacity', 'unannounced_nodes']);
  });

  it('liquid bodies carry sats as strings, flows keep order and sign', () => {
    expect(liquidPegs(371_234_567_890)).toMatchObject({ amount: '371234567890' });
    expect(typeof liquidPegs(1)['lastBlockUpdate']).toBe('number');
    expect(liquidPegsMonth([{ date: '2026-02-01', sats: -5 }, { date: '2026-01-01', sats: 7 }])).toEqual([
      { amount: '-5', date: '2026-02-01' },
      { amount: '7', date: '2026-01-01' },
    ]);
  });

  it('rootstock wei is (21M BTC - locked) x 1e18 exactly', () => {
    const locked = 321_987_654_321;
    const body = rpcBalanceForLocked(locked, 7) as { result: string; id: number };
    expect(body.id).toBe(7);
    expect(BigInt(body.result)).toBe((21_000_000n * 10n ** 18n) - BigInt(locked) * 10n ** 10n);
    expect(bridgeWeiForLocked(0)).toBe(21_000_000n * 10n ** 18n);
    expect(bridgeWeiForLocked(2_100_000_000_000_000)).toBe(0n);
  });

  it('rootstockReply answers eth_getBalance at a block, block headers, errors otherwise', () => {
    const call = (method: string, params: unknown[]): string => JSON.stringify({ jsonrpc: '2.0', method, params, id: 3 });
    const chain = constantChain(5, 3_000_000, 30_000);
    const ok = rootstockReply(call('eth_getBalance', [ROOTSTOCK_BRIDGE.toUpperCase().replace('0X', '0x'), 'latest']), chain);
    expect(ok).toEqual({ status: 200, json: rpcBalanceForLocked(5, 3) });
    expect(rootstockReply(call('eth_getBalance', [ROOTSTOCK_BRIDGE, '0x64']), chain)).toEqual({ status: 200, json: rpcBalanceForLocked(5, 3) });
    expect(rootstockReply(call('eth_getBalance', [ROOTSTOCK_BRIDGE, '0x65']), chain).json).toMatchObject({ error: { code: -32602 } });
    expect(rootstockReply(call('eth_blockNumber', []), chain).json).toEqual({ jsonrpc: '2.0', id: 3, result: '0x64' });
    expect(rootstockReply(call('eth_getBlockByNumber', ['latest', false]), chain).json).toMatchObject({ result: { number: '0x64', timestamp: '0xbb8' } });
    expect(rootstockReply(call('eth_getBlockByNumber', ['0x65', false]), chain).json).toMatchObject({ result: null });
    expect(rootstockReply(call('eth_chainId', []), chain)).toEqual({ status: 200, json: { jsonrpc: '2.0', id: 3, error: { code: -32601, message: 'Method not found' } } });
    expect(rootstockReply('{nope', chain).status).toBe(400);
    expect(rootstockReply('[]', chain).status).toBe(400);
    expect(rootstockReply(call('eth_getBalance', ['0x01', 'latest']), chain).json).toMatchObject({ result: '0x0' });
    const pruned = { ...chain, stateSinceMs: 2_000_000 };
    expect(rootstockReply(call('eth_getBalance', [ROOTSTOCK_BRIDGE, '0x1']), pruned).json).toMatchObject({ error: { message: 'missing trie node' } });
  });

  it('hiro result decodes back to the sats', () => {
    const body = hiroTotalSupply(543_210_987_654);
    expect(body.result).toMatch(/^0x0701[0-9a-f]{32}$/);
    expect(BigInt(`0x${body.result.slice(6)}`)).toBe(543_210_987_654n);
    expect(hiroReply(JSON.stringify({ sender: 'SP000000000000000000002Q6VF78', arguments: [] }), 9).json).toEqual(hiroTotalSupply(9));
    expect(hiroReply('{}', 9).status).toBe(400);
    expect(hiroReply('garbage', 9).status).toBe(400);
  });

  it('prices has the recorded currency keys and an integer USD', () => {
    const body = prices(97_284.6, 1_703_252_411);
    expect(keysOf(body)).toEqual(RECORDED_PRICE_KEYS);
    expect(body).toMatchObject({ time: 1_703_252_411, USD: 97_285 });
  });

  it('bitcoinlayersHistory gives BTC numbers and the documented fields', () => {
    const rows = bitcoinlayersHistory([{ network: 'Rootstock', date: '2026-11-01', sats: 321_987_654_321 }]);
    expect(rows).toEqual([
      { network_slug: 'Rootstock', network_name: 'Rootstock', total_balance: 3219.87654321, date: '2026-11-01', tokens: ['RBTC'], token_names: ['Rootstock Smart Bitcoin'] },
    ]);
    expect(Math.round((rows[0]?.['total_balance'] as number) * 1e8)).toBe(321_987_654_321);
  });

  it('citrea wei is (21M BTC - locked) x 1e18 exactly, at its own bridge only', () => {
    const locked = 31_234_567_890;
    const call = (address: string): string => JSON.stringify({ jsonrpc: '2.0', method: 'eth_getBalance', params: [address, 'latest'], id: 'c' });
    const chain = constantChain(locked, 1_000_000, 2_000);
    const ok = citreaReply(call(CITREA_BRIDGE), chain);
    expect(ok.status).toBe(200);
    expect(ok.json).toEqual({ jsonrpc: '2.0', id: 'c', result: `0x${(21_000_000n * 10n ** 18n - BigInt(locked) * 10n ** 10n).toString(16)}` });
    expect(citreaReply(call(ROOTSTOCK_BRIDGE), chain).json).toMatchObject({ result: '0x0' });
    expect(rootstockReply(call(CITREA_BRIDGE), chain).json).toMatchObject({ result: '0x0' });
    expect(bridgeRpcReply(call(CITREA_BRIDGE.toUpperCase().replace('0X', '0x')), CITREA_BRIDGE, constantChain(0, 1_000_000, 2_000)).json).toMatchObject({ result: '0x115eec47f6cf7e35000000' });
    expect(citreaReply('nope', chain).status).toBe(400);
  });

  it('rootstock explorer amounts are 18-decimal strings that add up to 21 M', () => {
    const body = rootstockCirculating(321_987_654_321);
    expect(body).toEqual({ circulatingSupply: '3219.876543210000000000', totalSupply: 21_000_000, bridgeBalance: '20996780.123456790000000000' });
    expect(weiToDecimal(1n)).toBe('0.000000000000000001');
    expect(weiToDecimal(-(10n ** 18n))).toBe('-1.000000000000000000');
  });

  it('liquid reserves: sats as a string with a Bitcoin height and hash', () => {
    expect(liquidReserves(372_000_000_000, 923_456, 'ef'.repeat(32))).toEqual({ amount: '372000000000', lastBlockUpdate: 923_456, hash: 'ef'.repeat(32) });
    expect(keysOf(liquidReserves(1))).toEqual(['amount', 'hash', 'lastBlockUpdate']);
  });

  it('hiro token metadata carries total_supply as a base-unit string and the documented fields', () => {
    const body = hiroFtMetadata(543_210_987_654);
    expect(body).toMatchObject({ name: 'sBTC', symbol: 'sBTC', decimals: 8, total_supply: '543210987654', token_uri: null, sender_address: 'SM3VDXK3WZZSA84XXFKAFAF15NNZX32CTSG82JFQ4' });
    expect(keysOf(body)).toEqual(['decimals', 'description', 'image_canonical_uri', 'image_uri', 'name', 'sender_address', 'symbol', 'token_uri', 'total_supply', 'tx_id']);
  });
});
