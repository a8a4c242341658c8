// USD DeFi TVL of the Bitcoin L2s DefiLlama lists: all chains' current TVL and each chain's daily history.
import type { NetworkId, Reading } from '../../model/types.js';
import type { FetchContext, SourceDef } from '../source.js';
import { ChainHistory, Chains } from './schema.js';
import { LLAMA_CHAINS } from './chain-names.js';

/** Daily history of one chain as readings at or after `since`. */
async function chainHistory(ctx: FetchContext, network: NetworkId, name: string): Promise<Reading[]> {
  const url = `${ctx.baseUrl}/v2/historicalChainTvl/${encodeURIComponent(name)}`;
  const points = await ctx.http.getJson(url, ChainHistory, { signal: ctx.signal });
  return points
    .map((p): Reading => ({ kind: 'defi-tvl', network, usd: p.tvl, observedAt: p.date * 1000 }))
    .filter((r) => (r.observedAt ?? 0) >= ctx.since);
}

/**
 * DeFi TVL (USD, as DefiLlama counts it; not BTC locked) for every chain in LLAMA_CHAINS.
 * History asks each chain concurrently; a chain that fails (e.g. 404 "no chain with that name")
 * is left out, and the source fails only when every chain did, with the first chain's failure.
 */
export const defillamaChains: SourceDef = {
  id: 'defillama-chains',
  provider: 'defillama',
  role: 'defi-tvl',
  networks: Object.keys(LLAMA_CHAINS),
  label: 'DefiLlama chain TVL',
  path: '/v2/chains',
  minIntervalMs: 3_600_000,
  polls: true,
  async fetch({ http, baseUrl, signal }) {
    return http.getJson(`${baseUrl}/v2/chains`, Chains, { signal });
  },
  async history(ctx) {
    const chains = Object.entries(LLAMA_CHAINS);
    const results = await Promise.allSettled(chains.map(([network, name]) => chainHistory(ctx, network, name)));
    const failures = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failures.length === results.length && failures[0] !== undefined) throw failures[0].reason;
    const readings = results.flatMap((r) => (r.status === 'fulfilled' ? r.value : []));
    return readings.sort((a, b) => (a.observedAt ?? 0) - (b.observedAt ?? 0));
  },
};
