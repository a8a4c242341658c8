// The networks l2top knows, with what "BTC locked" means for each. Feeds map their sources onto these ids.
import type { NetworkMeta } from './types.js';

/** Built-in networks in default display order. */
export const NETWORKS: readonly NetworkMeta[] = [
  {
    id: 'lightning',
    name: 'Lightning',
    type: 'state channels',
    lockedMeaning: 'capacity of public channels (sum of funding outputs); private channels are not counted',
  },
  {
    id: 'liquid',
    name: 'Liquid',
    type: 'federated sidechain',
    lockedMeaning: 'L-BTC issued by peg-ins, net of peg-outs and burns (backed by BTC in federation custody)',
  },
  {
    id: 'rootstock',
    name: 'Rootstock',
    type: 'merge-mined sidechain',
    lockedMeaning: 'RBTC released from the PowPeg bridge: 21,000,000 minus the bridge contract balance',
  },
  {
    id: 'stacks',
    name: 'Stacks (sBTC)',
    type: 'sidechain',
    lockedMeaning: 'sBTC total supply (minted against BTC deposited with the sBTC signers), incl. tokens locked for withdrawal',
  },
];

/** Looks a network up by id. */
export function networkById(id: string): NetworkMeta | undefined {
  return NETWORKS.find((n) => n.id === id);
}
