// Citrea BTC locked: 21M cBTC minus the bridge contract's balance (all cBTC sat there at genesis).
import { bridgeBalanceSource } from '../evm/bridge-source.js';

/** The Citrea bridge contract, given 21,000,000 cBTC in the mainnet genesis. */
export const CITREA_BRIDGE_ADDRESS = '0x3100000000000000000000000000000000000002';

/** Citrea: the bridge balance at the newest block (and at past blocks for history) over JSON-RPC; a JSON-RPC error is reported as kind "http". */
export const citreaBridge = bridgeBalanceSource({
  id: 'citrea-bridge',
  provider: 'citrea',
  network: 'citrea',
  address: CITREA_BRIDGE_ADDRESS,
  label: 'Citrea bridge balance',
  coin: 'cBTC',
  maxAgeMs: 15 * 60_000,
});
