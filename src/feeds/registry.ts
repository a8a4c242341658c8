// Every built-in source, and the selection the enabled networks need (their sources, history, TVL, price).
import type { NetworkMeta } from '../model/types.js';
import type { SourceDef } from './source.js';
import { PRICE_SOURCES } from './networks.js';
import { mempoolLightning } from './mempool/lightning.js';
import { mempoolPrice } from './mempool/price.js';
import { mempoolHeight } from './mempool/height.js';
import { liquidPegs } from './liquid/pegs.js';
import { liquidReserves } from './liquid/reserves.js';
import { esploraLiquidSupply } from './esplora/supply.js';
import { rootstockBridge } from './rootstock/bridge.js';
import { rootstockExplorer } from './rootstock/explorer.js';
import { hiroSbtc } from './hiro/sbtc.js';
import { hiroSbtcMetadata } from './hiro/metadata.js';
import { citreaBridge } from './citrea/bridge.js';
import { bitcoinlayersCurrent } from './bitcoinlayers/current.js';
import { bitcoinlayersHistory } from './bitcoinlayers/history.js';
import { coingeckoPrice } from './coingecko/price.js';
import { defillamaCoinsPrice } from './defillama/coins-price.js';
import { defillamaChains } from './defillama/chains.js';

/** All built-in sources: BTC locked (primaries, then second opinions), price, height, detail, TVL, history-only. */
export const SOURCES: readonly SourceDef[] = [
  mempoolLightning,
  liquidPegs,
  rootstockBridge,
  hiroSbtc,
  citreaBridge,
  esploraLiquidSupply,
  rootstockExplorer,
  hiroSbtcMetadata,
  bitcoinlayersCurrent,
  mempoolPrice,
  coingeckoPrice,
  defillamaCoinsPrice,
  mempoolHeight,
  liquidReserves,
  defillamaChains,
  bitcoinlayersHistory,
];

/**
 * The sources worth running for `networks`, in SOURCES order: every source a network names (value,
 * history, TVL), the price sources, the block height, and detail sources of enabled networks.
 */
export function sourcesFor(networks: readonly NetworkMeta[], all: readonly SourceDef[] = SOURCES): SourceDef[] {
  const needed = new Set<string>([...PRICE_SOURCES, mempoolHeight.id]);
  const enabled = new Set(networks.map((n) => n.id));
  for (const n of networks) {
    for (const id of [...n.sources, ...(n.historySources ?? []), ...(n.tvlSource ? [n.tvlSource] : [])]) needed.add(id);
  }
  return all.filter((s) => needed.has(s.id) || (s.role === 'detail' && s.networks.some((id) => enabled.has(id))));
}
