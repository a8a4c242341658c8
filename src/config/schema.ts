// The config file's schema (zod) and the resolved Config the app runs with.
import { z } from 'zod';
import { parseDuration } from './duration.js';

const SECOND = 1_000;
const DAY = 86_400_000;

function durationBetween(minMs: number, maxMs: number, example: string) {
  return z.string().transform((text, ctx) => {
    const ms = parseDuration(text);
    if (ms === undefined) {
      ctx.addIssue({ code: 'custom', message: `not a duration (try "${example}")` });
      return z.NEVER;
    }
    if (ms < minMs || ms > maxMs) {
      ctx.addIssue({ code: 'custom', message: `must be between ${minMs / SECOND}s and ${maxMs / SECOND}s` });
      return z.NEVER;
    }
    return ms;
  });
}

/** Poll interval: at least 1 s, at most a day. */
export const IntervalSchema = durationBetween(SECOND, DAY, '5m');
/** History window: 1 hour to 366 days. */
export const WindowSchema = durationBetween(3_600_000, 366 * DAY, '90d');

const HttpUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });

export const ProviderConfigSchema = z.strictObject({
  /** Base URL that endpoint paths are appended to, e.g. a self-hosted mempool instance. */
  baseUrl: HttpUrl,
});

/** The config file as a user writes it. Every key is optional; unknown keys are errors (typos). */
export const ConfigFileSchema = z.strictObject({
  $schema: z.string().optional(),
  pollInterval: IntervalSchema.optional(),
  timeoutMs: z.number().int().min(100).max(120_000).optional(),
  window: WindowSchema.optional(),
  networks: z.array(z.string().min(1)).min(1).optional(),
  providers: z.record(z.string(), ProviderConfigSchema).optional(),
});
export type ConfigFile = z.output<typeof ConfigFileSchema>;

/** What the app runs with after defaults, file, environment and flags are merged. */
export interface Config {
  readonly intervalMs: number;
  readonly timeoutMs: number;
  readonly windowMs: number;
  /** Network ids to show, in display order. */
  readonly networks: readonly string[];
  /** Base URL per provider id (defaults overridden by config). */
  readonly providers: Readonly<Record<string, string>>;
  readonly demo: boolean;
  readonly once: boolean;
  readonly json: boolean;
  /** The config file that was read, if any. */
  readonly configPath: string | undefined;
}

/** Built-in defaults: poll every 5 minutes, 15 s timeout, 90-day window. */
export const DEFAULTS = {
  intervalMs: 5 * 60 * SECOND,
  timeoutMs: 15 * SECOND,
  windowMs: 90 * DAY,
} as const;
