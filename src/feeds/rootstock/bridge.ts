// Rootstock BTC locked in the PowPeg: 21M RBTC minus the bridge precompile's balance.
import { bridgeBalanceSource } from '../evm/bridge-source.js';

/** The Rootstock bridge precompile holding all not-yet-pegged-in RBTC. */
export const BRIDGE_ADDRESS = '0x0000000000000000000000000000000001000006';

/** Rootstock: the bridge balance at the newest block (and at past blocks for history) over JSON-RPC; a JSON-RPC error is reported as kind "http". */
export const rootstockBridge = bridgeBalanceSource({
  id: 'rootstock-bridge',
  provider: 'rootstock',
  network: 'rootstock',
  address: BRIDGE_ADDRESS,
  label: 'Rootstock PowPeg bridge balance',
  coin: 'RBTC',
  maxAgeMs: 15 * 60_000,
});
