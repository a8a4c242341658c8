import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MockAgent } from 'undici';
import type { HttpClient } from '../../src/feeds/http-client.js';
import { bitcoinlayersHistory } from '../../src/feeds/bitcoinlayers/history.js';
import { context, failure } from './adapter-context.js';
import { fixture, mockHttp, verifyAndClose } from './mock-http.js';

const BASE = 'https://btclocked.test';
const NOW = Date.parse('2025-01-10T18:00:00Z');
const SINCE = Date.parse('2025-01-06T00:00:00Z');
let agent: MockAgent;
let http: HttpClient;

beforeEach(() => {
  ({ agent, http } = mockHttp());
});
afterEach(async () => {
  await verifyAndClose(agent);
});

function reply(body: string, date = '2025-01-06'): void {
  agent
    .get(BASE)
    .intercept({ path: `/historical_supplies_by_network?date=gte.${date}`, method: 'GET' })
    .reply(200, body, { headers: { 'content-type': 'application/json' } });
}

describe('bitcoinlayers-history', () => {
  it('is history-only', () => {
    expect(bitcoinlayersHistory.polls).toBe(false);
    expect(bitcoinlayersHistory.fetch).toBeUndefined();
  });

  it('keeps usable Rootstock/Stacks rows (any case), skips the rest, sorted by date', async () => {
    reply(fixture('bitcoinlayers/history-ok.json'));
    const readings = await bitcoinlayersHistory.history?.(context(http, BASE, NOW, SINCE));
    const day = (d: string): number => Date.parse(`${d}T00:00:00Z`);
    expect(readings).toEqual([
      { kind: 'btc-locked', network: 'rootstock', sats: 387654321098, observedAt: day('2025-01-09') },
      { kind: 'btc-locked', network: 'stacks', sats: 512345678901, observedAt: day('2025-01-09') },
      { kind: 'btc-locked', network: 'rootstock', sats: 388010000000, observedAt: day('2025-01-10') },
    ]);
  });

  it('queries from the UTC date of `since` and drops rows before it', async () => {
    reply(fixture('bitcoinlayers/history-ok.json'), '2025-01-09');
    const since = Date.parse('2025-01-09T23:30:00Z');
    const readings = await bitcoinlayersHistory.history?.(context(http, BASE, NOW, since));
    expect(readings?.map((r) => r.observedAt)).toEqual([Date.parse('2025-01-10T00:00:00Z')]);
  });

  it('fails as schema when no row is usable', async () => {
    reply(fixture('bitcoinlayers/history-no-usable.json'));
    const f = await failure(bitcoinlayersHistory.history?.(context(http, BASE, NOW, SINCE)) ?? Promise.resolve());
    expect(f.toFeedError()).toEqual({ kind: 'schema', message: 'bad data: no usable rows' });
  });

  it('fails as schema when the body is not an array', async () => {
    reply('{"message":"relation does not exist"}');
    const f = await failure(bitcoinlayersHistory.history?.(context(http, BASE, NOW, SINCE)) ?? Promise.resolve());
    expect(f.message).toBe('bad data: expected array, received object');
  });
});
