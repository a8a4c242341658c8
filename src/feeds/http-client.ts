// The HTTP client interface adapters use; createHttpClient in http.ts implements it over undici.
import type { z } from 'zod';

/** Per-request options. */
export interface RequestOptions {
  /** Aborts the request; when its reason is a FeedFailure that failure is thrown as is. */
  readonly signal: AbortSignal;
  /** Extra request headers (User-Agent is always set by the client). */
  readonly headers?: Readonly<Record<string, string>>;
  /** Response body cap in bytes; larger bodies fail with kind "http". Default: the client's cap. */
  readonly maxBytes?: number;
}

/**
 * Validating HTTP helpers. Every method resolves to the schema's output or throws a FeedFailure
 * whose kind is http | network | timeout | ratelimit | schema.
 */
export interface HttpClient {
  getJson<T>(url: string, schema: z.ZodType<T>, options: RequestOptions): Promise<T>;
  postJson<T>(url: string, body: unknown, schema: z.ZodType<T>, options: RequestOptions): Promise<T>;
  /** The body as text (for text/plain endpoints), validated by a string schema. */
  getText<T>(url: string, schema: z.ZodType<T>, options: RequestOptions): Promise<T>;
}
