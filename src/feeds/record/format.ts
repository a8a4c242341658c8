// The recording file (--record / --replay): NDJSON, a header line, then one line per upstream exchange.
import { z } from 'zod';

/** Response headers worth keeping: the ones the client or a reader of a bug report looks at. */
export const KEPT_HEADERS = ['content-type', 'content-length', 'retry-after', 'date', 'location'] as const;

/** First line. Unknown fields are ignored, so later versions can add some. */
export const RecordingHeaderSchema = z.object({
  type: z.literal('l2top-recording'),
  version: z.literal(1),
  l2top: z.string(),
  startedAt: z.string(),
  /** Wall-clock time of the start (ms); every exchange's `t` counts from here. */
  startedAtMs: z.number(),
  intervalMs: z.number().positive(),
  timeoutMs: z.number().positive(),
  windowMs: z.number().positive(),
  /** Provider base URLs in use (redacted), so a replay asks for the same URLs. */
  providers: z.record(z.string(), z.string()),
});
export type RecordingHeader = z.output<typeof RecordingHeaderSchema>;

/** One request and what came back: an answer (status, headers, body) and/or an error. */
export const ExchangeSchema = z.object({
  type: z.literal('exchange'),
  seq: z.number().int(),
  /** ms after startedAtMs when the request was sent. */
  t: z.number(),
  at: z.string(),
  method: z.enum(['GET', 'POST']),
  /** The URL with secrets (user info, token-like query values) redacted. */
  url: z.string(),
  requestBody: z.string().optional(),
  status: z.number().int().optional(),
  headers: z.record(z.string(), z.string()).optional(),
  /** The body as UTF-8 text, or `bodyBase64` when it is not valid UTF-8. */
  body: z.string().optional(),
  bodyBase64: z.string().optional(),
  /** Bytes received (also those beyond the cap that were not stored). */
  bodyBytes: z.number().int().optional(),
  /** Set when the body was over the client's cap: only the first `cap` bytes are stored. */
  truncated: z.object({ cap: z.number().int(), note: z.string() }).optional(),
  /** ms from the request to the end of the answer (or the error). */
  ms: z.number(),
  /** The request failed: an error code (ECONNREFUSED …) or the client's own abort (timeout). */
  error: z.object({ code: z.string().optional(), message: z.string(), aborted: z.boolean() }).optional(),
});
export type Exchange = z.output<typeof ExchangeSchema>;
