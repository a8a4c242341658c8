// Every source l2top knows, in priority order, and the selection for the enabled networks.
import type { SourceDef } from './source.js';
import { mempoolLightning } from './mempool/lightning.js';
import { mempoolPrice } from './mempool/price.js';
import { liquidPegs } from './liquid/pegs.js';
import { rootstockBridge } from './rootstock/bridge.js';
import { hiroSbtc } from './hiro/sbtc.js';
import { bitcoinlayersHistory, BITCOINLAYERS_NETWORKS } from './bitcoinlayers/history.js';

/** All sources, in priority order: Lightning, Liquid, Rootstock, Stacks, price, then history-only. */
export const SOURCES: readonly SourceDef[] = [
  mempoolLightning,
  liquidPegs,
  rootstockBridge,
  hiroSbtc,
  mempoolPrice,
  bitcoinlayersHistory,
];

/**
 * The sources worth running for `networks` (network ids), in SOURCES order: each enabled
 * network's own source, always the price, and the Bitcoin Layers history when it serves one of them.
 */
export function sourcesFor(networks: readonly string[]): readonly SourceDef[] {
  const enabled = new Set(networks);
  return SOURCES.filter((source) => {
    if (source === bitcoinlayersHistory) return BITCOINLAYERS_NETWORKS.some((n) => enabled.has(n));
    return source.network === 'price' || enabled.has(source.network);
  });
}
