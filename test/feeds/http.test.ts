import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createHttpClient, parseRetryAfter } from '../../src/feeds/http.js';
import { FeedFailure } from '../../src/feeds/feed-failure.js';
import { failure } from './adapter-context.js';
import { signal, UA, withMockHttp } from './mock-http.js';

const ORIGIN = 'https://api.example.test';
const URL_ = `${ORIGIN}/data`;
const Data = z.object({ latest: z.object({ total_capacity: z.number() }) });
const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8' };

const mock = withMockHttp();

function intercept(path = '/data', method = 'GET') {
  return mock.agent.get(ORIGIN).intercept({ path, method });
}

describe('createHttpClient', () => {
  it('sends User-Agent and Accept and returns the validated body', async () => {
    mock.agent
      .get(ORIGIN)
      .intercept({ path: '/data', method: 'GET', headers: { 'user-agent': UA, accept: 'application/json' } })
      .reply(200, { latest: { total_capacity: 5, extra: 'ignored' } }, { headers: JSON_HEADERS });
    await expect(mock.http.getJson(URL_, Data, { signal: signal() })).resolves.toEqual({ latest: { total_capacity: 5 } });
  });

  it('does not match the User-Agent interceptor with another agent string', async () => {
    mock.agent
      .get(ORIGIN)
      .intercept({ path: '/data', method: 'GET', headers: { 'user-agent': UA } })
      .reply(200, { latest: { total_capacity: 1 } });
    const other = createHttpClient({ userAgent: 'someone-else', dispatcher: mock.agent });
    const f = await failure(other.getJson(URL_, Data, { signal: signal() }));
    expect(f.kind).toBe('network');
    await expect(mock.http.getJson(URL_, Data, { signal: signal() })).resolves.toEqual({ latest: { total_capacity: 1 } });
  });

  it('posts JSON with a content type and keeps User-Agent over a caller header', async () => {
    mock.agent
      .get(ORIGIN)
      .intercept({
        path: '/rpc',
        method: 'POST',
        body: '{"a":1}',
        headers: { 'user-agent': UA, 'content-type': 'application/json', 'x-api-key': 'k' },
      })
      .reply(200, { ok: true });
    const result = await mock.http.postJson(`${ORIGIN}/rpc`, { a: 1 }, z.object({ ok: z.boolean() }), {
      signal: signal(),
      headers: { 'X-Api-Key': 'k', 'User-Agent': 'spoofed' },
    });
    expect(result).toEqual({ ok: true });
  });

  it('reads text bodies with getText', async () => {
    mock.agent
      .get(ORIGIN)
      .intercept({ path: '/supply', method: 'GET', headers: { accept: 'text/plain' } })
      .reply(200, '1234\n', { headers: { 'content-type': 'text/plain' } });
    const schema = z.string().trim().regex(/^\d+$/).transform(Number);
    await expect(mock.http.getText(`${ORIGIN}/supply`, schema, { signal: signal() })).resolves.toBe(1234);
  });

  it.each([
    [500, 'HTTP 500 Internal Server Error'],
    [404, 'HTTP 404 Not Found'],
    [503, 'HTTP 503 Service Unavailable'],
  ])('maps HTTP %i to kind "http"', async (status, message) => {
    intercept().reply(status, '<html>oops</html>', { headers: { 'content-type': 'text/html' } });
    const f = await failure(mock.http.getJson(URL_, Data, { signal: signal() }));
    expect(f.toFeedError()).toEqual({ kind: 'http', message, status });
  });

  it('maps 429 with Retry-After seconds to "ratelimit"', async () => {
    intercept().reply(429, 'slow down', { headers: { 'retry-after': '120' } });
    const f = await failure(mock.http.getJson(URL_, Data, { signal: signal() }));
    expect(f.toFeedError()).toEqual({
      kind: 'ratelimit',
      message: 'HTTP 429 Too Many Requests (retry after 120 s)',
      status: 429,
      retryAfterMs: 120_000,
    });
  });

  it('maps 429 with an HTTP-date Retry-After relative to the client clock', async () => {
    const now = Date.parse('2025-01-10T12:00:00Z');
    const dated = createHttpClient({ userAgent: UA, dispatcher: mock.agent, now: () => now });
    intercept().reply(429, '', { headers: { 'retry-after': 'Fri, 10 Jan 2025 12:01:30 GMT' } });
    const f = await failure(dated.getJson(URL_, Data, { signal: signal() }));
    expect([f.kind, f.retryAfterMs]).toEqual(['ratelimit', 90_000]);
  });

  it('rounds an HTTP-date Retry-After up to whole seconds from a clock between seconds (429 and 503)', async () => {
    const now = Date.parse('2025-01-10T12:00:00.250Z');
    const dated = createHttpClient({ userAgent: UA, dispatcher: mock.agent, now: () => now });
    intercept().reply(429, '', { headers: { 'retry-after': 'Fri, 10 Jan 2025 12:01:30 GMT' } });
    const f = await failure(dated.getJson(URL_, Data, { signal: signal() }));
    // 89.75 s to the date: waiting 89.75 s would be fine, but a whole second more is what "rounded up" means here.
    expect(f.toFeedError()).toEqual({ kind: 'ratelimit', message: 'HTTP 429 Too Many Requests (retry after 90 s)', status: 429, retryAfterMs: 90_000 });
    intercept().reply(503, '', { headers: { 'retry-after': 'Fri, 10 Jan 2025 12:00:05 GMT' } });
    const g = await failure(dated.getJson(URL_, Data, { signal: signal() }));
    expect([g.kind, g.status, g.retryAfterMs]).toEqual(['http', 503, 5_000]);
  });

  it('maps 429 without Retry-After to "ratelimit" with no wait', async () => {
    intercept().reply(429, '');
    const f = await failure(mock.http.getJson(URL_, Data, { signal: signal() }));
    expect(f.toFeedError()).toEqual({ kind: 'ratelimit', message: 'HTTP 429 Too Many Requests', status: 429 });
  });

  it('does not follow redirects', async () => {
    intercept().reply(301, '', { headers: { location: 'https://elsewhere.test/\u001b[31mx' } });
    const f = await failure(mock.http.getJson(URL_, Data, { signal: signal() }));
    expect(f.toFeedError()).toEqual({
      kind: 'http',
      message: 'redirected to https://elsewhere.test/x (redirects are not followed)',
      status: 301,
    });
  });

  it('reports a non-JSON 200 as "schema" with its content type', async () => {
    intercept().reply(200, '<!doctype html><title>Just a moment…</title>', { headers: { 'content-type': 'text/html; charset=UTF-8' } });
    const f = await failure(mock.http.getJson(URL_, Data, { signal: signal() }));
    expect(f.toFeedError()).toEqual({ kind: 'schema', message: 'not JSON (text/html)' });
  });

  it('reports truncated JSON as "schema"', async () => {
    intercept().reply(200, '{"latest":{"total_capa', { headers: JSON_HEADERS });
    const f = await failure(mock.http.getJson(URL_, Data, { signal: signal() }));
    expect(f.toFeedError()).toEqual({ kind: 'schema', message: 'not JSON (application/json)' });
  });

  it('reports a zod failure with the first issue path and reason', async () => {
    intercept().reply(200, { latest: { total_capacity: '12' } }, { headers: JSON_HEADERS });
    const f = await failure(mock.http.getJson(URL_, Data, { signal: signal() }));
    expect(f.kind).toBe('schema');
    expect(f.message).toBe('bad data at latest.total_capacity: expected number, received string');
  });

  it('reports a missing field as missing', async () => {
    intercept().reply(200, [{ latest: {} }], { headers: JSON_HEADERS });
    const f = await failure(mock.http.getJson(URL_, z.array(Data), { signal: signal() }));
    expect(f.message).toBe('bad data at [0].latest.total_capacity: missing (expected number)');
  });

  it('rejects a body larger than the cap by Content-Length', async () => {
    intercept().reply(200, '{}', { headers: { 'content-length': String(2 * 1024 * 1024) } });
    const f = await failure(mock.http.getJson(URL_, Data, { signal: signal() }));
    expect(f.toFeedError()).toEqual({ kind: 'http', message: 'response larger than 1 MiB' });
  });

  it('rejects a body that streams past the per-request cap', async () => {
    intercept().reply(200, JSON.stringify({ pad: 'x'.repeat(5000) }), { headers: JSON_HEADERS });
    const f = await failure(mock.http.getJson(URL_, Data, { signal: signal(), maxBytes: 4096 }));
    expect(f.toFeedError()).toEqual({ kind: 'http', message: 'response larger than 4 KiB' });
  });

  it('maps a refused connection to "network"', async () => {
    intercept().replyWithError(Object.assign(new Error('connect ECONNREFUSED 10.0.0.1:443'), { code: 'ECONNREFUSED' }));
    const f = await failure(mock.http.getJson(URL_, Data, { signal: signal() }));
    expect(f.toFeedError()).toEqual({ kind: 'network', message: 'connection refused' });
  });

  it('maps a DNS failure to "network" naming the host', async () => {
    intercept().replyWithError(Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' }));
    const f = await failure(mock.http.getJson(URL_, Data, { signal: signal() }));
    expect(f.message).toBe('DNS lookup failed for api.example.test');
  });

  it('rethrows the FeedFailure an aborting signal carries', async () => {
    const controller = new AbortController();
    const timeout = new FeedFailure('timeout', 'no answer within 15 s');
    intercept().reply(() => {
      controller.abort(timeout);
      return { statusCode: 200, data: '{"latest":{"total_capacity":1}}' };
    });
    const f = await failure(mock.http.getJson(URL_, Data, { signal: controller.signal }));
    expect(f).toBe(timeout);
  });

  it('reports any other abort as "network" "aborted"', async () => {
    const controller = new AbortController();
    intercept().reply(() => {
      controller.abort();
      return { statusCode: 200, data: '{}' };
    });
    const f = await failure(mock.http.getJson(URL_, Data, { signal: controller.signal }));
    expect(f.toFeedError()).toEqual({ kind: 'network', message: 'aborted' });
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2025-01-10T12:00:00Z');
  it.each([
    [undefined, undefined],
    ['', undefined],
    ['0', 0],
    ['30', 30_000],
    ['7200', 7_200_000],
    ['86400', 86_400_000],
    ['86401', 86_400_000], // capped at RETRY_AFTER_MAX_MS (24 h)
    ['9'.repeat(400), 86_400_000], // Infinity as a number, still capped
    ['Fri, 10 Jan 2025 12:00:10 GMT', 10_000],
    ['Fri, 10 Jan 2025 12:00:00 GMT', 0],
    ['Fri, 10 Jan 2025 11:59:59 GMT', undefined], // in the past: the normal back-off
    ['Fri, 10 Jan 2025 11:00:00 GMT', undefined],
    ['Sat, 11 Jan 2025 11:00:00 GMT', 82_800_000],
    ['Sun, 12 Jan 2025 12:00:00 GMT', 86_400_000],
    ['-5', undefined],
    ['12.5', undefined],
    ['soon', undefined],
    ['Fri, 99 Foo 2025 25:61:00 GMT', undefined],
  ])('%s → %s', (value, expected) => {
    expect(parseRetryAfter(value, now)).toBe(expected);
  });

  it('rounds an HTTP-date up to the next whole second after now, never to a time before the date', () => {
    const at = now + 300; // 12:00:00.300
    expect(parseRetryAfter('Fri, 10 Jan 2025 12:00:10 GMT', at)).toBe(10_000); // 9.7 s → 10 s
    expect(parseRetryAfter('Fri, 10 Jan 2025 12:00:01 GMT', at)).toBe(1_000); // 0.7 s → 1 s
    expect(parseRetryAfter('Fri, 10 Jan 2025 12:00:00 GMT', at)).toBe(0); // 0.3 s ago → 0, not -0
    for (let ms = 1; ms < 1000; ms += 37) {
      const wait = parseRetryAfter('Fri, 10 Jan 2025 12:00:10 GMT', now + ms);
      expect(wait !== undefined && wait % 1000 === 0 && now + ms + wait >= Date.parse('2025-01-10T12:00:10Z')).toBe(true);
    }
  });
});
