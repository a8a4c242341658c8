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

/**
 * The config file's zod schemas, built when a config file is first checked rather than when the app loads: a
 * start without a config file never needs them (building them took ~15 ms of every start).
 */
function buildSchemas() {
  const HttpUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });

  const ProviderConfigSchema = z.strictObject({
    /** Base URL that endpoint paths are appended to, e.g. a self-hosted mempool instance. */
    baseUrl: HttpUrl,
  });

  /** Any duration from 1 s to 366 days (alert windows). */
  const SpanSchema = durationBetween(SECOND, 366 * DAY, '24h');

  const AlertRuleSchema = z.discriminatedUnion('type', [
    z.strictObject({ type: z.literal('share-move'), network: z.string().optional(), pp: z.number().positive().max(100), window: SpanSchema })
      .transform(({ window, ...r }) => ({ ...r, windowMs: window })),
    z.strictObject({ type: z.literal('level'), network: z.string(), above: z.number().nonnegative().optional(), below: z.number().nonnegative().optional() })
      .refine((r) => r.above !== undefined || r.below !== undefined, { message: 'needs "above" or "below" (BTC)' }),
    z.strictObject({ type: z.literal('source-down'), source: z.string().optional(), for: SpanSchema })
      .transform(({ for: forMs, ...r }) => ({ ...r, forMs })),
  ]);

  /** An HTTP header name (RFC 9110 token) and a value without line breaks. */
  const HeaderName = z.string().regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, 'not a valid HTTP header name');
  const HeaderValue = z.string().regex(/^[^\r\n\0]*$/, 'a header value cannot contain line breaks');

  /** alerts.webhook: POST each fired alert as JSON to `url`. Header values (tokens) are never shown. */
  const WebhookSchema = z.strictObject({
    url: HttpUrl,
    /** Extra request headers, e.g. {"authorization": "Bearer …"}; their values are secrets. */
    headers: z.record(HeaderName, HeaderValue).optional(),
    /** Per attempt, default 5000 ms. */
    timeoutMs: z.number().int().min(100).max(120_000).optional(),
    /** Retries after a failed attempt (network error, timeout, 408, 429, 5xx), default 3, with back-off 1 s, 2 s, 4 s… */
    retries: z.number().int().min(0).max(10).optional(),
  });

  const Argv = z.array(z.string().min(1, 'an empty argument')).min(1, 'needs the program to run, e.g. ["notify-send", "l2top"]');
  /** alerts.command: an argv array run without a shell (or {argv, timeoutMs}); the alert goes in env and on stdin. */
  const CommandHookSchema = z.union([
    Argv.transform((argv) => ({ argv, timeoutMs: undefined })),
    z.strictObject({ argv: Argv, timeoutMs: z.number().int().min(100).max(600_000).optional() }),
  ], { error: 'an argv array such as ["notify-send", "l2top"], or {"argv": [...], "timeoutMs": 10000}' });

  /** A network from any JSON API: the number at `pointer` (RFC 6901) in `unit`. No code is evaluated. */
  const CustomFeedSchema = z.strictObject({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,31}$/, 'lower-case letters, digits and dashes, at most 32'),
    name: z.string().min(1).max(40),
    url: HttpUrl,
    method: z.enum(['GET', 'POST']).optional(),
    body: z.unknown().optional(),
    headers: z.record(z.string(), z.string()).optional(),
    pointer: z.string().refine((p) => /^(\/([^~]|~[01])*)*$/.test(p), 'a JSON Pointer (RFC 6901) starts with "/" and escapes "~" as ~0 and "/" as ~1'),
    unit: z.enum(['sats', 'btc', 'wei', 'usd']),
  });

  /** The config file as a user writes it. Every key is optional; unknown keys are errors (typos). */
  const ConfigFileSchema = z.strictObject({
    $schema: z.string().optional(),
    pollInterval: IntervalSchema.optional(),
    timeoutMs: z.number().int().min(100).max(120_000).optional(),
    window: WindowSchema.optional(),
    networks: z.array(z.string().min(1)).min(1).optional(),
    metric: z.enum(['btc-locked', 'defi-tvl']).optional(),
    tolerance: z.number().positive().max(1).optional(),
    anomalyThreshold: z.number().positive().max(10).optional(),
    alerts: z.strictObject({
      bell: z.boolean().optional(),
      rules: z.array(AlertRuleSchema).optional(),
      webhook: WebhookSchema.optional(),
      command: CommandHookSchema.optional(),
    }).optional(),
    customFeeds: z.array(CustomFeedSchema).max(20).optional(),
    theme: z.enum(['dark', 'light', 'colorblind']).optional(),
    ascii: z.boolean().optional(),
    /** Command -> keys, e.g. {"quit": ["x", "ctrl-q"]}: replaces that command's keys. */
    keys: z.record(z.string(), z.array(z.string().regex(/^(?:[\x20-\x7e]|tab|shift-tab|up|down|pgup|pgdn|enter|esc|ctrl-[a-z])$/i, 'a key is one character or tab, shift-tab, up, down, pgup, pgdn, enter, esc, ctrl-<letter>'))
      .min(1, 'the command would be left without a key (leave it out to keep its default keys)')).optional(),
    /** Mouse clicks and wheel in the live view (default true; the --no-mouse flag turns it off). */
    mouse: z.boolean().optional(),
    providers: z.record(z.string(), ProviderConfigSchema).optional(),
  });
  return { AlertRuleSchema, WebhookSchema, CommandHookSchema, CustomFeedSchema, ConfigFileSchema };
}

