// Stacks sBTC supply via Hiro's Token Metadata API (the alternative to the read-only call).
import type { SourceDef } from '../source.js';
import { SBTC_DEPLOYER } from './sbtc.js';
import { FtMetadata } from './schema.js';

const PATH = `/metadata/v1/ft/${SBTC_DEPLOYER}.sbtc-token`;

/**
 * Stacks: `total_supply` of sbtc-token from the metadata API. How promptly it tracks mints and
 * burns is unverified upstream, so hiro-sbtc (the contract call) stays primary.
 */
export const hiroSbtcMetadata: SourceDef = {
  id: 'hiro-sbtc-metadata',
  provider: 'hiro',
  role: 'btc-locked',
  networks: ['stacks'],
  label: 'Hiro sBTC token metadata',
  path: PATH,
  polls: true,
  async fetch({ http, baseUrl, signal }) {
    const sats = await http.getJson(`${baseUrl}${PATH}`, FtMetadata, { signal });
    return [{ kind: 'btc-locked', network: 'stacks', sats }];
  },
};
