// The journal's record types (zod: a file on disk is a boundary like the network) and their point encoding.
import { z } from 'zod';

const MetricSchema = z.enum(['btc-locked', 'defi-tvl']);

export const LatestSchema = z.object({
  value: z.number(),
  at: z.number(),
  dataAt: z.number(),
  sourceId: z.string(),
  extra: z.record(z.string(), z.number()).optional(),
  note: z.string().optional(),
});

const FeedErrorSchema = z.object({
  kind: z.enum(['http', 'network', 'timeout', 'ratelimit', 'schema']),
  message: z.string(),
  status: z.number().optional(),
  retryAfterMs: z.number().optional(),
});

export const HealthSchema = z.object({
  lastAttemptAt: z.number().optional(),
  lastSuccessAt: z.number().optional(),
  failingSince: z.number().optional(),
  latencyMs: z.number().optional(),
  consecutiveFailures: z.number(),
  lastOk: z.boolean().optional(),
  lastError: FeedErrorSchema.optional(),
  dataAt: z.number().optional(),
  history: z.object({ at: z.number(), ok: z.boolean(), points: z.number(), error: FeedErrorSchema.optional() }).optional(),
});

/** Points: `t` holds the first time (ms) then the differences; `v` the values, null for a gap. */
/** `src` names the source every point of the record came from ('' or absent: not known, or gaps). */
const PointsShape = { t: z.array(z.number()), v: z.array(z.number().nullable()), src: z.string().optional() };

export const RecordSchema = z.discriminatedUnion('k', [
  /** First record of every file: the format version and when the file was begun. */
  z.object({ k: z.literal('meta'), version: z.literal(1), at: z.number() }),
  /** Points of the series in use for a metric and network (a checkpoint holds the whole window, a segment new points). */
  z.object({ k: z.literal('series'), m: MetricSchema, n: z.string(), ...PointsShape }),
  /** BTC/USD points. */
  z.object({ k: z.literal('price'), ...PointsShape }),
  /** A source's last good value for a network. */
  z.object({ k: z.literal('value'), m: MetricSchema, n: z.string(), l: LatestSchema }),
  /** A price source's last good BTC/USD. */
  z.object({ k: z.literal('rate'), l: LatestSchema }),
  z.object({ k: z.literal('height'), height: z.number(), at: z.number(), sourceId: z.string() }),
  z.object({ k: z.literal('detail'), n: z.string(), key: z.string(), l: LatestSchema }),
  /** A source's health after an attempt (or its backfill). */
  z.object({ k: z.literal('health'), s: z.string(), h: HealthSchema }),
  /** Points at or before `u` of this series came from a backfill. */
  z.object({ k: z.literal('backfill'), m: MetricSchema, n: z.string(), u: z.number() }),
  z.object({
    k: z.literal('alert'),
    a: z.object({ at: z.number(), rule: z.number(), ruleText: z.string(), subject: z.string(), message: z.string(), values: z.record(z.string(), z.number()) }),
  }),
  /** The alert conditions currently true (each fires once per episode), whole. */
  z.object({ k: z.literal('active'), a: z.record(z.string(), z.boolean()) }),
  /** Last record of a checkpoint: how many came before it (a checkpoint without it is incomplete). */
  z.object({ k: z.literal('end'), count: z.number() }),
]);
export type JournalRecord = z.output<typeof RecordSchema>;

/** Encodes time-ordered points (NaN = gap) as delta times and nullable values. */
export function encodePoints(points: readonly (readonly [number, number])[]): { t: number[]; v: (number | null)[] } {
  const t: number[] = [];
  const v: (number | null)[] = [];
  let prev = 0;
  for (const [time, value] of points) {
    t.push(t.length === 0 ? time : time - prev);
    prev = time;
    v.push(Number.isFinite(value) ? value : null);
  }
  return { t, v };
}

/** The inverse of encodePoints (a length mismatch keeps the shorter). */
export function decodePoints(r: { readonly t: readonly number[]; readonly v: readonly (number | null)[] }): [number, number][] {
  const out: [number, number][] = [];
  let time = 0;
  const n = Math.min(r.t.length, r.v.length);
  for (let i = 0; i < n; i += 1) {
    time = i === 0 ? (r.t[0] ?? 0) : time + (r.t[i] ?? 0);
    const value = r.v[i];
    out.push([time, value === null || value === undefined ? Number.NaN : value]);
  }
  return out;
}
