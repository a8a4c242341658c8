// The network registry: one entry per network (what it is, what its number means, its sources in
// priority order, where its history comes from). Feeds, model and UI are all driven by it.
import type { Link, NetworkMeta, NetworkType } from '../model/types.js';

const layers = (slug: string): Link => ({ label: 'Bitcoin Layers', url: `https://www.bitcoinlayers.org/layers/${slug}` });
const llama = (chain: string): Link => ({ label: 'DefiLlama', url: `https://defillama.com/chain/${encodeURIComponent(chain)}` });

/** A network whose only sources are Bitcoin Layers (BTC) and DefiLlama (TVL). */
function layersOnly(id: string, name: string, type: NetworkType, slug: string, chain: string | undefined): NetworkMeta {
  return {
    id,
    name,
    type,
    lockedMeaning: 'BTC-denominated supply on the network as Bitcoin Layers counts it (bridged BTC tokens, adjusted for double counting)',
    trust: 'Trust model varies by bridge and token; see the Bitcoin Layers assessment.',
    links: chain ? [layers(slug), llama(chain)] : [layers(slug)],
    sources: ['bitcoinlayers-current'],
    historySources: ['bitcoinlayers-history'],
    ...(chain ? { tvlSource: 'defillama-chains' } : {}),
  };
}

/** Built-in networks in default display order. Adding a network is one entry here. */
export const NETWORKS: readonly NetworkMeta[] = [
  {
    id: 'lightning',
    name: 'Lightning',
    type: 'state channels',
    lockedMeaning: 'capacity of public channels (sum of funding outputs); private channels are not counted',
    trust: 'Each channel is a 2-of-2 multisig output between its two peers; either peer can close it on the Bitcoin chain.',
    links: [{ label: 'mempool.space', url: 'https://mempool.space/lightning' }, layers('lightning')],
    sources: ['mempool-lightning', 'bitcoinlayers-current'],
    historySources: ['mempool-lightning'],
  },
  {
    id: 'liquid',
    name: 'Liquid',
    type: 'federated sidechain',
    lockedMeaning: 'L-BTC issued by peg-ins, net of peg-outs and burns (backed by BTC in federation custody)',
    trust: 'Federated peg: the BTC backing L-BTC is held in multisig by the Liquid Federation\'s functionaries.',
    links: [{ label: 'liquid.network', url: 'https://liquid.network' }, layers('liquid')],
    sources: ['liquid-pegs', 'esplora-liquid-supply', 'bitcoinlayers-current'],
    historySources: ['liquid-pegs'],
  },
  {
    id: 'rootstock',
    name: 'Rootstock',
    type: 'merge-mined sidechain',
    lockedMeaning: 'RBTC released from the PowPeg bridge: 21,000,000 minus the bridge contract balance',
    trust: 'PowPeg: pegged-in BTC is held in multisig by the PowPeg signatories; the chain is merge-mined with Bitcoin.',
    links: [{ label: 'PowPeg docs', url: 'https://dev.rootstock.io/concepts/powpeg/' }, layers('rootstock'), llama('Rootstock')],
    sources: ['rootstock-bridge', 'rootstock-explorer', 'bitcoinlayers-current'],
    historySources: ['bitcoinlayers-history'],
    tvlSource: 'defillama-chains',
  },
  {
    id: 'stacks',
    name: 'Stacks (sBTC)',
    type: 'sidechain',
    lockedMeaning: 'sBTC total supply (minted against BTC deposited with the sBTC signers), incl. tokens locked for withdrawal',
    trust: 'sBTC deposits are held by a threshold of sBTC signers, who also process withdrawals.',
    links: [{ label: 'sBTC docs', url: 'https://docs.stacks.co/concepts/sbtc' }, layers('stacks'), llama('Stacks')],
    sources: ['hiro-sbtc', 'hiro-sbtc-metadata', 'bitcoinlayers-current'],
    historySources: ['bitcoinlayers-history'],
    tvlSource: 'defillama-chains',
  },
  {
    id: 'citrea',
    name: 'Citrea',
    type: 'rollup',
    lockedMeaning: 'cBTC released from the bridge contract: 21,000,000 minus its balance (as Rootstock\'s bridge)',
    trust: 'ZK rollup; BTC moves in and out through its bridge contract (genesis balance 21M cBTC).',
    links: [{ label: 'Citrea docs', url: 'https://docs.citrea.xyz' }, layers('citrea'), llama('Citrea')],
    sources: ['citrea-bridge', 'bitcoinlayers-current'],
    historySources: ['bitcoinlayers-history'],
    tvlSource: 'defillama-chains',
  },
  layersOnly('merlin', 'Merlin', 'other', 'merlin', 'Merlin'),
  layersOnly('bob', 'BOB', 'rollup', 'bob', 'BOB'),
  layersOnly('core', 'Core', 'sidechain', 'core', 'CORE'),
  layersOnly('bitlayer', 'Bitlayer', 'other', 'bitlayer', 'Bitlayer'),
  layersOnly('bsquared', 'BSquared', 'other', 'bsquared', 'BSquared'),
  layersOnly('botanix', 'Botanix', 'sidechain', 'botanix', 'Botanix'),
  layersOnly('hemi', 'Hemi', 'other', 'hemi', 'Hemi'),
  layersOnly('mezo', 'Mezo', 'other', 'mezo', 'Mezo'),
  layersOnly('corn', 'Corn', 'other', 'corn', 'Corn'),
  layersOnly('bevm', 'BEVM', 'other', 'bevm', 'BEVM'),
];

/** BTC/USD sources, primary first. */
export const PRICE_SOURCES: readonly string[] = ['mempool-price', 'coingecko-price', 'defillama-coins-price'];
