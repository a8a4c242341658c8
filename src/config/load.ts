// Resolves the Config from flags, environment and the config file: the only config I/O.
// The file is read (never written: conf, which writes the preferences, is not needed here); an invalid file is
// an error naming file and key.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { z } from 'zod';
import { helpText, parseFlags, USAGE, type ConfigOrigin } from './args.js';
import { checkKeys } from './keys.js';
import { resolveHub } from './hub.js';
import { ConfigFileSchema, DEFAULTS, IntervalSchema, type Config, type ConfigFile } from './schema.js';

/** What the rest of the app may be configured with; main passes the registry's ids here. */
export interface KnownIds {
  readonly networks: readonly string[];
  /** The networks shown when the config names none (default: all of `networks`). */
  readonly defaultNetworks?: readonly string[];
  /** Provider id to default base URL. */
  readonly providers: Readonly<Record<string, string>>;
  /** Source ids, to check alert rules against. */
  readonly sources?: readonly string[];
  /** Keymap command names, to check `keys` against. */
  readonly commands?: readonly string[];
  /** Each command's default keys, to check a remap for keys bound twice. */
  readonly defaultKeys?: Readonly<Record<string, readonly string[]>>;
}

export type LoadResult =
  | { readonly kind: 'ok'; readonly config: Config }
  | { readonly kind: 'help'; readonly text: string }
  | { readonly kind: 'version' }
  | { readonly kind: 'error'; readonly message: string; readonly exitCode: 2 };

/**
 * The user's home folder: $HOME, else the OS account's (like conf's env-paths, through os.homedir), never the
 * current folder; undefined when there is none.
 */
export function homeDir(env: NodeJS.ProcessEnv): string | undefined {
  if (env.HOME && path.isAbsolute(env.HOME)) return env.HOME;
  let home = '';
  try {
    home = os.userInfo().homedir;
  } catch {
    home = os.homedir(); // no account entry for this uid: Node's own fallback
  }
  return path.isAbsolute(home) ? home : undefined;
}

/**
 * The default config file path: $XDG_CONFIG_HOME/l2top/config.json, else <home>/.config/l2top/config.json
 * (the path conf's env-paths gives). A relative XDG_CONFIG_HOME is ignored, as the XDG spec asks.
 */
export function defaultConfigPath(env: NodeJS.ProcessEnv): string | undefined {
  if (env.XDG_CONFIG_HOME && path.isAbsolute(env.XDG_CONFIG_HOME)) return path.join(env.XDG_CONFIG_HOME, 'l2top', 'config.json');
  const home = homeDir(env);
  return home === undefined ? undefined : path.join(home, '.config', 'l2top', 'config.json');
}

/**
 * The default state directory: $XDG_STATE_HOME/l2top, else %LOCALAPPDATA%\\l2top on Windows, else
 * <home>/.local/state/l2top (the XDG default). A relative XDG_STATE_HOME is ignored.
 */
export function defaultStateDir(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): string | undefined {
  if (env.XDG_STATE_HOME && path.isAbsolute(env.XDG_STATE_HOME)) return path.join(env.XDG_STATE_HOME, 'l2top');
  if (platform === 'win32' && env.LOCALAPPDATA && path.isAbsolute(env.LOCALAPPDATA)) return path.join(env.LOCALAPPDATA, 'l2top');
  const home = homeDir(env);
  return home === undefined ? undefined : path.join(home, '.local', 'state', 'l2top');
}

function issuePath(issue: z.core.$ZodIssue): string {
  let out = '';
  for (const part of issue.path) {
    out += typeof part === 'number' ? `[${part}]` : out === '' ? String(part) : `.${String(part)}`;
  }
  return out;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const where = issuePath(issue);
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.map((k) => (where ? `${where}.${k}` : k));
    return `${keys.join(', ')}: unknown key`;
  }
  return `${where || '(top level)'}: ${issue.message}`;
}

/** The largest config file l2top reads: 1 MiB (a real one is a few KB). A larger one is refused unread. */
export const CONFIG_MAX_BYTES = 1024 * 1024;

/** A config file whose JSON is valid but whose top level is not an object. */
class TopLevelError extends Error {}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'string' ? 'a string' : `${typeof value === 'number' ? 'a number' : 'a boolean'} (${String(value)})`;
}

/** The config file's JSON, whose top level must be an object (`[]`, `null` or `42` are an error, not {}). */
function parseObject(text: string): Record<string, unknown> {
  const data: unknown = JSON.parse(text);
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new TopLevelError(`the top level must be a JSON object ({ ... }), not ${kindOf(data)}`);
  }
  return data as Record<string, unknown>;
}

