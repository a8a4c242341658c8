import { describe, expect, it } from 'vitest';
import { liquidPegs } from '../../src/feeds/liquid/pegs.js';
import { liquidReserves } from '../../src/feeds/liquid/reserves.js';
import { PegsByMonth } from '../../src/feeds/liquid/schema.js';
import { liquidBlockReply, liquidPegsListReply, liquidPegsReply, liquidSupplyNow, liquidVolumeReply, type LiquidChain } from '../../src/feeds/demo/liquid-chain.js';
import { context, failure } from './adapter-context.js';
import { fixture, withMockHttp } from './mock-http.js';

const BASE = 'https://liquid.test';
const NOW = Date.parse('2025-01-20T12:00:00Z');
const mock = withMockHttp();

function reply(path: string, body: string): void {
  mock.agent.get(BASE).intercept({ path, method: 'GET' }).reply(200, body, { headers: { 'content-type': 'application/json' } });
}

const DAY = 86_400_000;
const HASH = '8f1c0c7e5a0a5a3d4c1f0b9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d9c';

/** Answers liquid.network's peg, block, volume and list endpoints from a simulated peg history (the shapes the demo serves). */
function serveChain(chain: LiquidChain, months = '[]'): void {
  mock.agent.get(BASE).intercept({ path: (p) => p.startsWith('/api/'), method: 'GET' }).reply((req) => {
    const path = req.path;
    const list = /\/pegs\/list\/(\d+)$/.exec(path);
    const block = /\/api\/block\/([0-9a-f]{64})$/.exec(path);
    const answer = path === '/api/v1/liquid/pegs' ? liquidPegsReply(chain)
      : path === '/api/v1/liquid/pegs/volume' ? liquidVolumeReply(chain)
        : path === '/api/v1/liquid/pegs/month' ? { status: 200, json: JSON.parse(months) as unknown }
          : list ? liquidPegsListReply(chain, Number(list[1]))
            : block ? liquidBlockReply(chain, block[1] ?? '') : { status: 404, text: 'no' };
    return { statusCode: answer.status, data: 'json' in answer ? JSON.stringify(answer.json) : answer.text, responseOptions: { headers: { 'content-type': 'application/json' } } };
  }).persist();
}