let built: ReturnType<typeof buildSchemas> | undefined;
const schemas = () => (built ??= buildSchemas());

/** An alert rule as the config file (and a hub's state) gives it. */
export const AlertRuleSchema = z.lazy(() => schemas().AlertRuleSchema);
export type WebhookConfig = z.output<ReturnType<typeof buildSchemas>['WebhookSchema']>;
export type CommandHookConfig = z.output<ReturnType<typeof buildSchemas>['CommandHookSchema']>;
export type CustomFeed = z.output<ReturnType<typeof buildSchemas>['CustomFeedSchema']>;
/** The config file as a user writes it. Every key is optional; unknown keys are errors (typos). */
export const ConfigFileSchema = z.lazy(() => schemas().ConfigFileSchema);
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
  readonly metric: 'btc-locked' | 'defi-tvl';
  /** Relative difference above which two fresh sources "disagree" (default 0.02). */
  readonly tolerance: number;
  /** Relative move within 24 h flagged as an anomaly (default 0.15). */
  readonly anomalyThreshold: number;
  readonly alertRules: readonly z.output<typeof AlertRuleSchema>[];
  readonly bell: boolean;
  /** Where fired alerts are delivered besides the screen (none by default). */
  readonly hooks: { readonly webhook?: WebhookConfig; readonly command?: CommandHookConfig };
  readonly customFeeds: readonly CustomFeed[];
  /** --ascii: no box drawing, blocks or braille. */
  readonly ascii: boolean;
  readonly theme: 'dark' | 'light' | 'colorblind';
  readonly keys: Readonly<Record<string, readonly string[]>>;
  /** Mouse reporting (SGR 1006) in the live view: clicks on tabs and rows, the wheel scrolls. */
  readonly mouse: boolean;
  /** Ink's screen-reader mode (--screen-reader or INK_SCREEN_READER=true); implies ASCII. */
  readonly screenReader: boolean;
  readonly demo: boolean;
  readonly once: boolean;
  readonly json: boolean;
  /** --watch / --ndjson: keep polling and print per poll round (JSON lines with `json`). */
  readonly watch: boolean;
  /** --record FILE. */
  readonly record: string | undefined;
  /** --replay FILE. */
  readonly replay: string | undefined;
  /** --replay-speed: how many times faster than recorded (default 1). */
  readonly replaySpeed: number;
  /** The config file that was read, if any. */
  readonly configPath: string | undefined;
  /** Where the window, health and alerts are kept (--state-dir, else the XDG state path); undefined with --no-state. */
  readonly stateDir: string | undefined;
  /** True when --metric was given: it then wins over the metric remembered from the last run. */
  readonly metricFlag: boolean;
  /** --hub: read from an `l2top serve` instead of the providers (absent: poll them). */
  readonly hub?: HubConfig;
}

/** Where a viewer reads from. The token and any credentials in the URL are secrets: never shown. */
export interface HubConfig {
  /** The hub's base URL as given (http or https; may carry user:password). */
  readonly url: string;
  /** The bearer token from --token-file. */
  readonly token: string | undefined;
}

/** Built-in defaults: poll every 5 minutes, 15 s timeout, 90-day window. */
export const DEFAULTS = {
  intervalMs: 5 * 60 * SECOND,
  timeoutMs: 15 * SECOND,
  windowMs: 90 * DAY,
  tolerance: 0.02,
  anomalyThreshold: 0.15,
} as const;
