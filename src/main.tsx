// Composition root: config -> store -> poller -> render; terminal set-up, signals and exit codes.
import fs from 'node:fs';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { render } from 'ink';
import React from 'react';
import { loadConfig } from './config/load.js';
import type { Config } from './config/schema.js';
import { startDemoServer, type DemoServer } from './feeds/demo/server.js';
import { createHttpClient } from './feeds/http.js';
import { createPoller, type Poller } from './feeds/poller.js';
import { PROVIDER_DEFAULTS } from './feeds/providers.js';
import { DEFAULT_NETWORKS, NETWORKS, PRICE_SOURCES } from './feeds/networks.js';
import { networksAndSources, shownOnly } from './commands/networks.js';
import { SOURCES } from './feeds/registry.js';
import { metaOf } from './feeds/source.js';
import { selectRows } from './model/selectors.js';
import { toSnapshot } from './model/snapshot.js';
import { initialState } from './model/state.js';
import { createStore, type Store } from './model/store.js';
import { throttledStore } from './terminal/throttled-store.js';
import { App } from './ui/App.js';
import { COMMANDS, DEFAULT_KEYS, remapKeys } from './ui/keymap.js';
import { THEMES } from './ui/theme.js';
import { onceReasons, renderPlainText } from './ui/plainText.js';
import { refreshNotice } from './ui/render/refresh-notice.js';
import { VERSION } from './version.js';
import { runLines } from './commands/lines.js';
import { runWatch } from './commands/watch.js';
import { onEndSignal } from './commands/on-end-signal.js';
import { createNotifier } from './notify/notifier.js';
import { recordReplay, RecordingError } from './feeds/record/setup.js';
import { buildHooks, hookSecrets, hookTargets } from './notify/setup.js';
import { FrameWriter } from './terminal/frame-writer.js';
import { runExport } from './commands/export.js';
import { startPersistence, type Persistence } from './state/persist.js';
import { loadPreferences, savePreferences } from './state/preferences.js';
import { openHub } from './commands/hub-runtime.js';

const ALT_SCREEN_ON = '\u001B[?1049h';
const ALT_SCREEN_OFF = '\u001B[?1049l';
const SHOW_CURSOR = '\u001B[?25h';
const HIDE_CURSOR = '\u001B[?25l';
/** Mouse button and wheel reports in SGR form (1006), so columns beyond 223 work and nothing is mistaken for keys. */
const MOUSE_ON = '\u001B[?1000h\u001B[?1006h';
const MOUSE_OFF = '\u001B[?1006l\u001B[?1000l';
/** How often the clock is pushed into the store: ages are shown to the minute, so once a minute. */
const TICK_MS = 60_000;
/** The first frame waits this long at most for a first value, so the first frame drawn has data. */
const FIRST_FRAME_WAIT_MS = 300;
/** How long a footer notice stays. */
const NOTICE_MS = 6_000;

interface Runtime {
  readonly config: Config;
  readonly store: Store;
  readonly poller: Poller;
  readonly demo: DemoServer | undefined;
  /** The state directory's journal (none with --no-state or --demo, none yet before startState). */
  persistence: Persistence | undefined;
  /**
   * Loads the state directory and starts journaling, when setUp was asked to defer that (the live dashboard
   * does it after its first frame); undefined when there is nothing to start.
   */
  readonly startState: (() => void) | undefined;
  /** Start-up messages about the state directory, for the footer or stderr. */
  readonly notices: readonly string[];
  /** The app's clock: Date.now, or the recording's time in a replay. */
  readonly now: () => number;
  /** Closes what setUp opened: demo server, alert hooks, recording. */
  close(): Promise<void>;
}

