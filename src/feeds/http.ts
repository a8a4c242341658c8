// The HTTP client over undici: sends the request, caps the body, validates with zod, maps failures.
import { STATUS_CODES } from 'node:http';
import type { Dispatcher } from 'undici';
import type { z } from 'zod';
import type { HttpClient, RequestOptions } from './http-client.js';
import { undiciTransport, type Transport, type TransportResponse } from './transport.js';
import { FeedFailure, requestFailure, schemaFailure } from './feed-failure.js';
import { stripControls } from '../model/sanitize.js';

/** Options of createHttpClient. */
export interface HttpClientOptions {
  /** Sent on every request, e.g. "l2top/0.1.0 (+https://github.com/…)". */
  readonly userAgent: string;
  /** undici dispatcher; tests pass a MockAgent. Default: undici's global dispatcher. */
  readonly dispatcher?: Dispatcher;
  /** Default response body cap in bytes. Default 1 MiB. */
  readonly maxBytes?: number;
  /**
   * undici headersTimeout/bodyTimeout backstop in ms; the request signal is the primary timeout,
   * so pass the poller's timeout here. Default 30 s (undici's own default is 300 s).
   */
  readonly socketTimeoutMs?: number;
  /** Clock for HTTP-date Retry-After values. Default Date.now. */
  readonly now?: () => number;
  /** Wraps or replaces the wire (--record, --replay). Default: undici with `dispatcher`. */
  readonly transport?: (wire: Transport) => Transport;
}

const MIB = 1024 * 1024;

interface RawResponse {
  readonly text: string;
  readonly contentType: string | undefined;
}

/** Creates the validating HTTP client the adapters use. */
export function createHttpClient(options: HttpClientOptions): HttpClient {
  const defaultCap = options.maxBytes ?? MIB;
  const socketTimeout = options.socketTimeoutMs ?? 30_000;
  const now = options.now ?? (() => Date.now());
  const wire = undiciTransport(options.dispatcher);
  const transport = options.transport ? options.transport(wire) : wire;

  async function send(
    method: 'GET' | 'POST',
    url: string,
    accept: string,
    body: string | undefined,
    opts: RequestOptions,
  ): Promise<RawResponse> {
    const { signal } = opts;
    const cap = opts.maxBytes ?? defaultCap;
    const headers: Record<string, string> = { accept };
    for (const [name, value] of Object.entries(opts.headers ?? {})) headers[name.toLowerCase()] = value;
    headers['user-agent'] = options.userAgent;
    if (body !== undefined) headers['content-type'] = 'application/json';

    let res: TransportResponse;
    try {
      signal.throwIfAborted();
      res = await transport({ method, url, headers, body, signal, socketTimeoutMs: socketTimeout, maxBytes: cap });
    } catch (e) {
      throw requestFailure(e, url, signal);
    }
    try {
      checkStatus(res, now());
      const length = Number(firstHeader(res.headers['content-length']));
      if (Number.isFinite(length) && length > cap) throw tooLarge(cap);
      const text = await readCapped(res.body, cap);
      return { text, contentType: firstHeader(res.headers['content-type']) };
    } catch (e) {
      // A body we discard must not turn its abort into an unhandled 'error' event (that crashed the app).
      res.body.on('error', () => {});
      res.body.destroy();
      throw requestFailure(e, url, signal);
    }
  }

  function parseJson<T>(raw: RawResponse, schema: z.ZodType<T>): T {
    let data: unknown;
    try {
      data = JSON.parse(raw.text);
    } catch {
      throw new FeedFailure('schema', `not JSON (${mediaType(raw.contentType)})`);
    }
    return validate(data, schema);
  }

  return {
    async getJson(url, schema, opts) {
      return parseJson(await send('GET', url, 'application/json', undefined, opts), schema);
    },
    async postJson(url, body, schema, opts) {
      return parseJson(await send('POST', url, 'application/json', JSON.stringify(body), opts), schema);
    },
    async getText(url, schema, opts) {
      return validate((await send('GET', url, 'text/plain', undefined, opts)).text, schema);
    },
  };
}

/** Throws the FeedFailure a non-2xx status means. */
function checkStatus(res: TransportResponse, now: number): void {
  const { statusCode: status } = res;
  if (status >= 200 && status < 300) return;
  if (status >= 300 && status < 400) {
    const location = firstHeader(res.headers.location);
    const where = location === undefined ? '' : ` to ${stripControls(location, 120)}`;
    throw new FeedFailure('http', `redirected${where} (redirects are not followed)`, { status });
  }
  const retryAfterMs = parseRetryAfter(firstHeader(res.headers['retry-after']), now);
  const text = `HTTP ${status} ${STATUS_CODES[status] ?? ''}`.trimEnd();
  const details = { status, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) };
  if (status === 429) {
    const wait = retryAfterMs === undefined ? '' : ` (retry after ${Math.ceil(retryAfterMs / 1000)} s)`;
    throw new FeedFailure('ratelimit', `${text}${wait}`, details);
  }
  throw new FeedFailure('http', text, details);
}

/** Reads the body as UTF-8, destroying the stream as soon as it passes `cap` bytes. */
async function readCapped(body: TransportResponse['body'], cap: number): Promise<string> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of body) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
    total += buf.length;
    if (total > cap) throw tooLarge(cap);
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function validate<T>(data: unknown, schema: z.ZodType<T>): T {
  let result: ReturnType<z.ZodType<T>['safeParse']>;
  try {
    result = schema.safeParse(data);
  } catch (e) {
    throw new FeedFailure('schema', `bad data: ${e instanceof Error ? e.message : 'unparseable'}`, { cause: e });
  }
  if (result.success) return result.data;
  throw schemaFailure(result.error.issues[0]);
}

function tooLarge(cap: number): FeedFailure {
  return new FeedFailure('http', `response larger than ${formatBytes(cap)}`);
}

function formatBytes(n: number): string {
  if (n >= MIB && n % MIB === 0) return `${n / MIB} MiB`;
  if (n >= 1024 && n % 1024 === 0) return `${n / 1024} KiB`;
  return `${n} bytes`;
}

function mediaType(contentType: string | undefined): string {
  const essence = contentType?.split(';')[0]?.trim();
  return essence ? stripControls(essence, 60) : 'no content type';
}

function firstHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** The longest Retry-After honoured: 24 hours. A longer one (or an HTTP-date further out) waits this long. */
export const RETRY_AFTER_MAX_MS = 86_400_000;

/**
 * Retry-After as ms from `now`: delta-seconds as given, or an HTTP-date rounded up to the next whole second
 * after `now` (an HTTP-date has whole seconds, so waiting less could land before it); capped at
 * RETRY_AFTER_MAX_MS. undefined (the normal back-off applies) when missing, unparseable, negative or a date in
 * the past. Exported for tests.
 */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  let ms = Number.NaN;
  if (/^\d+$/.test(text)) ms = Number(text) * 1000;
  else if (/[a-z]/i.test(text)) ms = Math.ceil((Date.parse(text) - now) / 1000) * 1000;
  if (Number.isNaN(ms) || ms < 0) return undefined;
  return Math.min(RETRY_AFTER_MAX_MS, Math.max(0, ms));
}
