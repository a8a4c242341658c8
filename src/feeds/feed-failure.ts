// The one error type adapters and the HTTP client throw, and the mappings into it and out to FeedError.
import type { z } from 'zod';
import type { FeedError, FeedErrorKind } from '../model/types.js';
import { stripControls } from '../model/sanitize.js';

/** Optional details of a FeedFailure. */
export interface FeedFailureDetails {
  /** HTTP status when there was one. */
  readonly status?: number;
  /** How long the upstream asked us to wait (Retry-After), in ms. */
  readonly retryAfterMs?: number;
  /** The underlying error, kept for debugging; never shown. */
  readonly cause?: unknown;
}

/**
 * A typed feed failure. The message is sanitized on construction, so it is always one
 * printable line even when it quotes upstream text.
 */
export class FeedFailure extends Error {
  override readonly name = 'FeedFailure';
  /** What went wrong: http | network | timeout | ratelimit | schema. */
  readonly kind: FeedErrorKind;
  /** HTTP status when there was one. */
  readonly status?: number;
  /** From Retry-After, in ms. */
  readonly retryAfterMs?: number;

  constructor(kind: FeedErrorKind, message: string, details: FeedFailureDetails = {}) {
    super(stripControls(message), details.cause === undefined ? undefined : { cause: details.cause });
    this.kind = kind;
    if (details.status !== undefined) this.status = details.status;
    if (details.retryAfterMs !== undefined) this.retryAfterMs = details.retryAfterMs;
  }

  /** The plain-data form carried in actions. */
  toFeedError(): FeedError {
    return {
      kind: this.kind,
      message: this.message,
      ...(this.status === undefined ? {} : { status: this.status }),
      ...(this.retryAfterMs === undefined ? {} : { retryAfterMs: this.retryAfterMs }),
    };
  }
}

/** Any thrown value as a FeedError; anything that is not a FeedFailure counts as a network error. */
export function toFeedError(e: unknown): FeedError {
  if (e instanceof FeedFailure) return e.toFeedError();
  const raw = e instanceof Error ? e.message : typeof e === 'string' ? e : '';
  return { kind: 'network', message: stripControls(raw) || 'unknown error' };
}

/**
 * Maps whatever undici (or our own body handling) threw into a FeedFailure. An aborted
 * signal wins: its FeedFailure reason is rethrown as is, any other abort is "aborted".
 */
export function requestFailure(e: unknown, url: string, signal: AbortSignal): FeedFailure {
  if (signal.aborted) {
    const reason: unknown = signal.reason;
    return reason instanceof FeedFailure ? reason : new FeedFailure('network', 'aborted', { cause: e });
  }
  if (e instanceof FeedFailure) return e;
  const code = errorCode(e);
  const known = code === undefined ? undefined : KNOWN_CODES[code];
  if (known !== undefined) return new FeedFailure(known[0], known[1].replace('<host>', hostOf(url)), { cause: e });
  if (code?.startsWith('ERR_TLS') || code?.includes('CERT')) {
    return new FeedFailure('network', `TLS error (${code})`, { cause: e });
  }
  const message = e instanceof Error ? stripControls(e.message) : '';
  return new FeedFailure('network', message || code || 'request failed', { cause: e });
}

/** Node/undici error codes with a clearer one-line reason. */
const KNOWN_CODES: Readonly<Record<string, readonly [FeedErrorKind, string]>> = {
  ECONNREFUSED: ['network', 'connection refused'],
  ENOTFOUND: ['network', 'DNS lookup failed for <host>'],
  EAI_AGAIN: ['network', 'DNS lookup failed for <host>'],
  ECONNRESET: ['network', 'connection reset'],
  EPIPE: ['network', 'connection reset'],
  UND_ERR_SOCKET: ['network', 'connection closed by the server'],
  EHOSTUNREACH: ['network', 'host unreachable'],
  ENETUNREACH: ['network', 'network unreachable'],
  UND_ERR_CONNECT_TIMEOUT: ['timeout', 'connect timed out'],
  ETIMEDOUT: ['timeout', 'connect timed out'],
  UND_ERR_HEADERS_TIMEOUT: ['timeout', 'no response headers in time'],
  UND_ERR_BODY_TIMEOUT: ['timeout', 'response body stalled'],
  UND_ERR_ABORTED: ['network', 'aborted'],
};

/** The error's code, looking through `cause` and AggregateError (happy-eyeballs connects). */
function errorCode(e: unknown, depth = 0): string | undefined {
  if (typeof e !== 'object' || e === null || depth > 3) return undefined;
  const own: unknown = (e as { code?: unknown }).code;
  if (typeof own === 'string') return own;
  if (e instanceof AggregateError) return errorCode(e.errors[0], depth + 1);
  return errorCode((e as { cause?: unknown }).cause, depth + 1);
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'the host';
  }
}

/** A zod issue as "bad data at <path>: <reason>", e.g. "bad data at latest.total_capacity: expected number". */
export function schemaFailure(issue: z.core.$ZodIssue | undefined): FeedFailure {
  if (issue === undefined) return new FeedFailure('schema', 'bad data');
  const at = issue.path.length === 0 ? '' : ` at ${formatPath(issue.path)}`;
  let reason = issue.message.replace(/^Invalid input: /, '');
  if (issue.code === 'invalid_type' && reason.endsWith('received undefined')) reason = `missing (expected ${issue.expected})`;
  return new FeedFailure('schema', `bad data${at}: ${reason}`);
}

function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i === 0 ? '' : '.'}${String(key)}`))
    .join('');
}
