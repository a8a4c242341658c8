import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MockAgent } from 'undici';
import type { HttpClient } from '../../src/feeds/http-client.js';
import { hiroSbtc, SBTC_DEPLOYER } from '../../src/feeds/hiro/sbtc.js';
import { TotalSupply } from '../../src/feeds/hiro/schema.js';
import { context, failure } from './adapter-context.js';
import { fixture, mockHttp, verifyAndClose } from './mock-http.js';

const BASE = 'https://hiro.test';
const PATH = `/v2/contracts/call-read/${SBTC_DEPLOYER}/sbtc-token/get-total-supply`;
let agent: MockAgent;
let http: HttpClient;

beforeEach(() => {
  ({ agent, http } = mockHttp());
});
afterEach(async () => {
  await verifyAndClose(agent);
});

function reply(body: string): void {
  agent
    .get(BASE)
    .intercept({ path: PATH, method: 'POST', body: JSON.stringify({ sender: SBTC_DEPLOYER, arguments: [] }) })
    .reply(200, body, { headers: { 'content-type': 'application/json' } });
}

describe('hiro-sbtc', () => {
  it('decodes the Clarity (ok uint) into exact sats', async () => {
    reply(fixture('hiro/supply-ok.json'));
    expect(await hiroSbtc.fetch?.(context(http, BASE))).toEqual([
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
    const f = await failure(hiroSbtc.fetch?.(context(http, BASE)) ?? Promise.resolve());
    expect(f.toFeedError()).toEqual({ kind: 'schema', message });
  });
});
