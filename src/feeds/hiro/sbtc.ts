// Stacks sBTC supply via Hiro's read-only call of the sbtc-token contract.
import type { SourceDef } from '../source.js';
import { TotalSupply } from './schema.js';

/** The sBTC deployer; also used as the call's sender (any principal works). */
export const SBTC_DEPLOYER = 'SM3VDXK3WZZSA84XXFKAFAF15NNZX32CTSG82JFQ4';
const PATH = `/v2/contracts/call-read/${SBTC_DEPLOYER}/sbtc-token/get-total-supply`;

/** Stacks: `get-total-supply` of sbtc-token (includes tokens locked for pending withdrawals). */
export const hiroSbtc: SourceDef = {
  id: 'hiro-sbtc',
  provider: 'hiro',
  role: 'btc-locked',
  networks: ['stacks'],
  label: 'Hiro sBTC total supply',
  path: PATH,
  polls: true,
  async fetch({ http, baseUrl, signal }) {
    const body = { sender: SBTC_DEPLOYER, arguments: [] };
    const sats = await http.postJson(`${baseUrl}${PATH}`, body, TotalSupply, { signal });
    return [{ kind: 'btc-locked', network: 'stacks', sats }];
  },
};
