import { describe, expect, it } from 'vitest';
import { hiroSbtc, SBTC_DEPLOYER, SBTC_HISTORY_AGES } from '../../src/feeds/hiro/sbtc.js';
import { stacksBlockAtReply, stacksCallReply } from '../../src/feeds/demo/stacks-chain.js';
import { FtMetadata, TotalSupply } from '../../src/feeds/hiro/schema.js';
import { hiroSbtcMetadata } from '../../src/feeds/hiro/metadata.js';
import { context, failure } from './adapter-context.js';
import { fixture, withMockHttp } from './mock-http.js';

const BASE = 'https://hiro.test';
const PATH = `/v2/contracts/call-read/${SBTC_DEPLOYER}/sbtc-token/get-total-supply`;
const mock = withMockHttp();

const NOW = Date.parse('2025-01-10T06:00:00Z');
const DAY = 86_400_000;
const TIP_HASH = 'ab'.repeat(32);
const TIP = { limit: 1, offset: 0, total: 9, results: [{ canonical: true, height: 901, hash: `0x${'cd'.repeat(32)}`, index_block_hash: `0x${TIP_HASH}`, block_time: NOW / 1000 - 30, burn_block_time: NOW / 1000 - 400 }] };

function replyJson(path: string, body: unknown, method: 'GET' | 'POST' = 'GET'): void {
  mock.agent.get(BASE).intercept({ path, method }).reply(200, typeof body === 'string' ? body : JSON.stringify(body), { headers: { 'content-type': 'application/json' } });
}

/** The tip lookup, then the call at that tip with the body stacks-core expects. */
function reply(body: string): void {
  replyJson('/extended/v2/blocks?limit=1', TIP);
  mock.agent
    .get(BASE)
    .intercept({ path: `${PATH}?tip=${TIP_HASH}`, method: 'POST', body: JSON.stringify({ sender: SBTC_DEPLOYER, arguments: [] }) })
    .reply(200, body, { headers: { 'content-type': 'application/json' } });
}

describe('hiro-sbtc', () => {
  it('reads at the newest block (its index hash without 0x as `tip`) and stamps the value with that block\'s time', async () => {
    reply(fixture('hiro/supply-ok.json'));
    expect(await hiroSbtc.fetch?.(context(mock.http, BASE, NOW))).toEqual([
      { kind: 'btc-locked', network: 'stacks', sats: 512345678901, observedAt: NOW - 30_000 },
    ]);
  });

  it('rejects a uint above 21M BTC and a supply of 0', () => {
    expect(TotalSupply.safeParse({ okay: true, result: `0x0701${(2_100_000_000_000_001n).toString(16).padStart(32, '0')}` }).success).toBe(false);
    expect(TotalSupply.safeParse({ okay: true, result: `0x0701${'0'.repeat(32)}` }).error?.issues[0]?.message).toBe('implausible: a total of 0');
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
    const f = await failure(hiroSbtc.fetch?.(context(mock.http, BASE, NOW)) ?? Promise.resolve());
    expect(f.toFeedError()).toEqual({ kind: 'schema', message });
  });

  it('rejects a tip answer without blocks or with a malformed block id', async () => {
    replyJson('/extended/v2/blocks?limit=1', { limit: 1, offset: 0, total: 0, results: [] });
    expect((await failure(hiroSbtc.fetch?.(context(mock.http, BASE, NOW)) ?? Promise.resolve())).message).toBe('bad data at results: no blocks');
    replyJson('/extended/v2/blocks?limit=1', { results: [{ height: 1, index_block_hash: '0x12', block_time: 1 }] });
    expect((await failure(hiroSbtc.fetch?.(context(mock.http, BASE, NOW)) ?? Promise.resolve())).message).toBe('bad data at results[0].index_block_hash: expected a 32-byte hex block id');
  });

  it('history: the same call at the block at or before 1 to 90 days back, through the local simulator\'s strict stacks-core rules', async () => {
    const chain = { nowMs: NOW, supplyAt: (t: number) => Math.round(5e11 * (1 - (NOW - t) / DAY / 2000)) };
    mock.agent.get(BASE).intercept({ path: /\/extended\/v2\/blocks\/by-block-time\/\d+$/, method: 'GET' }).reply((req) => {
      const answer = stacksBlockAtReply(chain, req.path.split('/').pop() ?? '');
      return { statusCode: answer.status, data: JSON.stringify(answer.json), responseOptions: { headers: { 'content-type': 'application/json' } } };
    }).times(SBTC_HISTORY_AGES.length);
    mock.agent.get(BASE).intercept({ path: (p) => p.startsWith(PATH), method: 'POST' }).reply((req) => {
      const answer = stacksCallReply(chain, new URLSearchParams(req.path.split('?')[1] ?? ''), String(req.body));
      return { statusCode: answer.status, data: JSON.stringify(answer.json), responseOptions: { headers: { 'content-type': 'application/json' } } };
    }).times(SBTC_HISTORY_AGES.length);
    const readings = (await hiroSbtc.history?.(context(mock.http, BASE, NOW, NOW - 91 * DAY))) ?? [];
    expect(readings).toHaveLength(SBTC_HISTORY_AGES.length);
    for (const r of readings) {
      if (r.kind !== 'btc-locked' || r.observedAt === undefined) throw new Error('expected a dated btc-locked reading');
      expect(r.sats).toBe(chain.supplyAt(r.observedAt));
      expect(r.sats).toBeLessThan(5e11);
    }
  });

  it('the simulator treats a 0x-prefixed tip as "latest", as stacks-core does (the trap the adapter avoids)', () => {
    const chain = { nowMs: NOW, supplyAt: (t: number) => Math.round(t / 1e4) };
    const body = JSON.stringify({ sender: SBTC_DEPLOYER, arguments: [] });
    const latest = stacksCallReply(chain, new URLSearchParams(''), body).json;
    expect(stacksCallReply(chain, new URLSearchParams(`tip=0x${'0'.repeat(60)}1234`), body).json).toEqual(latest);
    expect(stacksCallReply(chain, new URLSearchParams(`tip=${'0'.repeat(60)}1234`), body).json).not.toEqual(latest);
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
  ])('scales %s with %i decimals to %i sats', (total_supply, decimals, sats) => {
    expect(FtMetadata.parse({ total_supply, decimals })).toBe(sats);
  });

  it.each([
    ['metadata-supply-number.json', 'bad data at total_supply: expected string, received number'],
    ['metadata-decimal-supply.json', 'bad data at total_supply: expected a whole number of base units as a string'],
    ['metadata-no-decimals.json', 'bad data at decimals: missing (expected number)'],
    ['metadata-over-supply.json', 'bad data at total_supply: more than 21M BTC'],
    ['metadata-zero.json', 'bad data at total_supply: implausible: a total of 0'],
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
