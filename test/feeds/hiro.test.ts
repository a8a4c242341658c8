import { describe, expect, it } from 'vitest';
import { hiroSbtc, SBTC_DEPLOYER } from '../../src/feeds/hiro/sbtc.js';
import { FtMetadata, TotalSupply } from '../../src/feeds/hiro/schema.js';
import { hiroSbtcMetadata } from '../../src/feeds/hiro/metadata.js';
import { context, failure } from './adapter-context.js';
import { fixture, withMockHttp } from './mock-http.js';

const BASE = 'https://hiro.test';
const PATH = `/v2/contracts/call-read/${SBTC_DEPLOYER}/sbtc-token/get-total-supply`;
const mock = withMockHttp();

function reply(body: string): void {
  mock.agent
    .get(BASE)
    .intercept({ path: PATH, method: 'POST', body: JSON.stringify({ sender: SBTC_DEPLOYER, arguments: [] }) })
    .reply(200, body, { headers: { 'content-type': 'application/json' } });
}

describe('hiro-sbtc', () => {
  it('decodes the Clarity (ok uint) into exact sats', async () => {
    reply(fixture('hiro/supply-ok.json'));
    expect(await hiroSbtc.fetch?.(context(mock.http, BASE))).toEqual([
      { kind: 'btc-locked', network: 'stacks', sats: 512345678901 },
    ]);
  });

  it('rejects a uint above 21M BTC', () => {
    const r = TotalSupply.safeParse({ okay: true, result: `0x0701${(2_100_000_000_000_001n).toString(16).padStart(32, '0')}` });
    expect(r.success).toBe(false);
  });

  it.each([
    ['supply-wrong-prefix.json', 'bad data at result: expected Clarity (ok uint) 0x0701 + 32 hex digits'],
    ['supply-short-hex.json', 'bad data at result: expected Clarity (ok uint) 0x0701 + 32 hex digits'],
    [
      'supply-okay-false.json',
      'bad data at okay: call failed: Unchecked(NoSuchContract("SM3VDXK3WZZSA84XXFKAFAF15NNZX32CTSG82JFQ4.sbtc-token"))click',
    ],
  ])('rejects %s as schema', async (file, message) => {
    reply(fixture(`hiro/${file}`));
    const f = await failure(hiroSbtc.fetch?.(context(mock.http, BASE)) ?? Promise.resolve());
    expect(f.toFeedError()).toEqual({ kind: 'schema', message });
  });
});

describe('hiro-sbtc-metadata', () => {
  const META_PATH = `/metadata/v1/ft/${SBTC_DEPLOYER}.sbtc-token`;

  function replyMeta(body: string): void {
    mock.agent.get(BASE).intercept({ path: META_PATH, method: 'GET' }).reply(200, body, { headers: { 'content-type': 'application/json' } });
  }

  it('is a polled Stacks source of the hiro provider', () => {
    expect(hiroSbtcMetadata).toMatchObject({
      id: 'hiro-sbtc-metadata',
      provider: 'hiro',
      role: 'btc-locked',
      networks: ['stacks'],
      path: META_PATH,
      polls: true,
    });
  });

  it('reads total_supply (8 decimals) as exact sats', async () => {
    replyMeta(fixture('hiro/metadata-ok.json'));
    expect(await hiroSbtcMetadata.fetch?.(context(mock.http, BASE))).toEqual([
      { kind: 'btc-locked', network: 'stacks', sats: 512345678901 },
    ]);
  });

  it.each([
    ['512345678901', 8, 512345678901],
    ['5123456789019999999999', 18, 512345678901],
    ['51234567890', 7, 512345678900],
    ['5123', 0, 512300000000],
    ['0', 8, 0],
  ])('scales %s with %i decimals to %i sats', (total_supply, decimals, sats) => {
    expect(FtMetadata.parse({ total_supply, decimals })).toBe(sats);
  });

  it.each([
    ['metadata-supply-number.json', 'bad data at total_supply: expected string, received number'],
    ['metadata-decimal-supply.json', 'bad data at total_supply: expected a whole number of base units as a string'],
    ['metadata-no-decimals.json', 'bad data at decimals: missing (expected number)'],
    ['metadata-over-supply.json', 'bad data at total_supply: more than 21M BTC'],
  ])('rejects %s as schema', async (file, message) => {
    replyMeta(fixture(`hiro/${file}`));
    const f = await failure(hiroSbtcMetadata.fetch?.(context(mock.http, BASE)) ?? Promise.resolve());
    expect(f.toFeedError()).toEqual({ kind: 'schema', message });
  });

  it('rejects fractional or out-of-range decimals', () => {
    expect(FtMetadata.safeParse({ total_supply: '1', decimals: 8.5 }).success).toBe(false);
    expect(FtMetadata.safeParse({ total_supply: '1', decimals: -1 }).success).toBe(false);
    expect(FtMetadata.safeParse({ total_supply: '1', decimals: 39 }).success).toBe(false);
  });
});
