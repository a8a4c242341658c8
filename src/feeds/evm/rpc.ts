// JSON-RPC over the validating HTTP client: one call, its `result` parsed by a schema, an `error` as a failure.
import { z } from 'zod';
import { stripControls } from '../../model/sanitize.js';
import { FeedFailure, schemaFailure } from '../feed-failure.js';
import type { HttpClient } from '../http-client.js';

/** A JSON-RPC 2.0 answer: a result or an error object. */
const Envelope = z.object({
  result: z.unknown().optional(),
  error: z.object({ code: z.number().optional(), message: z.string().optional() }).optional(),
});

/**
 * Calls `method` with `params` at `url` and parses `result` with `schema`. A JSON-RPC error object fails
 * with kind "http" and its (sanitized) message; a missing or malformed result with kind "schema".
 */
export async function rpcCall<T>(http: HttpClient, url: string, method: string, params: readonly unknown[], schema: z.ZodType<T>, signal: AbortSignal): Promise<T> {
  const answer = await http.postJson(url, { jsonrpc: '2.0', method, params, id: 1 }, Envelope, { signal });
  if (answer.error !== undefined) {
    const code = answer.error.code === undefined ? '' : ` ${answer.error.code}`;
    throw new FeedFailure('http', `JSON-RPC error${code}: ${stripControls(answer.error.message ?? 'no message')}`);
  }
  if (answer.result === undefined) throw new FeedFailure('schema', `bad data at result: missing (no result and no error) in ${method}`);
  const parsed = schema.safeParse(answer.result);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw schemaFailure(issue === undefined ? undefined : { ...issue, path: ['result', ...issue.path] });
  }
  return parsed.data;
}

/** A hex quantity ("0x1a") as a bigint. */
export const HexQuantity = z
  .string()
  .regex(/^0x[0-9a-fA-F]{1,64}$/, 'expected a hex quantity')
  .transform((hex) => BigInt(hex));

/** The fields of `eth_getBlockByNumber` l2top uses: the block number and its timestamp (unix s). */
export const BlockHeader = z
  .object({ number: HexQuantity, timestamp: HexQuantity })
  .transform(({ number, timestamp }) => ({ number: Number(number), timestampMs: Number(timestamp) * 1000 }));
export type BlockHeader = z.output<typeof BlockHeader>;
