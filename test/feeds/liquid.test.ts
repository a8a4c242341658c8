import { describe, expect, it } from 'vitest';
import { liquidPegs } from '../../src/feeds/liquid/pegs.js';
import { liquidReserves } from '../../src/feeds/liquid/reserves.js';
import { PegsByMonth } from '../../src/feeds/liquid/schema.js';
import { context, failure } from './adapter-context.js';
import { fixture, withMockHttp } from './mock-http.js';

const BASE = 'https://liquid.test';
const NOW = Date.parse('2025-01-20T12:00:00Z');
const mock = withMockHttp();

function reply(path: string, body: string): void {
  mock.agent.get(BASE).intercept({ path, method: 'GET' }).reply(200, body, { headers: { 'content-type': 'application/json' } });
}

describe('liquid-pegs', () => {
  it('reads the string amount as exact sats', async () => {
    reply('/api/v1/liquid/pegs', fixture('liquid/pegs-ok.json'));
    expect(await liquidPegs.fetch?.(context(mock.http, BASE))).toEqual([
      { kind: 'btc-locked', network: 'liquid', sats: 367891234567 },
    ]);
  });

  it.each([
    ['pegs-decimal.json', 'bad data at amount: expected a whole number of sats as a string'],
    ['pegs-number.json', 'bad data at amount: expected string, received number'],
    ['pegs-over-supply.json', 'bad data at amount: more than 21M BTC'],
  ])('rejects %s as schema', async (file, message) => {
    reply('/api/v1/liquid/pegs', fixture(`liquid/${file}`));
    const f = await failure(liquidPegs.fetch?.(context(mock.http, BASE)) ?? Promise.resolve());
    expect(f.toFeedError()).toEqual({ kind: 'schema', message });
  });

  it('sorts monthly flows and cumulative-sums them', () => {
    expect(PegsByMonth.parse(JSON.parse(fixture('liquid/pegs-month-ok.json')))).toEqual([
      { monthStart: Date.parse('2024-10-01T00:00:00Z'), sats: 1000 },
      { monthStart: Date.parse('2024-11-01T00:00:00Z'), sats: 1500 },
      { monthStart: Date.parse('2024-12-01T00:00:00Z'), sats: 1300 },
      { monthStart: Date.parse('2025-01-01T00:00:00Z'), sats: 2300 },
    ]);
  });

  it('stamps each total at the next month start, the current month at now, and keeps >= since', async () => {
    reply('/api/v1/liquid/pegs/month', fixture('liquid/pegs-month-ok.json'));
    const since = Date.parse('2024-11-15T00:00:00Z');
    const readings = await liquidPegs.history?.(context(mock.http, BASE, NOW, since));
    expect(readings).toEqual([
      { kind: 'btc-locked', network: 'liquid', sats: 1500, observedAt: Date.parse('2024-12-01T00:00:00Z') },
      { kind: 'btc-locked', network: 'liquid', sats: 1300, observedAt: Date.parse('2025-01-01T00:00:00Z') },
      { kind: 'btc-locked', network: 'liquid', sats: 2300, observedAt: NOW },
    ]);
  });

  it.each([
    ['pegs-month-negative-total.json', 'bad data: cumulative supply out of range at 2024-11-01'],
    ['pegs-month-bad-date.json', 'bad data at [0].date: expected YYYY-MM-01'],
  ])('rejects %s as schema', async (file, message) => {
    reply('/api/v1/liquid/pegs/month', fixture(`liquid/${file}`));
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
