// `l2top serve`: headless. The same feeds, poller, model, state directory and alert hooks as the live view,
// served read-only over HTTP (src/serve). Ends on SIGINT/SIGTERM with exit status 0.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import { loadConfig } from '../config/load.js';
import type { Config } from '../config/schema.js';
import { isLoopback, parseServeFlags, SERVE_USAGE, type ServeFlags } from '../config/serve-flags.js';
import { startDemoServer } from '../feeds/demo/server.js';
import { createHttpClient } from '../feeds/http.js';
import { DEFAULT_NETWORKS, NETWORKS, PRICE_SOURCES } from '../feeds/networks.js';
import { createPoller } from '../feeds/poller.js';
import { PROVIDER_DEFAULTS } from '../feeds/providers.js';
import { recordReplay, RecordingError } from '../feeds/record/setup.js';
import { SOURCES } from '../feeds/registry.js';
import { metaOf } from '../feeds/source.js';
import { initialState } from '../model/state.js';
import { createStore } from '../model/store.js';
import { createNotifier } from '../notify/notifier.js';
import { buildHooks, hookTargets } from '../notify/setup.js';
import { createActionLog } from '../serve/action-log.js';
import { createServeApp } from '../serve/app.js';
import { trackProvenance } from '../serve/provenance.js';
import { headerSecretValues, urlSecretValues } from '../serve/secrets.js';
import { startServer, type ServerLimits } from '../serve/server.js';
import { tuneV8ForServe, withDefaultV8Flags } from '../serve/v8-tuning.js';
import { startPersistence } from '../state/persist.js';
import { Provenance } from '../state/provenance.js';
import { COMMANDS, DEFAULT_KEYS } from '../ui/keymap.js';
import { VERSION } from '../version.js';
import { networksAndSources, shownOnly } from './networks.js';

/** How often the clock is pushed into the store, so staleness, /readyz and the metrics follow time. */
const TICK_MS = 30_000;
/** A token file larger than this is not a token file. */
const TOKEN_MAX_BYTES = 4096;

/** Tests shorten the server's timeouts through this variable (JSON of ServerLimits fields); never documented. */
function testLimits(env: NodeJS.ProcessEnv): Partial<ServerLimits> {
  try {
    return env.L2TOP_SERVE_TEST_LIMITS ? (JSON.parse(env.L2TOP_SERVE_TEST_LIMITS) as Partial<ServerLimits>) : {};
  } catch {
    return {};
  }
}

/** The token: the file's first line, trimmed. Throws with a message naming the flag (never the token). */
function readToken(file: string): string {
  let text: string;
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile()) throw new Error('not a regular file');
    if (stat.size > TOKEN_MAX_BYTES) throw new Error(`${stat.size} bytes, over the ${TOKEN_MAX_BYTES}-byte limit for a token file`);
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    throw new TypeError(`serve: --token-file ${file}: ${e.code ?? e.message}`);
  }
  const token = (text.split(/\r?\n/)[0] ?? '').trim();
  if (token.length < 16 || /\s/.test(token)) throw new TypeError(`serve: --token-file ${file}: the first line must be a token of at least 16 characters without spaces`);
  return token;
}

/** Every configured string that must never be served: custom feed headers and URL tokens, provider URL tokens, hook headers. */
function configSecrets(config: Config): string[] {
  return [
    ...config.customFeeds.flatMap((f) => [...headerSecretValues(Object.values(f.headers ?? {})), ...urlSecretValues(f.url)]),
    ...Object.values(config.providers).flatMap(urlSecretValues),
    ...headerSecretValues(Object.values(config.hooks.webhook?.headers ?? {})),
  ];
}

type Parsed = { readonly flags: ServeFlags; readonly config: Config; readonly token: string | undefined } | { readonly exit: number };

function parse(argv: readonly string[], env: NodeJS.ProcessEnv): Parsed {
  let flags: ServeFlags;
  try {
    flags = parseServeFlags(argv);
  } catch (error) {
    process.stderr.write(`l2top: ${(error as Error).message}\n\n${SERVE_USAGE}\n`);
    return { exit: 2 };
  }
  if (flags.help) {
    process.stdout.write(SERVE_USAGE + '\n');
    return { exit: 0 };
  }
  const loaded = loadConfig(flags.rest, env, {
    networks: NETWORKS.map((n) => n.id), defaultNetworks: DEFAULT_NETWORKS.map((n) => n.id), providers: PROVIDER_DEFAULTS, sources: SOURCES.map((s) => s.id), commands: COMMANDS, defaultKeys: DEFAULT_KEYS,
  });
  if (loaded.kind === 'error') {
    process.stderr.write(loaded.message.replace(/^(l2top: )(?!serve)/, '$1serve: ') + '\n');
    return { exit: 2 };
  }
  if (loaded.kind !== 'ok') {
    process.stdout.write(loaded.kind === 'version' ? `l2top ${VERSION}\n` : SERVE_USAGE + '\n');
    return { exit: 0 };
  }
  const config = loaded.config;
  if (config.once || config.watch) {
    process.stderr.write('l2top: serve: --once, --json, --watch and --ndjson do not apply to serve (it keeps polling and serves HTTP)\n');
    return { exit: 2 };
  }
  try {
    return { flags, config, token: flags.tokenFile === undefined ? undefined : readToken(flags.tokenFile) };
  } catch (error) {
    process.stderr.write(`l2top: ${(error as Error).message}\n`);
    return { exit: 2 };
  }
}