async function setUp(loaded: Config, deferState = false): Promise<Runtime> {
  if (loaded.hub) {
    // A viewer of an l2top serve: no providers, no hooks, nothing written to the state directory.
    const { store, poller } = await openHub(loaded, loaded.hub, `l2top/${VERSION}`);
    const close = async () => poller.stop();
    // The hub's interval paces --watch and line mode (its state says it; the local one until it answers).
    return { config: { ...loaded, stateDir: undefined, intervalMs: store.getState().intervalMs }, store, poller, demo: undefined, persistence: undefined, startState: undefined, notices: [], now: () => Date.now(), close };
  }
  const demo = loaded.demo ? await startDemoServer() : undefined;
  // --record wraps the wire; --replay replaces it and takes over the recording's interval, timeout, window and URLs.
  const wire = recordReplay({
    record: loaded.record, replay: loaded.replay, speed: loaded.replaySpeed, version: VERSION, intervalMs: loaded.intervalMs,
    timeoutMs: loaded.timeoutMs, windowMs: loaded.windowMs, providers: { ...loaded.providers, ...(demo?.baseUrls ?? {}) },
  });
  const config: Config = { ...loaded, intervalMs: wire.intervalMs, timeoutMs: wire.timeoutMs, windowMs: wire.windowMs };
  const providers = wire.providers;
  const now = wire.clock ? wire.clock.now : () => Date.now();
  const { networks, sources } = networksAndSources(config);
  // Hooks deliver alerts of long-running modes only: a one-shot run from cron would repeat every alert each run;
  // a replay never notifies anyone.
  const hooks = config.once || config.replay ? [] : buildHooks(config.hooks, { userAgent: `l2top/${VERSION}` });
  const store = createStore(initialState({
    now: now(), intervalMs: config.intervalMs, windowMs: config.windowMs, demo: config.demo, replay: config.replay !== undefined, networks,
    hooks: hookTargets(config.hooks).filter((t) => hooks.some((h) => h.id === t.id)),
    sources: sources.map((d) => shownOnly(metaOf(d), networks)), priceSources: PRICE_SOURCES, metric: config.metric,
    settings: { tolerance: config.tolerance, anomalyThreshold: config.anomalyThreshold, alertRules: config.alertRules },
  }));
  // The window an earlier run left is loaded before any poll; sample data is never saved over it.
  const notices: string[] = [];
  const stateDir = !config.demo && config.replay === undefined ? config.stateDir : undefined;
  const before = store.getState();
  const persist = stateDir === undefined ? undefined : () => startPersistence({
    dir: stateDir, store, now: Date.now, notice: (text) => notices.push(text), ...(deferState ? { since: before } : {}),
  });
  // undici's own socket timers sit behind the poller's timeout, so a hung upstream always reads
  // "no answer within N s" rather than whichever timer ticked first.
  const http = createHttpClient({ userAgent: `l2top/${VERSION}`, socketTimeoutMs: config.timeoutMs + 1_000, now, ...(wire.transport ? { transport: wire.transport } : {}) });
  const poller = createPoller({
    sources,
    baseUrlFor: (p) => providers[p] ?? '',
    http,
    intervalMs: config.intervalMs,
    timeoutMs: config.timeoutMs,
    windowMs: config.windowMs,
    emit: (action) => store.dispatch(action),
    ...(wire.clock ? { clock: wire.clock } : {}),
  });
  // Alerts restored from the state directory are already in the store: the notifier never sends them again.
  const notifier = hooks.length > 0
    ? createNotifier({ store, hooks, now, secrets: hookSecrets(config.hooks), context: { version: VERSION, host: os.hostname(), sample: config.demo, replay: false } })
    : undefined;
  const rt: Runtime = {
    config, store, poller, demo, notices, now,
    persistence: deferState ? undefined : persist?.(),
    startState: deferState && persist ? () => {
      if (rt.persistence === undefined) rt.persistence = persist();
    } : undefined,
    close: async () => {
      notifier?.dispose();
      wire.close();
      rt.persistence?.close();
      await demo?.close();
    },
  };
  return rt;
}

/** --once / --json / piped stdout: one round, print, exit 0 when any network had data. */
async function runOnce(rt: Runtime): Promise<number> {
  await rt.poller.runOnce({ history: true });
  rt.store.dispatch({ type: 'tick', now: rt.now() });
  await rt.close();
  for (const n of rt.notices) process.stderr.write(`l2top: ${n}\n`);
  const state = rt.store.getState();
  process.stdout.write(rt.config.json ? JSON.stringify(toSnapshot(state), null, 2) + '\n' : renderPlainText(state));
  // Reasons go to stderr, once each: stdout only marks what is missing.
  const reasons = onceReasons(state).map((r) => `  ${r}\n`).join('');
  if (selectRows(state).some((r) => r.value !== undefined)) {
    if (reasons) process.stderr.write(`l2top: some sources failed:\n${reasons}`);
    return 0;
  }
  process.stderr.write(`l2top: no network had data.\n${reasons}Try --demo for sample data.\n`);
  return 1;
}

/**
 * Calls `then` once, after the first frame that shows data has been rendered. With L2TOP_BENCH_FILE set
 * (benchmarks) it also appends {"event":"first-data-frame","ms":<since process start>,"rss":...} there.
 */
function onFirstDataFrame(store: Store, then: () => void): () => void {
  const file = process.env.L2TOP_BENCH_FILE;
  let seen = false;
  return () => {
    if (seen || !selectRows(store.getState()).some((r) => r.value !== undefined)) return;
    seen = true;
    if (file) fs.appendFileSync(file, JSON.stringify({ event: 'first-data-frame', ms: performance.now(), rss: process.memoryUsage().rss }) + '\n');
    then();
  };
}

