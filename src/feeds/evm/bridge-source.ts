// A source for an EVM L2 whose bridge contract held all 21M of its BTC at genesis (Rootstock, Citrea).
import type { NetworkId, ProviderId, SourceId } from '../../model/types.js';
import type { SourceDef } from '../source.js';
import { FeedFailure } from '../feed-failure.js';
import { bridgeBalanceSchema } from './schema.js';

/** What differs between bridge-balance sources. */
export interface BridgeBalanceOptions {
  readonly id: SourceId;
  /** The provider whose base URL is the JSON-RPC endpoint (requests POST to `{base}/`). */
  readonly provider: ProviderId;
  readonly network: NetworkId;
  /** The bridge contract, 0x-prefixed. */
  readonly address: string;
  readonly label: string;
  /** The native coin's symbol, used in the over-supply message. Default "BTC". */
  readonly coin?: string;
}

/**
 * BTC locked = 21M minus the bridge's `eth_getBalance(address, "latest")`, in sats rounded down.
 * A JSON-RPC error object is reported as kind "http" with its (sanitized) message.
 */
export function bridgeBalanceSource(options: BridgeBalanceOptions): SourceDef {
  const { id, provider, network, address, label } = options;
  const schema = bridgeBalanceSchema(options.coin ?? 'BTC');
  return {
    id,
    provider,
    role: 'btc-locked',
    networks: [network],
    label,
    path: '/ (eth_getBalance)',
    polls: true,
    async fetch({ http, baseUrl, signal }) {
      const body = { jsonrpc: '2.0', method: 'eth_getBalance', params: [address, 'latest'], id: 1 };
      const answer = await http.postJson(`${baseUrl}/`, body, schema, { signal });
      if (!answer.ok) throw new FeedFailure('http', answer.message);
      return [{ kind: 'btc-locked', network, sats: answer.sats }];
    },
  };
}
