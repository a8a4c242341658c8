// The network registry: one entry per network (what it is, what its number means and whose trust it rests
// on, its like-for-like sources in priority order, sources of another methodology, where its history comes
// from). Feeds, model and UI are all driven by it.
import type { Link, NetworkCategory, NetworkMeta, NetworkStatus, NetworkType } from '../model/types.js';

const layers = (slug: string): Link => ({ label: 'Bitcoin Layers', url: `https://www.bitcoinlayers.org/layers/${slug}` });
const llama = (chain: string): Link => ({ label: 'DefiLlama', url: `https://defillama.com/chain/${encodeURIComponent(chain)}` });

const LAYERS_ABOUT =
  'BTC-denominated supply on the network as Bitcoin Layers counts it: the sum of every BTC token on it (bridged and ' +
  'wrapped BTC, staking tokens included, adjusted for tokens that wrap each other), each token from its own daily row. ' +
  'The trust behind it is that of each token\'s bridge or custodian, which differs by token; Bitcoin Layers assesses them.';

interface LayersOnly {
  readonly id: string;
  readonly name: string;
  readonly type: NetworkType;
  readonly slug: string;
  /** DefiLlama chain name, when DefiLlama lists it. */
  readonly chain?: string;
  readonly category?: NetworkCategory;
  readonly status?: NetworkStatus;
  readonly about?: string;
}

/** A network whose only sources are Bitcoin Layers (BTC, its own daily history) and DefiLlama (TVL). */
function layersOnly(o: LayersOnly): NetworkMeta {
  return {
    id: o.id,
    name: o.name,
    type: o.type,
    category: o.category ?? 'bitcoin-l2',
    status: o.status ?? { state: 'live' },
    lockedMeaning: 'BTC-denominated supply on the network as Bitcoin Layers counts it (every BTC token on it)',
    about: o.about ?? LAYERS_ABOUT,
    trust: 'Trust model varies by bridge and token; see the Bitcoin Layers assessment.',
    links: o.chain ? [layers(o.slug), llama(o.chain)] : [layers(o.slug)],
    sources: ['bitcoinlayers-current'],
    historySources: ['bitcoinlayers-history'],
    ...(o.chain ? { tvlSource: 'defillama-chains' } : {}),
  };
}