/** The live dashboard on the alternate screen; resolves with the exit code. */
function runLive(rt: Runtime, hooks: MainHooks): Promise<number> {
  return new Promise((resolve) => {
    const out = process.stdout;
    // Node prints warnings to stderr, which would tear the live frame; keep them off the screen.
    process.removeAllListeners('warning');
    let done = false;
    const cleanups: (() => void)[] = [];
    const mouse = rt.config.mouse && Boolean(process.stdin.isTTY);
    const restore = (mouse ? MOUSE_OFF : '') + SHOW_CURSOR + ALT_SCREEN_OFF;
    out.write(ALT_SCREEN_ON + HIDE_CURSOR + (mouse ? MOUSE_ON : ''));
    // Last resort for exits that bypass finish (process.exit elsewhere): never leave mouse reporting on.
    const onExit = () => {
      if (!done) fs.writeSync(1, restore);
    };
    process.on('exit', onExit);
    cleanups.push(() => process.off('exit', onExit));
    const screen = new FrameWriter(out);
    // UI choices from the last run, before the first frame (an explicit --metric wins).
    if (rt.config.stateDir !== undefined) {
      const remembered = loadPreferences(rt.config.stateDir);
      const { metric: _m, ...rest } = remembered;
      rt.store.dispatch({ type: 'state/preferences', preferences: rt.config.metricFlag ? rest : remembered });
      cleanups.push(savePreferences(rt.config.stateDir, rt.store));
    }
    const tick = setInterval(() => rt.store.dispatch({ type: 'tick', now: rt.now() }), TICK_MS);
    const finish = (code: number, message?: string) => {
      if (done) return;
      done = true;
      clearInterval(tick);
      clearTimeout(noticeTimer);
      clearTimeout(backfillTimer);
      for (const c of cleanups) c();
      rt.poller.stop();
      rt.persistence?.close();
      ink?.unmount();
      screen.dispose();
      out.write(restore);
      if (message) process.stderr.write(message);
      offSignal();
      void rt.close().then(() => resolve(code));
    };
    const offSignal = onEndSignal((code) => finish(code));
    process.on('uncaughtException', (error) => finish(1, `l2top: ${error.stack ?? String(error)}\n`));
    process.on('unhandledRejection', (error) => finish(1, `l2top: ${error instanceof Error ? error.stack : String(error)}\n`));
    // The history backfill (large payloads) starts once the first frame with data is on screen, or
    // after 2 s, so it never delays that frame.
    const backfillTimer = setTimeout(() => rt.poller.backfill(), 2_000);
    const firstData = onFirstDataFrame(rt.store, () => {
      clearTimeout(backfillTimer);
      setImmediate(() => {
        rt.poller.backfill();
        hooks.onStarted?.();
      });
    });
    // The state directory (a full 90-day window is ~18 MB) loads right after the first frame, with or without
    // data, and before the history backfill, which then fills only what it lacks.
    let stateStarted = rt.startState === undefined;
    const firstFrame = () => {
      if (stateStarted) return;
      stateStarted = true;
      setImmediate(() => {
        if (done) return;
        rt.startState?.();
        showStartNotice();
      });
    };
    let noticeTimer: NodeJS.Timeout | undefined;
    const onRefresh = () => {
      const result = rt.poller.refresh();
      const text = result.notice ?? refreshNotice(result, rt.now());
      rt.store.dispatch({ type: 'ui/notice', text });
      clearTimeout(noticeTimer);
      noticeTimer = setTimeout(() => rt.store.dispatch({ type: 'ui/notice', text: undefined }), NOTICE_MS);
    };
    // Polls start before the first render so the network overlaps Ink's cold start; the UI hears of a
    // burst of outcomes once per 100 ms rather than once per outcome.
    rt.poller.start({ deferBackfill: true });
    const uiStore = throttledStore(rt.store, 100);
    cleanups.push(() => uiStore.dispose());
    const app = () => (
      <App store={uiStore} onQuit={() => finish(0)} onRefresh={onRefresh} onRedraw={() => screen.redraw()}
        ascii={rt.config.ascii} theme={THEMES[rt.config.theme]} keymap={remapKeys(rt.config.keys)} screenReader={rt.config.screenReader} />
    );
    // Incremental rendering: Ink renders whole frames into the FrameWriter, which writes only the
    // lines that changed (a few hundred bytes per update over ssh). A low frame rate coalesces
    // bursts of poll results into one write.
    let ink: ReturnType<typeof render> | undefined;
    const mount = () => {
      if (ink || done) return;
      ink = render(app(), {
        stdout: screen as unknown as NodeJS.WriteStream, exitOnCtrlC: false, patchConsole: false, maxFps: 10,
        isScreenReaderEnabled: rt.config.screenReader,
        // An error thrown inside Ink's render callback would be swallowed and leave a frozen screen: make it a crash.
        onRender: () => {
          try {
            firstFrame();
            firstData();
          } catch (error) {
            queueMicrotask(() => {
              throw error;
            });
          }
        },
      });
      // A component that throws unmounts Ink; end as a crash (terminal restored, stack on stderr).
      ink.waitUntilExit().catch((error: unknown) => finish(1, `l2top: ${error instanceof Error ? error.stack : String(error)}\n`));
    };
    // Draw the first frame when the first value arrives (usually well under 300 ms) rather than spend
    // a cold render on an empty screen first.
    const mountTimer = setTimeout(mount, FIRST_FRAME_WAIT_MS);
    const stopWaiting = rt.store.subscribe(() => {
      if (!selectRows(rt.store.getState()).some((r) => r.value !== undefined)) return;
      stopWaiting();
      clearTimeout(mountTimer);
      mount();
    });
    cleanups.push(() => {
      stopWaiting();
      clearTimeout(mountTimer);
    });
    const ignoredCi = process.env.L2TOP_IGNORED_CI_VARS;
    function showStartNotice(): void {
      const storage = rt.store.getState().storage;
      const startNotice = ignoredCi
        ? `ignored ${ignoredCi}: with it set the screen would stop updating (Ink treats it as CI)`
        : rt.notices[0] ?? (storage?.status === 'ok' && storage.message.includes('remembered') ? `state: ${storage.message.replace(/^saving as polls arrive; /, '')}` : undefined);
      if (startNotice) {
        rt.store.dispatch({ type: 'ui/notice', text: startNotice });
        clearTimeout(noticeTimer);
        noticeTimer = setTimeout(() => rt.store.dispatch({ type: 'ui/notice', text: undefined }), 20_000);
      }
    }
    showStartNotice();
    let alertsSeen = rt.store.getState().alerts.length;
    const unsubscribe = rt.store.subscribe(() => {
      const n = rt.store.getState().alerts.length;
      if (n > alertsSeen && rt.config.bell) out.write('\u0007');
      alertsSeen = n;
    });
    cleanups.push(unsubscribe);
  });
}

