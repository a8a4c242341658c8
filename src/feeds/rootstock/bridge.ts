// Rootstock BTC locked in the PowPeg: 21M RBTC minus the bridge precompile's balance.
import type { SourceDef } from '../source.js';
import { FeedFailure } from '../feed-failure.js';
import { BridgeBalance } from './schema.js';

/** The Rootstock bridge precompile holding all not-yet-pegged-in RBTC. */
export const BRIDGE_ADDRESS = '0x0000000000000000000000000000000001000006';

/** Rootstock: `eth_getBalance(bridge, "latest")` over JSON-RPC; a JSON-RPC error is reported as kind "http". */
export const rootstockBridge: SourceDef = {
  id: 'rootstock-bridge',
  provider: 'rootstock',
  network: 'rootstock',
  label: 'Rootstock PowPeg bridge balance',
  path: '/ (eth_getBalance)',
  polls: true,
  async fetch({ http, baseUrl, signal }) {
    const body = { jsonrpc: '2.0', method: 'eth_getBalance', params: [BRIDGE_ADDRESS, 'latest'], id: 1 };
    const answer = await http.postJson(`${baseUrl}/`, body, BridgeBalance, { signal });
    if (!answer.ok) throw new FeedFailure('http', answer.message);
    return [{ kind: 'btc-locked', network: 'rootstock', sats: answer.sats }];
  },
};
