import { describe, expect, it } from 'vitest';
import { createCustomSource, type CustomFeedDef } from '../../src/feeds/custom/custom-source.js';
import { context, failure } from './adapter-context.js';
import { withMockHttp } from './mock-http.js';

const ORIGIN = 'https://custom.test';
/** The poller passes the (absent) provider base URL; custom sources must ignore it. */
const IGNORED_BASE = 'https://ignored.test';
const JSON_HEADERS = { headers: { 'content-type': 'application/json' } };
const mock = withMockHttp();

function feed(overrides: Partial<CustomFeedDef> = {}): CustomFeedDef {
  return { id: 'acme', name: 'Acme L2', url: `${ORIGIN}/v1/stats?key=secret`, pointer: '/data/locked', unit: 'sats', ...overrides };
}

/** Answers one GET of /v1/stats?key=secret with `doc`. */
function replyGet(doc: unknown): void {
  mock.agent.get(ORIGIN).intercept({ path: '/v1/stats?key=secret', method: 'GET' }).reply(200, JSON.stringify(doc), JSON_HEADERS);
}

async function fetchOnce(def: CustomFeedDef, doc: unknown): Promise<unknown> {
  replyGet(doc);
  return createCustomSource(def).fetch?.(context(mock.http, IGNORED_BASE));
}

async function failOnce(def: CustomFeedDef, doc: unknown): Promise<unknown> {
  replyGet(doc);
  return (await failure(createCustomSource(def).fetch?.(context(mock.http, IGNORED_BASE)) ?? Promise.resolve())).toFeedError();
}

describe('createCustomSource metadata', () => {
  it('derives id, provider, network, label and path (without the query)', () => {
    const source = createCustomSource(feed());
    expect({ ...source, fetch: undefined }).toEqual({
      id: 'custom-acme',
      provider: 'custom',
      role: 'btc-locked',
      networks: ['acme'],
      label: 'Acme L2 (custom)',
      path: '/v1/stats',
      polls: true,
      fetch: undefined,
    });
    expect(source.history).toBeUndefined();
  });

  it('reports USD as defi-tvl', () => {
    expect(createCustomSource(feed({ unit: 'usd' })).role).toBe('defi-tvl');
  });

  it('never throws while building, even for a bad URL', () => {
    expect(createCustomSource(feed({ url: 'not a url' })).path).toBe('/');
  });
});