/** What the launcher (bin/l2top.js) wants to hear of. */
export interface MainHooks {
  /** Called once, soon after the first frame with data is on screen (the launcher then saves V8's code cache). */
  readonly onStarted?: () => void;
}

/** Runs l2top with argv (without node and script); resolves with the process exit code. */
export async function main(argv: readonly string[], hooks: MainHooks = {}): Promise<number> {
  if (argv[0] === 'export') return runExport(argv.slice(1));
  // Loaded only for serve: prom-client and the HTTP server cost the live view's start nothing.
  if (argv[0] === 'serve') return (await import('./commands/serve.js')).runServe(argv.slice(1));
  const loaded = loadConfig(argv, process.env, {
    networks: NETWORKS.map((n) => n.id), defaultNetworks: DEFAULT_NETWORKS.map((n) => n.id), providers: PROVIDER_DEFAULTS, sources: SOURCES.map((s) => s.id), commands: COMMANDS, defaultKeys: DEFAULT_KEYS,
  });
  switch (loaded.kind) {
    case 'help':
      process.stdout.write(loaded.text + '\n');
      return 0;
    case 'version':
      process.stdout.write(`l2top ${VERSION}\n`);
      return 0;
    case 'error':
      process.stderr.write(loaded.message + '\n');
      return loaded.exitCode;
    case 'ok':
      break;
  }
  const config: Config = process.stdout.isTTY || loaded.config.watch ? loaded.config : { ...loaded.config, once: true };
  const live = !config.once && !config.watch && process.env.TERM !== 'dumb';
  let rt: Runtime;
  try {
    rt = await setUp(config, live);
  } catch (error) {
    if (!(error instanceof RecordingError)) throw error;
    process.stderr.write(error.message + '\n');
    return 2;
  }
  // Timers of the watch and line modes run on the wall clock: a replay at speed N has its rounds N times as often.
  const wallIntervalMs = rt.config.intervalMs / config.replaySpeed;
  if (config.once) return runOnce(rt);
  if (config.watch && config.json) {
    return runWatch({
      store: rt.store, poller: rt.poller, intervalMs: wallIntervalMs, firstRoundMs: rt.config.timeoutMs + 1_000, out: process.stdout,
      now: rt.now, close: rt.close,
    });
  }
  if (config.watch || process.env.TERM === 'dumb') {
    return runLines({
      store: rt.store, poller: rt.poller, intervalMs: wallIntervalMs, firstRoundMs: rt.config.timeoutMs + 1_000, out: process.stdout,
      now: rt.now, close: rt.close,
    });
  }
  return runLive(rt, hooks);
}
