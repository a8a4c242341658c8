import { describe, expect, it } from 'vitest';
import { FeedFailure, requestFailure, toFeedError } from '../../src/feeds/feed-failure.js';

const url = 'https://mempool.example.test/api/v1/prices';
const live = (): AbortSignal => new AbortController().signal;
const withCode = (message: string, code: string): Error => Object.assign(new Error(message), { code });

describe('FeedFailure', () => {
  it('carries kind, status and retryAfterMs, and sanitizes its message', () => {
    const f = new FeedFailure('ratelimit', 'slow\u001b[31m down\n', { status: 429, retryAfterMs: 5000 });
    expect(f).toBeInstanceOf(Error);
    expect(f.message).toBe('slow down');
    expect(f.toFeedError()).toEqual({ kind: 'ratelimit', message: 'slow down', status: 429, retryAfterMs: 5000 });
  });

  it('omits absent optional fields', () => {
    expect(Object.keys(new FeedFailure('schema', 'bad').toFeedError())).toEqual(['kind', 'message']);
  });
});

describe('toFeedError', () => {
  it('passes a FeedFailure through', () => {
    expect(toFeedError(new FeedFailure('timeout', 'no answer within 15 s'))).toEqual({
      kind: 'timeout',
      message: 'no answer within 15 s',
    });
  });

  it('turns unknown errors into sanitized network errors', () => {
    expect(toFeedError(new Error('boom\u001b]0;x\u0007\nbang'))).toEqual({ kind: 'network', message: 'boom bang' });
    expect(toFeedError('text')).toEqual({ kind: 'network', message: 'text' });
    expect(toFeedError(42)).toEqual({ kind: 'network', message: 'unknown error' });
    expect(toFeedError(new Error(''))).toEqual({ kind: 'network', message: 'unknown error' });
  });
});

describe('requestFailure', () => {
  it.each([
    ['ECONNREFUSED', 'network', 'connection refused'],
    ['ENOTFOUND', 'network', 'DNS lookup failed for mempool.example.test'],
    ['EAI_AGAIN', 'network', 'DNS lookup failed for mempool.example.test'],
    ['ECONNRESET', 'network', 'connection reset'],
    ['UND_ERR_SOCKET', 'network', 'connection closed by the server'],
    ['UND_ERR_CONNECT_TIMEOUT', 'timeout', 'connect timed out'],
    ['UND_ERR_HEADERS_TIMEOUT', 'timeout', 'no response headers in time'],
    ['CERT_HAS_EXPIRED', 'network', 'TLS error (CERT_HAS_EXPIRED)'],
  ])('maps %s', (code, kind, message) => {
    const f = requestFailure(withCode(`raw ${code}`, code), url, live());
    expect([f.kind, f.message]).toEqual([kind, message]);
  });

  it('finds the code in a cause or an AggregateError', () => {
    const viaCause = new Error('fetch failed', { cause: withCode('x', 'ECONNRESET') });
    const aggregate = new AggregateError([withCode('a', 'ECONNREFUSED'), withCode('b', 'ECONNREFUSED')], 'all failed');
    expect(requestFailure(viaCause, url, live()).message).toBe('connection reset');
    expect(requestFailure(aggregate, url, live()).message).toBe('connection refused');
  });

  it('keeps a sanitized message for unknown errors', () => {
    expect(requestFailure(new Error('weird\u0007 thing'), url, live()).message).toBe('weird thing');
  });

  it('rethrows a FeedFailure abort reason as is, other aborts as "aborted"', () => {
    const timeout = new FeedFailure('timeout', 'no answer within 15 s');
    const a = new AbortController();
    a.abort(timeout);
    expect(requestFailure(new Error('whatever'), url, a.signal)).toBe(timeout);
    const b = new AbortController();
    b.abort();
    const f = requestFailure(new Error('This operation was aborted'), url, b.signal);
    expect([f.kind, f.message]).toEqual(['network', 'aborted']);
  });
});