/** Runs `l2top serve ...` until SIGINT or SIGTERM; resolves with the exit code. `onStarted` runs once it listens. */
export async function runServe(argv: readonly string[], env: NodeJS.ProcessEnv = process.env, onStarted?: () => void): Promise<number> {
  const parsed = parse(argv, env);
  if ('exit' in parsed) return parsed.exit;
  const { flags, config: loaded, token } = parsed;
  tuneV8ForServe();
  const log = (line: string) => void process.stderr.write(`${line}\n`);
  const demo = loaded.demo ? await startDemoServer() : undefined;
  let wire;
  try {
    wire = recordReplay({
      record: loaded.record, replay: loaded.replay, speed: loaded.replaySpeed, version: VERSION, intervalMs: loaded.intervalMs,
      timeoutMs: loaded.timeoutMs, windowMs: loaded.windowMs, providers: { ...loaded.providers, ...(demo?.baseUrls ?? {}) },
    });
  } catch (error) {
    await demo?.close();
    if (!(error instanceof RecordingError)) throw error;
    log(error.message);
    return 2;
  }
  const config: Config = { ...loaded, intervalMs: wire.intervalMs, timeoutMs: wire.timeoutMs, windowMs: wire.windowMs };
  const now = wire.clock ? wire.clock.now : () => Date.now();
  const { networks, sources } = networksAndSources(config);
  const hooks = config.replay ? [] : buildHooks(config.hooks, { userAgent: `l2top/${VERSION}` });
  const store = createStore(initialState({
    now: now(), intervalMs: config.intervalMs, windowMs: config.windowMs, demo: config.demo, replay: config.replay !== undefined, networks,
    hooks: hookTargets(config.hooks).filter((t) => hooks.some((h) => h.id === t.id)),
    // As the live view does: a source counts only the networks served, so a --hub viewer's Sources view matches a direct one.
    sources: sources.map((d) => shownOnly(metaOf(d), networks)), priceSources: PRICE_SOURCES, metric: config.metric,
    settings: { tolerance: config.tolerance, anomalyThreshold: config.anomalyThreshold, alertRules: config.alertRules },
  }));
  const persistence = config.stateDir !== undefined && !config.demo && config.replay === undefined
    ? startPersistence({ dir: config.stateDir, store, now: Date.now, notice: (text) => log(`l2top serve: ${text}`) })
    : undefined;
  // The journal notes which source gave each point; without one (--no-state, read-only) serve notes it itself.
  const tracked = persistence?.provenance ? undefined : trackProvenance(store);
  const provenance = persistence?.provenance ?? tracked?.provenance;
  const actionLog = createActionLog();
  const http = createHttpClient({ userAgent: `l2top/${VERSION}`, socketTimeoutMs: config.timeoutMs + 1_000, now, ...(wire.transport ? { transport: wire.transport } : {}) });
  const poller = createPoller({
    sources, baseUrlFor: (p) => wire.providers[p] ?? '', http, intervalMs: config.intervalMs, timeoutMs: config.timeoutMs, windowMs: config.windowMs,
    // The hub ring sees each action just before the store does, so /api/v1/hub/state and the ring agree.
    emit: (action) => {
      actionLog.tap(action);
      store.dispatch(action);
    },
    ...(wire.clock ? { clock: wire.clock } : {}),
  });
  const secrets = configSecrets(config);
  const notifier = hooks.length > 0
    ? createNotifier({ store, hooks, now, secrets, context: { version: VERSION, host: os.hostname(), sample: config.demo, replay: false } })
    : undefined;
  const app = createServeApp({
    store, actionLog, provenance: provenance ?? new Provenance(), token, secrets, instance: randomUUID(), version: VERSION, log,
  });
  const shutdown = async () => {
    app.close();
    poller.stop();
    tracked?.stop();
    notifier?.dispose();
    wire.close();
    persistence?.close();
    await demo?.close();
  };
  let running;
  try {
    running = await startServer(app.handler, flags.listen, testLimits(env));
  } catch (error) {
    await shutdown();
    const e = error as NodeJS.ErrnoException;
    log(`l2top: serve: cannot listen on ${flags.listen.host}:${flags.listen.port}: ${e.code ?? e.message}`);
    return 1;
  }
  process.stdout.write(`l2top serve listening on ${running.url}\n`);
  if (onStarted) withDefaultV8Flags(onStarted);
  if (!isLoopback(flags.listen.host)) {
    log(`l2top serve: warning: listening on ${running.url}, reachable from other hosts${token === undefined ? ' and without a token (--token-file)' : ''}; the figures and source health are readable by anyone who can connect`);
  }
  const tick = setInterval(() => store.dispatch({ type: 'tick', now: now() }), TICK_MS);
  poller.start();
  return new Promise((resolve) => {
    const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM'];
    let done = false;
    const onSignal = () => {
      if (done) return;
      done = true;
      for (const s of SIGNALS) process.off(s, onSignal);
      clearInterval(tick);
      void running.close().then(shutdown).then(() => resolve(0));
    };
    for (const s of SIGNALS) process.on(s, onSignal);
  });
}
