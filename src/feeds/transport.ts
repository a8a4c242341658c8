// The wire under the HTTP client: undici by default; --record wraps it, --replay replaces it.
import type { Readable } from 'node:stream';
import { request, type Dispatcher } from 'undici';

/** One request as the client sends it. */
export interface TransportRequest {
  readonly method: 'GET' | 'POST';
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | undefined;
  readonly signal: AbortSignal;
  /** undici headersTimeout/bodyTimeout backstop. */
  readonly socketTimeoutMs: number;
  /** The client's body cap for this request (a recorder stores at most this much). */
  readonly maxBytes: number;
}

/** The answer: status, headers and a body stream (read, or destroyed, by the client). */
export interface TransportResponse {
  readonly statusCode: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: Readable;
}

/** Sends a request; rejects like undici's request() (error codes, aborts). */
export type Transport = (req: TransportRequest) => Promise<TransportResponse>;

/** The real network, through undici (a MockAgent in tests). */
export function undiciTransport(dispatcher?: Dispatcher): Transport {
  return async (req) => {
    const res = await request(req.url, {
      method: req.method,
      headers: { ...req.headers },
      body: req.body,
      signal: req.signal,
      headersTimeout: req.socketTimeoutMs,
      bodyTimeout: req.socketTimeoutMs,
      ...(dispatcher === undefined ? {} : { dispatcher }),
    });
    return { statusCode: res.statusCode, headers: res.headers, body: res.body };
  };
}