/** Built-in networks in default display order. Adding a network is one entry here. */
export const NETWORKS: readonly NetworkMeta[] = [
  {
    id: 'lightning',
    name: 'Lightning',
    type: 'state channels',
    category: 'bitcoin-l2',
    status: { state: 'live' },
    lockedMeaning: 'capacity of public channels (sum of funding outputs); private channels are not counted',
    about:
      'The capacity of the public Lightning graph as mempool.space\'s node sees it: the sum of the funding outputs of every ' +
      'announced channel, refreshed every 10 minutes into a daily row. Private (unannounced) channels are not counted. No ' +
      'one holds this BTC: each channel is a 2-of-2 multisig between its two peers, either of whom can close it on Bitcoin. ' +
      'Bitcoin Layers\' figure comes from 1ML, another node with another view of the graph: shown beside it, never compared.',
    trust: 'Each channel is a 2-of-2 multisig output between its two peers; either peer can close it on the Bitcoin chain.',
    links: [{ label: 'mempool.space', url: 'https://mempool.space/lightning' }, layers('lightning')],
    sources: ['mempool-lightning'],
    references: ['bitcoinlayers-current'],
    historySources: ['mempool-lightning'],
  },
  {
    id: 'liquid',
    name: 'Liquid',
    type: 'federated sidechain',
    category: 'bitcoin-l2',
    status: { state: 'live' },
    lockedMeaning: 'L-BTC issued by peg-ins, net of peg-outs and burns (backed by BTC in federation custody)',
    about:
      'L-BTC issued on Liquid: every peg-in minus every peg-out and burn, summed by mempool\'s Liquid backend from the chain ' +
      '(liquid.network), with Blockstream\'s Esplora supply and Bitcoin Layers\' L-BTC row as second opinions. The BTC behind ' +
      'it sits in multisig custody of the Liquid Federation\'s functionaries; the detail view shows the federation\'s audited ' +
      'reserves on Bitcoin.',
    trust: 'Federated peg: the BTC backing L-BTC is held in multisig by the Liquid Federation\'s functionaries.',
    links: [{ label: 'liquid.network', url: 'https://liquid.network' }, layers('liquid')],
    sources: ['liquid-pegs', 'esplora-liquid-supply', 'bitcoinlayers-current'],
    historySources: ['liquid-pegs'],
  },
  {
    id: 'rootstock',
    name: 'Rootstock',
    type: 'merge-mined sidechain',
    category: 'bitcoin-l2',
    status: { state: 'live' },
    lockedMeaning: 'RBTC released from the PowPeg bridge: 21,000,000 minus the bridge contract balance',
    about:
      'RBTC in circulation: all 21,000,000 RBTC sat in the Bridge contract at genesis and leave it only against BTC pegged in, ' +
      'so 21M minus its balance (read from a Rootstock node at a named block) is the BTC locked. The BTC is held by the PowPeg ' +
      'signatories in multisig; the chain is merge-mined with Bitcoin. The explorer\'s circulating supply and Bitcoin Layers\' ' +
      'RBTC row measure the same thing.',
    trust: 'PowPeg: pegged-in BTC is held in multisig by the PowPeg signatories; the chain is merge-mined with Bitcoin.',
    links: [{ label: 'PowPeg docs', url: 'https://dev.rootstock.io/concepts/powpeg/' }, layers('rootstock'), llama('Rootstock')],
    sources: ['rootstock-bridge', 'rootstock-explorer', 'bitcoinlayers-current'],
    historySources: ['rootstock-bridge'],
    tvlSource: 'defillama-chains',
  },
  {
    id: 'stacks',
    name: 'Stacks (sBTC)',
    type: 'sidechain',
    category: 'bitcoin-l2',
    status: { state: 'live' },
    lockedMeaning: 'sBTC total supply (minted against BTC deposited with the sBTC signers), incl. tokens locked for withdrawal',
    about:
      'sBTC in existence: the sbtc-token contract\'s total supply (read at a named Stacks block), including tokens locked for ' +
      'pending withdrawals. Each sBTC is minted against BTC deposited with the sBTC signers, a threshold of whom also processes ' +
      'withdrawals. Other BTC tokens on Stacks (aBTC, xBTC) are not counted; Bitcoin Layers\' sBTC row is the same figure.',
    trust: 'sBTC deposits are held by a threshold of sBTC signers, who also process withdrawals.',
    links: [{ label: 'sBTC docs', url: 'https://docs.stacks.co/concepts/sbtc' }, layers('stacks'), llama('Stacks')],
    sources: ['hiro-sbtc', 'hiro-sbtc-metadata', 'bitcoinlayers-current'],
    historySources: ['hiro-sbtc'],
    tvlSource: 'defillama-chains',
  },
  {
    id: 'citrea',
    name: 'Citrea',
    type: 'rollup',
    category: 'bitcoin-l2',
    status: { state: 'live' },
    lockedMeaning: 'cBTC released from the bridge contract: 21,000,000 minus its balance (as Rootstock\'s bridge)',
    about:
      'cBTC in circulation: the Bridge contract received all 21,000,000 cBTC at genesis and pays it out only against BTC ' +
      'deposited on Bitcoin, so 21M minus its balance is the BTC locked. Citrea is a ZK rollup; deposits and withdrawals go ' +
      'through its BitVM-based bridge. There is no second source: Bitcoin Layers does not ingest Citrea, and the RPC address ' +
      'comes from third-party configuration, not Citrea\'s docs.',
    trust: 'ZK rollup; BTC moves in and out through its bridge contract (genesis balance 21M cBTC).',
    links: [{ label: 'Citrea docs', url: 'https://docs.citrea.xyz' }, llama('Citrea')],
    sources: ['citrea-bridge'],
    historySources: ['citrea-bridge'],
    tvlSource: 'defillama-chains',
  },
  layersOnly({ id: 'merlin', name: 'Merlin', type: 'other', slug: 'merlin', chain: 'Merlin' }),
  layersOnly({ id: 'bob', name: 'BOB', type: 'rollup', slug: 'bob', chain: 'BOB' }),
  layersOnly({ id: 'core', name: 'Core', type: 'sidechain', slug: 'core', chain: 'CORE' }),
  layersOnly({ id: 'bitlayer', name: 'Bitlayer', type: 'other', slug: 'bitlayer', chain: 'Bitlayer' }),
  layersOnly({ id: 'bsquared', name: 'BSquared', type: 'other', slug: 'bsquared', chain: 'BSquared' }),
  layersOnly({
    id: 'botanix',
    name: 'Botanix',
    type: 'sidechain',
    slug: 'botanix',
    chain: 'Botanix',
    status: { state: 'sunset', date: '2026-07-09', note: 'shutdown announced 2026-06-09; withdrawals until 2026-07-09; chain halted about 2026-08-01' },
  }),
  layersOnly({ id: 'hemi', name: 'Hemi', type: 'other', slug: 'hemi', chain: 'Hemi' }),
  layersOnly({ id: 'mezo', name: 'Mezo', type: 'other', slug: 'mezo', chain: 'Mezo' }),
  layersOnly({ id: 'corn', name: 'Corn', type: 'other', slug: 'corn', chain: 'Corn' }),
  layersOnly({ id: 'bevm', name: 'BEVM', type: 'other', slug: 'bevm', chain: 'BEVM' }),
  layersOnly({
    id: 'starknet', name: 'Starknet', type: 'rollup', slug: 'starknet', category: 'btc-on-other-chain',
    about: 'Wrapped BTC tokens on Starknet, an Ethereum rollup, as Bitcoin Layers counts them. The BTC behind them is held by each wrapper\'s custodian, not by a Bitcoin L2.',
  }),
  layersOnly({
    id: 'internet-computer', name: 'Internet Computer (ckBTC)', type: 'other', slug: 'internetcomputer', category: 'btc-on-other-chain',
    about: 'ckBTC on the Internet Computer, as Bitcoin Layers counts it: BTC held by ICP canisters under threshold ECDSA and mirrored as a token on ICP.',
  }),
  layersOnly({
    id: 'rollux', name: 'Rollux', type: 'rollup', slug: 'rollux', category: 'btc-on-other-chain',
    about: 'BTC tokens on Rollux, a rollup on Syscoin, as Bitcoin Layers counts them; the trust is that of each token\'s bridge.',
  }),
  layersOnly({
    id: 'libre', name: 'Libre', type: 'other', slug: 'libre', category: 'btc-on-other-chain',
    about: 'BTC tokens on Libre (an Antelope chain), as Bitcoin Layers counts them; the trust is that of Libre\'s bridge.',
  }),
];

/** The networks shown when the config names none: the Bitcoin L2s and sidechains. */
export const DEFAULT_NETWORKS: readonly NetworkMeta[] = NETWORKS.filter((n) => (n.category ?? 'bitcoin-l2') === 'bitcoin-l2');

/** BTC/USD sources, primary first. */
export const PRICE_SOURCES: readonly string[] = ['mempool-price', 'coingecko-price', 'defillama-coins-price'];