/** Checks the file before it is read: a regular file of at most CONFIG_MAX_BYTES. */
function checkFile(file: string, explicit: boolean): { missing?: true; error?: string } {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return explicit ? { error: `config file ${file}: not found` } : { missing: true };
    return { error: `config file ${file}: ${(error as Error).message}` };
  }
  if (stat.isDirectory()) return { error: `config file ${file}: is a directory` };
  if (!stat.isFile()) return { error: `config file ${file}: not a regular file` };
  if (stat.size > CONFIG_MAX_BYTES) {
    return { error: `config file ${file}: ${stat.size.toLocaleString('en-US')} bytes, over the ${CONFIG_MAX_BYTES / 1024 / 1024} MiB limit for a config file (not read)` };
  }
  return {};
}

function readFile(file: string, explicit: boolean): { data?: unknown; error?: string } {
  const checked = checkFile(file, explicit);
  if (checked.error !== undefined) return { error: checked.error };
  if (checked.missing) return {};
  try {
    return { data: parseObject(fs.readFileSync(file, 'utf8')) };
  } catch (error) {
    if (error instanceof TopLevelError) return { error: `invalid config file ${file}: ${error.message}` };
    const reason = error instanceof SyntaxError ? `invalid JSON: ${error.message}` : String((error as Error).message ?? error);
    return { error: `config file ${file}: ${reason}` };
  }
}

function checkIds(file: ConfigFile, known: KnownIds): string | undefined {
  const custom = (file.customFeeds ?? []).map((f) => f.id);
  for (const [i, id] of custom.entries()) {
    if (known.networks.includes(id) || custom.indexOf(id) !== i) return `customFeeds[${i}].id: "${id}" is already a network id`;
  }
  const networks = [...known.networks, ...custom];
  for (const [i, id] of (file.networks ?? []).entries()) {
    if (!networks.includes(id)) {
      return `networks[${i}]: unknown network "${id}" (known: ${networks.join(', ')})`;
    }
  }
  for (const command of Object.keys(file.keys ?? {})) {
    if (known.commands && !known.commands.includes(command)) return `keys.${command}: unknown command (known: ${known.commands.join(', ')})`;
  }
  const keyProblem = file.keys && known.defaultKeys ? checkKeys(file.keys, known.defaultKeys) : undefined;
  if (keyProblem) return keyProblem;
  for (const [i, rule] of (file.alerts?.rules ?? []).entries()) {
    if ('network' in rule && rule.network !== undefined && !networks.includes(rule.network)) {
      return `alerts.rules[${i}].network: unknown network "${rule.network}"`;
    }
    if (rule.type === 'source-down' && rule.source !== undefined && known.sources && !known.sources.includes(rule.source)) {
      return `alerts.rules[${i}].source: unknown source "${rule.source}" (known: ${known.sources.join(', ')})`;
    }
  }
  for (const name of Object.keys(file.providers ?? {})) {
    if (!(name in known.providers)) {
      return `providers.${name}: unknown provider (known: ${Object.keys(known.providers).join(', ')})`;
    }
  }
  return undefined;
}

