// What a hub (`l2top serve`) answers on /api/v1/hub/state and /api/v1/hub/actions, validated like any upstream:
// ids must look like ids, numbers are finite, every shown string is stripped of control characters and bounded.
import { z } from 'zod';
import type { FeedAction } from '../../model/actions.js';
import type { AlertRule } from '../../model/alert-rules.js';
import type { FeedError, NetworkMeta, Reading, SourceMeta } from '../../model/types.js';
import { stripControls } from '../../model/sanitize.js';
import { RecordSchema } from '../../state/records.js';

/** A registry or config id: network, source, provider. */
const Id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/, 'not an id');
/** Text shown on screen: control characters and escapes stripped, at most `max` characters. */
const Text = (max = 200) => z.string().max(4_096).transform((s) => stripControls(s, max));
const Time = z.number().min(0).max(1e15);
const Count = z.number().int().min(0).max(1e9);
const Figures = z.record(Text(60), z.number()).refine((r) => Object.keys(r).length <= 64, 'too many figures');

const Timing = { observedAt: Time.optional(), periodMs: Time.optional() };
const ReadingSchema: z.ZodType<Reading> = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('btc-locked'), network: Id, sats: z.number().int().min(0).max(21e14), ...Timing, note: Text().optional(), extra: Figures.optional() }),
  z.object({ kind: z.literal('defi-tvl'), network: Id, usd: z.number().min(0), ...Timing }),
  z.object({ kind: z.literal('price'), usd: z.number().positive(), ...Timing }),
  z.object({ kind: z.literal('block-height'), height: Count, ...Timing }),
  z.object({ kind: z.literal('detail'), network: Id, values: Figures, ...Timing }),
]);

const FeedErrorSchema: z.ZodType<FeedError> = z.object({
  kind: z.enum(['http', 'network', 'timeout', 'ratelimit', 'schema']),
  message: Text(),
  status: z.number().int().optional(),
  retryAfterMs: Time.optional(),
});

const OutcomeSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), readings: z.array(ReadingSchema).max(10_000), at: Time, latencyMs: Time }),
  z.object({ ok: z.literal(false), error: FeedErrorSchema, at: Time, latencyMs: Time }),
]);

/** The feed actions a hub forwards, exactly as its poller emitted them (history comes as a resync instead). */
const ForwardedSchema: z.ZodType<FeedAction> = z.discriminatedUnion('type', [
  z.object({ type: z.literal('feed/outcome'), sourceId: Id, outcome: OutcomeSchema, nextAttemptAt: Time }),
  z.object({ type: z.literal('feed/attempt'), sourceId: Id, at: Time }),
  z.object({ type: z.literal('feed/deferred'), sourceId: Id, provider: Text(60), until: Time }),
]);

const Link = z.object({ label: Text(80), url: Text(300) });
const NetworkMetaSchema: z.ZodType<NetworkMeta> = z.object({
  id: Id,
  name: Text(40),
  type: z.enum(['state channels', 'federated sidechain', 'merge-mined sidechain', 'rollup', 'sidechain', 'other']).catch('other'),
  lockedMeaning: Text(400),
  trust: Text(400).optional(),
  links: z.array(Link).max(20).optional(),
  category: z.enum(['bitcoin-l2', 'btc-on-other-chain']).optional().catch(undefined),
  status: z.object({ state: z.enum(['live', 'sunset', 'retired']), date: Text(10).optional(), note: Text(400).optional() }).optional().catch(undefined),
  about: Text(1_000).optional(),
  sources: z.array(Id).max(32),
  references: z.array(Id).max(32).optional(),
  historySources: z.array(Id).max(32).optional(),
  tvlSource: Id.optional(),
  custom: z.boolean().optional(),
});

const SourceMetaSchema: z.ZodType<SourceMeta> = z.object({
  id: Id,
  provider: Id,
  // A role this version does not know reports nothing it could show: kept as a detail source.
  role: z.enum(['btc-locked', 'defi-tvl', 'price', 'block-height', 'detail']).catch('detail'),
  networks: z.array(Id).max(256),
  label: Text(80),
  path: Text(200),
  minIntervalMs: Time.optional(),
  maxAgeMs: Time.optional(),
  polls: z.boolean(),
});

const Span = z.number().positive().max(366 * 86_400_000);
const AlertRuleSchema: z.ZodType<AlertRule> = z.discriminatedUnion('type', [
  z.object({ type: z.literal('share-move'), network: Id.optional(), pp: z.number().positive().max(100), windowMs: Span }),
  z.object({ type: z.literal('level'), network: Id, above: z.number().min(0).optional(), below: z.number().min(0).optional() }),
  z.object({ type: z.literal('source-down'), source: Id.optional(), forMs: Span }),
]);

/** Every string in a record (notes, error messages, alert texts, ids, keys) stripped of control characters. */
function cleanStrings<T>(value: T): T {
  if (typeof value === 'string') return stripControls(value, 400) as T;
  if (Array.isArray(value)) return (typeof value[0] === 'number' || value.length === 0 ? value : value.map(cleanStrings)) as T;
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [stripControls(k, 80), cleanStrings(v)])) as T;
}

/** GET /api/v1/hub/state. */
export const HubStateSchema = z.object({
  schemaVersion: z.literal(1),
  instance: Text(80),
  seq: Count,
  now: Time,
  intervalMs: z.number().int().min(1_000).max(86_400_000),
  windowMs: z.number().int().min(3_600_000).max(366 * 86_400_000),
  sample: z.boolean(),
  version: Text(40),
  networks: z.array(NetworkMetaSchema).min(1).max(256),
  sources: z.array(SourceMetaSchema).max(1_024),
  priceSources: z.array(SourceMetaSchema).max(64),
  settings: z.object({
    tolerance: z.number().positive().max(1),
    anomalyThreshold: z.number().positive().max(10),
    alertRules: z.array(AlertRuleSchema).max(256),
  }),
  records: z.array(RecordSchema).max(2_000_000).transform((records) => records.map(cleanStrings)),
});
export type HubState = z.output<typeof HubStateSchema>;

/** One entry of /api/v1/hub/actions: an action, or a note that the state must be fetched again. */
const EntrySchema = z.union([
  z.object({ seq: Count, resync: z.literal(true) }),
  z.object({ seq: Count, action: ForwardedSchema }),
]);

/** GET /api/v1/hub/actions?after=N. */
export const HubActionsSchema = z.object({
  instance: Text(80),
  seq: Count,
  actions: z.array(EntrySchema).max(100_000),
});
export type HubActions = z.output<typeof HubActionsSchema>;