describe('liquid-pegs', () => {
  it('reads the string amount as exact sats, stamped with the time of the Liquid block the table was parsed to', async () => {
    reply('/api/v1/liquid/pegs', fixture('liquid/pegs-ok.json'));
    reply(`/api/block/${HASH}`, JSON.stringify({ id: HASH, height: 3_000_000, timestamp: NOW / 1000 - 90 }));
    expect(await liquidPegs.fetch?.(context(mock.http, BASE, NOW))).toEqual([
      { kind: 'btc-locked', network: 'liquid', sats: 367891234567, observedAt: NOW - 90_000 },
    ]);
  });

  it('a parser stuck an hour behind gives a value stamped an hour back (stale beyond 15 minutes)', async () => {
    serveChain({ nowMs: NOW, lagMs: 3_600_000, supplyAt: () => 3.7e11 });
    const [r] = (await liquidPegs.fetch?.(context(mock.http, BASE, NOW))) ?? [];
    expect(NOW - (r?.observedAt ?? NOW)).toBeGreaterThanOrEqual(3_600_000);
    expect(liquidPegs.maxAgeMs).toBe(15 * 60_000);
  });

  it.each([
    ['pegs-decimal.json', 'bad data at amount: expected a whole number of sats as a string'],
    ['pegs-number.json', 'bad data at amount: expected string, received number'],
    ['pegs-over-supply.json', 'bad data at amount: more than 21M BTC'],
    ['pegs-zero.json', 'bad data at amount: implausible: a total of 0'],
  ])('rejects %s as schema', async (file, message) => {
    reply('/api/v1/liquid/pegs', fixture(`liquid/${file}`));
    const f = await failure(liquidPegs.fetch?.(context(mock.http, BASE)) ?? Promise.resolve());
    expect(f.toFeedError()).toEqual({ kind: 'schema', message });
  });

  it('history: the supply 1 to 7 days back from the peg records themselves, equal to the curve at the last peg before each day', async () => {
    const supplyAt = (t: number): number => Math.round(3.7e11 * (1 - (NOW - t) / DAY / 2000));
    const chain = { nowMs: NOW, supplyAt };
    serveChain(chain);
    const readings = (await liquidPegs.history?.(context(mock.http, BASE, NOW, NOW - 8 * DAY))) ?? [];
    const daily = readings.filter((r) => r.observedAt !== undefined && r.observedAt < NOW - 1000);
    expect(daily.map((r) => Math.round((NOW - (r.observedAt ?? 0)) / DAY))).toEqual([7, 6, 5, 4, 3, 2, 1]);
    const peg = 3 * 3_600_000;
    for (const r of daily) {
      if (r.kind !== 'btc-locked') throw new Error('expected btc-locked');
      expect(r.sats).toBe(supplyAt(Math.floor((r.observedAt ?? 0) / peg) * peg));
    }
    expect(readings.at(-1)).toMatchObject({ sats: liquidSupplyNow(chain) });
  });

  it('sorts monthly flows and cumulative-sums them', () => {
    expect(PegsByMonth.parse(JSON.parse(fixture('liquid/pegs-month-ok.json')))).toEqual([
      { monthStart: Date.parse('2024-10-01T00:00:00Z'), sats: 1000 },
      { monthStart: Date.parse('2024-11-01T00:00:00Z'), sats: 1500 },
      { monthStart: Date.parse('2024-12-01T00:00:00Z'), sats: 1300 },
      { monthStart: Date.parse('2025-01-01T00:00:00Z'), sats: 2300 },
    ]);
  });

  it('history before the peg records comes from the monthly flows, each total stamped at the next month start', async () => {
    serveChain({ nowMs: NOW, supplyAt: () => 2300 }, fixture('liquid/pegs-month-ok.json'));
    const since = Date.parse('2024-11-15T00:00:00Z');
    const readings = (await liquidPegs.history?.(context(mock.http, BASE, NOW, since))) ?? [];
    expect(readings.slice(0, 2)).toEqual([
      { kind: 'btc-locked', network: 'liquid', sats: 1500, observedAt: Date.parse('2024-12-01T00:00:00Z') },
      { kind: 'btc-locked', network: 'liquid', sats: 1300, observedAt: Date.parse('2025-01-01T00:00:00Z') },
    ]);
  });

  it.each([
    ['pegs-month-negative-total.json', 'bad data: cumulative supply out of range at 2024-11-01'],
    ['pegs-month-bad-date.json', 'bad data at [0].date: expected YYYY-MM-01'],
  ])('rejects %s as schema', async (file, message) => {
    serveChain({ nowMs: NOW, supplyAt: () => 2300 }, fixture(`liquid/${file}`));
    const f = await failure(liquidPegs.history?.(context(mock.http, BASE, NOW)) ?? Promise.resolve());
    expect(f.toFeedError()).toEqual({ kind: 'schema', message });
  });

  it('maps a 404 (undocumented API gone) to http', async () => {
    mock.agent.get(BASE).intercept({ path: '/api/v1/liquid/pegs', method: 'GET' }).reply(404, 'Not Found');
    const f = await failure(liquidPegs.fetch?.(context(mock.http, BASE)) ?? Promise.resolve());
    expect(f.toFeedError()).toEqual({ kind: 'http', message: 'HTTP 404 Not Found', status: 404 });
  });
});

describe('liquid-reserves', () => {
  it('is a polled detail source for Liquid', () => {
    expect(liquidReserves).toMatchObject({
      id: 'liquid-reserves',
      provider: 'liquid',
      role: 'detail',
      networks: ['liquid'],
      path: '/api/v1/liquid/reserves',
      polls: true,
    });
  });

  it('reads the string amount as exact federation reserves in sats', async () => {
    reply('/api/v1/liquid/reserves', fixture('liquid/reserves-ok.json'));
    expect(await liquidReserves.fetch?.(context(mock.http, BASE))).toEqual([
      { kind: 'detail', network: 'liquid', values: { federationReservesSats: 367512345678 } },
    ]);
  });

  it.each([
    ['reserves-number.json', 'bad data at amount: expected string, received number'],
    ['reserves-negative.json', 'bad data at amount: expected a whole number of sats as a string'],
    ['reserves-over-supply.json', 'bad data at amount: more than 21M BTC'],
    ['pegs-month-ok.json', 'bad data: expected object, received array'],
  ])('rejects %s as schema', async (file, message) => {
    reply('/api/v1/liquid/reserves', fixture(`liquid/${file}`));
    const f = await failure(liquidReserves.fetch?.(context(mock.http, BASE)) ?? Promise.resolve());
    expect(f.toFeedError()).toEqual({ kind: 'schema', message });
  });

  it('maps a 404 (older backend without reserves) to http', async () => {
    mock.agent.get(BASE).intercept({ path: '/api/v1/liquid/reserves', method: 'GET' }).reply(404, 'Not Found');
    const f = await failure(liquidReserves.fetch?.(context(mock.http, BASE)) ?? Promise.resolve());
    expect(f.toFeedError()).toEqual({ kind: 'http', message: 'HTTP 404 Not Found', status: 404 });
  });
});