describe('createCustomSource requests', () => {
  it('GETs the URL itself with the configured headers', async () => {
    mock.agent
      .get(ORIGIN)
      .intercept({ path: '/v1/stats?key=secret', method: 'GET', headers: { 'x-api-key': 'k-123', 'user-agent': 'l2top-test/1.0' } })
      .reply(200, JSON.stringify({ data: { locked: 150 } }), JSON_HEADERS);
    const source = createCustomSource(feed({ headers: { 'X-Api-Key': 'k-123' } }));
    expect(await source.fetch?.(context(mock.http, IGNORED_BASE))).toEqual([{ kind: 'btc-locked', network: 'acme', sats: 150 }]);
  });

  it('POSTs the body as JSON', async () => {
    const body = { jsonrpc: '2.0', method: 'eth_getBalance', params: ['0xabc', 'latest'], id: 1 };
    mock.agent
      .get(ORIGIN)
      .intercept({ path: '/rpc', method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json', authorization: 'Bearer t' } })
      .reply(200, JSON.stringify({ jsonrpc: '2.0', id: 1, result: '0xde0b6b3a7640000' }), JSON_HEADERS);
    const source = createCustomSource(
      feed({ url: `${ORIGIN}/rpc`, method: 'POST', body, headers: { Authorization: 'Bearer t' }, pointer: '/result', unit: 'wei' }),
    );
    expect(await source.fetch?.(context(mock.http, IGNORED_BASE))).toEqual([{ kind: 'btc-locked', network: 'acme', sats: 100_000_000 }]);
  });

  it.each(['file:///etc/passwd', 'ftp://custom.test/x', 'javascript:alert(1)', 'data:application/json,{}', 'not a url', '//custom.test/x'])(
    'rejects %s without a request',
    async (url) => {
      const f = await failure(createCustomSource(feed({ url })).fetch?.(context(mock.http, IGNORED_BASE)) ?? Promise.resolve());
      expect(f.toFeedError()).toEqual({ kind: 'http', message: 'only http(s) URLs' });
    },
  );

  it('accepts a plain http URL', async () => {
    mock.agent.get('http://custom.test').intercept({ path: '/n', method: 'GET' }).reply(200, '7', JSON_HEADERS);
    const source = createCustomSource(feed({ url: 'http://custom.test/n', pointer: '' }));
    expect(await source.fetch?.(context(mock.http, IGNORED_BASE))).toEqual([{ kind: 'btc-locked', network: 'acme', sats: 7 }]);
  });

  it('passes HTTP failures through', async () => {
    mock.agent.get(ORIGIN).intercept({ path: '/v1/stats?key=secret', method: 'GET' }).reply(503, 'down');
    const f = await failure(createCustomSource(feed()).fetch?.(context(mock.http, IGNORED_BASE)) ?? Promise.resolve());
    expect(f.toFeedError()).toEqual({ kind: 'http', message: 'HTTP 503 Service Unavailable', status: 503 });
  });

  it('rejects a non-JSON body as schema', async () => {
    mock.agent.get(ORIGIN).intercept({ path: '/v1/stats?key=secret', method: 'GET' }).reply(200, '<html>', { headers: { 'content-type': 'text/html' } });
    const f = await failure(createCustomSource(feed()).fetch?.(context(mock.http, IGNORED_BASE)) ?? Promise.resolve());
    expect(f.toFeedError()).toEqual({ kind: 'schema', message: 'not JSON (text/html)' });
  });
});

describe('createCustomSource units', () => {
  const sats = (n: number): unknown => [{ kind: 'btc-locked', network: 'acme', sats: n }];

  it.each<[CustomFeedDef['unit'], unknown, unknown]>([
    ['sats', 123456789, sats(123456789)],
    ['sats', '123456789', sats(123456789)],
    ['sats', ' 42 ', sats(42)],
    ['sats', 2_100_000_000_000_000, sats(2_100_000_000_000_000)],
    ['btc', '3876.543210987654321', sats(387654321098)],
    ['btc', 0.1, sats(10_000_000)],
    ['btc', 1e-7, sats(10)],
    ['btc', '21000000', sats(2_100_000_000_000_000)],
    ['wei', '0xde0b6b3a7640000', sats(100_000_000)],
    ['wei', '0xDE0B6B3A7640000', sats(100_000_000)],
    ['wei', '1000000000000000000', sats(100_000_000)],
    ['wei', 1e18, sats(100_000_000)],
    ['wei', '19999999999', sats(1)],
    ['usd', 1234.5, [{ kind: 'defi-tvl', network: 'acme', usd: 1234.5 }]],
    ['usd', '1234.5', [{ kind: 'defi-tvl', network: 'acme', usd: 1234.5 }]],
    ['usd', 0, [{ kind: 'defi-tvl', network: 'acme', usd: 0 }]],
  ])('%s %j', async (unit, value, expected) => {
    expect(await fetchOnce(feed({ unit }), { data: { locked: value } })).toEqual(expected);
  });

  it.each<[CustomFeedDef['unit'], unknown, string]>([
    ['sats', 1.5, 'pointer /data/locked: expected whole sats'],
    ['sats', '1.5', 'pointer /data/locked: expected whole sats'],
    ['sats', -1, 'pointer /data/locked: below 0'],
    ['sats', 2_100_000_000_000_001, 'pointer /data/locked: more than 21M BTC'],
    ['btc', '21000000.00000001', 'pointer /data/locked: more than 21M BTC'],
    ['btc', '-0.5', 'pointer /data/locked: below 0'],
    ['btc', '1,5', 'pointer /data/locked: not a number'],
    ['wei', '0x115eec47f6cf80890be400', 'pointer /data/locked: more than 21M BTC'],
    ['wei', '1.5', 'pointer /data/locked: expected whole wei'],
    ['wei', '0xzz', 'pointer /data/locked: not a number'],
    ['sats', '0x10', 'pointer /data/locked: not a number'],
    ['usd', -0.01, 'pointer /data/locked: below 0'],
    ['usd', '1e999', 'pointer /data/locked: not a number'],
    ['sats', true, 'pointer /data/locked: not a number'],
    ['sats', null, 'pointer /data/locked: not a number'],
    ['sats', { value: 1 }, 'pointer /data/locked: not a number'],
    ['btc', [1], 'pointer /data/locked: not a number'],
    ['usd', '', 'pointer /data/locked: not a number'],
  ])('%s %j fails as schema', async (unit, value, message) => {
    expect(await failOnce(feed({ unit }), { data: { locked: value } })).toEqual({ kind: 'schema', message });
  });

  it('names the shortest missing prefix of the pointer', async () => {
    expect(await failOnce(feed({ pointer: '/x/y' }), { data: {} })).toEqual({ kind: 'schema', message: 'pointer /x/y: not found at /x' });
    expect(await failOnce(feed({ pointer: '/data/y' }), { data: {} })).toEqual({ kind: 'schema', message: 'pointer /data/y: not found at /data/y' });
  });

  it('reads the whole document with the empty pointer', async () => {
    expect(await fetchOnce(feed({ pointer: '' }), 5)).toEqual(sats(5));
    expect(await failOnce(feed({ pointer: '' }), { a: 1 })).toEqual({ kind: 'schema', message: 'pointer "": not a number' });
  });
});