/** Merges defaults <- config file <- flags. Pure apart from reading the config file. */
export function loadConfig(argv: readonly string[], env: NodeJS.ProcessEnv, known: KnownIds): LoadResult {
  let flags;
  try {
    flags = parseFlags(argv);
  } catch (error) {
    return { kind: 'error', message: `l2top: ${(error as Error).message}\n\n${USAGE}`, exitCode: 2 };
  }
  if (flags.version) return { kind: 'version' };

  const fromEnv = env.L2TOP_CONFIG && env.L2TOP_CONFIG.length > 0 ? env.L2TOP_CONFIG : undefined;
  const explicit = flags.config ?? fromEnv;
  const origin: ConfigOrigin = flags.config !== undefined ? 'flag' : fromEnv !== undefined ? 'env' : 'default';
  const found = explicit ?? defaultConfigPath(env);
  const configPath = found === undefined ? undefined : path.resolve(found);
  if (flags.help) return { kind: 'help', text: helpText({ path: configPath, origin, exists: configPath !== undefined && fs.existsSync(configPath) }) };
  const read = configPath === undefined ? {} : readFile(configPath, explicit !== undefined);
  if (read.error) return { kind: 'error', message: `l2top: ${read.error}`, exitCode: 2 };

  let file: ConfigFile = {};
  if (read.data !== undefined) {
    const parsed = ConfigFileSchema.safeParse(read.data);
    if (!parsed.success) {
      const lines = parsed.error.issues.map(describeIssue);
      return { kind: 'error', message: `l2top: invalid config file ${configPath}:\n  ${lines.join('\n  ')}`, exitCode: 2 };
    }
    file = parsed.data;
    const bad = checkIds(file, known);
    if (bad) return { kind: 'error', message: `l2top: invalid config file ${configPath}:\n  ${bad}`, exitCode: 2 };
  }

  let intervalMs = file.pollInterval ?? DEFAULTS.intervalMs;
  if (flags.interval !== undefined) {
    const parsed = IntervalSchema.safeParse(flags.interval);
    if (!parsed.success) {
      return { kind: 'error', message: `l2top: --interval ${flags.interval}: ${parsed.error.issues[0]?.message ?? 'invalid'}`, exitCode: 2 };
    }
    intervalMs = parsed.data;
  }

  const metric = flags.metric ?? file.metric ?? 'btc-locked';
  if (metric !== 'btc-locked' && metric !== 'defi-tvl') {
    return { kind: 'error', message: `l2top: --metric ${metric}: must be btc-locked or defi-tvl`, exitCode: 2 };
  }

  const theme = flags.theme ?? file.theme ?? 'dark';
  if (theme !== 'dark' && theme !== 'light' && theme !== 'colorblind') {
    return { kind: 'error', message: `l2top: --theme ${theme}: must be dark, light or colorblind`, exitCode: 2 };
  }
  const watch = flags.watch || flags.ndjson;
  if (watch && flags.once) return { kind: 'error', message: 'l2top: --once and --watch exclude each other', exitCode: 2 };
  if (flags.record !== undefined && flags.replay !== undefined) return { kind: 'error', message: 'l2top: --record and --replay exclude each other', exitCode: 2 };
  if (flags.demo && (flags.record !== undefined || flags.replay !== undefined)) {
    return { kind: 'error', message: 'l2top: --demo cannot be combined with --record or --replay', exitCode: 2 };
  }
  const replaySpeed = flags.replaySpeed === undefined ? 1 : Number(flags.replaySpeed);
  if (!Number.isFinite(replaySpeed) || replaySpeed <= 0 || replaySpeed > 10_000) {
    return { kind: 'error', message: `l2top: --replay-speed ${flags.replaySpeed}: must be a number above 0 and at most 10000`, exitCode: 2 };
  }
  if (flags.replaySpeed !== undefined && flags.replay === undefined) return { kind: 'error', message: 'l2top: --replay-speed needs --replay FILE', exitCode: 2 };
  const { hub, error: hubError } = resolveHub(flags.hub, flags.tokenFile);
  if (hubError !== undefined) return { kind: 'error', message: `l2top: ${hubError}`, exitCode: 2 };
  if (hub && (flags.demo || flags.record !== undefined || flags.replay !== undefined)) {
    return { kind: 'error', message: 'l2top: --hub cannot be combined with --demo, --record or --replay', exitCode: 2 };
  }
  const screenReader = flags.screenReader || env.INK_SCREEN_READER === 'true';

  const providers: Record<string, string> = { ...known.providers };
  for (const [name, p] of Object.entries(file.providers ?? {})) providers[name] = p.baseUrl.replace(/\/+$/, '');

  return {
    kind: 'ok',
    config: {
      intervalMs,
      timeoutMs: file.timeoutMs ?? DEFAULTS.timeoutMs,
      windowMs: file.window ?? DEFAULTS.windowMs,
      networks: file.networks ? [...new Set(file.networks)] : [...(known.defaultNetworks ?? known.networks), ...(file.customFeeds ?? []).map((f) => f.id)],
      providers,
      metric,
      tolerance: file.tolerance ?? DEFAULTS.tolerance,
      anomalyThreshold: file.anomalyThreshold ?? DEFAULTS.anomalyThreshold,
      alertRules: file.alerts?.rules ?? [],
      bell: file.alerts?.bell ?? false,
      hooks: {
        ...(file.alerts?.webhook ? { webhook: file.alerts.webhook } : {}),
        ...(file.alerts?.command ? { command: file.alerts.command } : {}),
      },
      customFeeds: file.customFeeds ?? [],
      ascii: flags.ascii || (file.ascii ?? false) || screenReader,
      theme,
      keys: file.keys ?? {},
      mouse: !flags.noMouse && (file.mouse ?? true),
      screenReader,
      demo: flags.demo,
      once: !watch && (flags.once || flags.json),
      json: flags.json || flags.ndjson,
      watch,
      record: flags.record,
      replay: flags.replay,
      replaySpeed,
      configPath: read.data !== undefined ? configPath : undefined,
      stateDir: flags.noState ? undefined : flags.stateDir !== undefined ? path.resolve(flags.stateDir) : defaultStateDir(env),
      metricFlag: flags.metric !== undefined,
      ...(hub ? { hub } : {}),
    },
  };
}
