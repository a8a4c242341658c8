// Drives a real command in a real pty through an isolated tmux server, for end-to-end terminal tests.
import { execFile, spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { freshStateHome } from './state-home.js';

/** How to start a session. */
export interface TmuxOptions {
  /** argv of the command to run (executed directly, no shell). */
  readonly command: readonly string[];
  /** Extra environment for the command; added to a minimal, CI-free base (see baseEnv). */
  readonly env?: Readonly<Record<string, string>>;
  /** Pane width; default 80. */
  readonly cols?: number;
  /** Pane height; default 24. */
  readonly rows?: number;
  /** Working directory of the command; default this process's. */
  readonly cwd?: string;
}

/** Whether the pane's process has exited, with its exit status or killing signal. */
export interface PaneState {
  readonly dead: boolean;
  readonly status?: number;
  readonly signal?: number;
}

/** A running tmux session holding one pane. */
export interface TmuxSession {
  /** The tmux -L socket name (for debugging: `tmux -L <socket> attach`). */
  readonly socket: string;
  /**
   * The visible screen, one line per row (trailing spaces trimmed by tmux). With `escapes`, SGR codes are kept.
   * After the process exits, returns the screen as it was at exit, without tmux's "Pane is dead" line.
   */
  capture(opts?: { readonly escapes?: boolean }): Promise<string>;
  /** True while the program is on the alternate screen (#{alternate_on}). */
  altScreen(): Promise<boolean>;
  /** Expand a tmux format for the pane, e.g. "#{cursor_flag}". */
  display(format: string): Promise<string>;
  /** Send keys: tmux key names ('Tab', 'BTab', 'C-c', 'Enter', 'Up') are keys, anything else is typed literally. */
  sendKeys(...keys: string[]): Promise<void>;
  /** Type `text` literally, even when it spells a key name. */
  type(text: string): Promise<void>;
  /** Poll the screen every 50 ms until it contains `pattern`; returns that screen, or throws with the last one. */
  waitFor(pattern: string | RegExp, timeoutMs?: number): Promise<string>;
  /** Poll until the process has exited; returns its state, or throws with the last screen. */
  waitForExit(timeoutMs?: number): Promise<PaneState>;
  /** Resize the window (the program gets SIGWINCH). */
  resize(cols: number, rows: number): Promise<void>;
  paneDead(): Promise<PaneState>;
  /** pid of the command (the pane's process is a small wrapper whose child it is). */
  pid(): Promise<number>;
  /** Kill the tmux server and with it the command (SIGHUP). Idempotent. */
  kill(): Promise<void>;
}

const TARGET = 'main';
/** How long the pane outlives the command, so tmux reads the last bytes before it sees the exit. */
const LINGER_MS = 150;
/**
 * The pane's process: runs the command as its child and exits LINGER_MS after it, with the same code or
 * signal. tmux 3.3 closes a pane on SIGCHLD without draining pending pty output, so a program that writes
 * and exits at once (a final frame, ESC[?1049l) could lose its last bytes. Terminal signals reach the child
 * through the shared process group, so the wrapper ignores them; SIGHUP (kill-server) and SIGTERM it forwards.
 */
const WRAPPER = `
const { spawn } = require('node:child_process');
const [cmd, ...args] = process.argv.slice(1);
for (const s of ['SIGINT', 'SIGQUIT', 'SIGTSTP']) process.on(s, () => {});
const child = spawn(cmd, args, { stdio: 'inherit' });
for (const s of ['SIGHUP', 'SIGTERM']) process.on(s, () => child.kill(s));
const done = (code, signal) => setTimeout(() => {
  if (signal) { process.removeAllListeners(signal); process.kill(process.pid, signal); }
  process.exit(code ?? 1);
}, ${LINGER_MS});
child.on('error', (e) => { process.stderr.write('tmux helper: ' + e.message + '\\n'); done(127, null); });
child.on('exit', done);
`;
const POLL_MS = 50;
/** Variables passed through from the test process; everything else (CI, CI_*, VITEST*, NODE_ENV, TMUX...) is dropped. */
const PASS_THROUGH = ['PATH', 'HOME', 'USER', 'LOGNAME', 'SHELL', 'TMPDIR', 'TZ'];
/** Running servers: socket name -> socket path (tmux 3.3 leaves the socket file behind on kill-server). */
const live = new Map<string, string>();
let counter = 0;

/**
 * The environment of the tmux server and so of every pane: a pass-through allowlist, a UTF-8 locale and
 * TERM=xterm-256color. Ink treats any CI / CI_* variable as CI and freezes, so none is inherited.
 */
export function baseEnv(): Record<string, string> {
  const env: Record<string, string> = { LANG: 'C.UTF-8', TERM: 'xterm-256color' };
  for (const key of PASS_THROUGH) {
    const value = process.env[key];
    if (value !== undefined) env[key] = value;
  }
  const lang = process.env['LANG'];
  if (lang !== undefined && /utf-?8/i.test(lang)) env['LANG'] = lang;
  return env;
}

/** True when a tmux binary runs (to skip pty tests where there is none). */
export function hasTmux(): boolean {
  return spawnSync('tmux', ['-V'], { stdio: 'ignore' }).status === 0;
}

function run(socket: string, args: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('tmux', ['-u', '-L', socket, '-f', '/dev/null', ...args], { env: baseEnv(), timeout: 5_000, maxBuffer: 4 << 20 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`tmux ${args[0] ?? ''}: ${stderr.trim() || error.message}`));
      else resolve(stdout);
    });
  });
}

function removeSocket(path: string): void {
  if (path) rmSync(path, { force: true });
}

process.once('exit', () => {
  for (const [socket, path] of live) {
    spawnSync('tmux', ['-L', socket, 'kill-server'], { stdio: 'ignore', env: baseEnv() });
    removeSocket(path);
  }
});

/** Child pids of `pid` (Linux /proc); empty when unknown. */
function readChildren(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/** tmux treats an argument ending in ";" as a command separator; "\\;" at the end stands for a literal ";". */
const literal = (arg: string): string => (arg.endsWith(';') ? `${arg.slice(0, -1)}\\;` : arg);

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const label = (pattern: string | RegExp): string => (typeof pattern === 'string' ? JSON.stringify(pattern) : String(pattern));

/** Start `command` in a fresh, isolated tmux server with remain-on-exit, so exit status and last screen stay readable. */
export async function startTmux(opts: TmuxOptions): Promise<TmuxSession> {
  const [program] = opts.command;
  if (program === undefined || program.includes('=')) throw new Error('startTmux: command must start with a program name');
  const socket = `l2top-test-${process.pid}-${++counter}`;
  // A fresh state directory unless the test gives one: never the user's home, never another test's state.
  const assignments = Object.entries({ TERM: 'xterm-256color', XDG_STATE_HOME: freshStateHome(), ...opts.env }).map(([k, v]) => `${k}=${v}`);
  const size = ['-x', String(opts.cols ?? 80), '-y', String(opts.rows ?? 24)];
  const cwd = opts.cwd === undefined ? [] : ['-c', literal(opts.cwd)];
  live.set(socket, '');
  await run(socket, [
    'start-server', ';',
    'set-option', '-g', 'remain-on-exit', 'on', ';',
    'set-option', '-g', 'status', 'off', ';',
    'new-session', '-d', '-s', TARGET, ...size, ...cwd,
    ...['env', ...assignments, process.execPath, '-e', WRAPPER, '--', ...opts.command].map(literal),
  ]).catch((error: unknown) => {
    live.delete(socket);
    throw error;
  });
  const tmux = (...args: string[]): Promise<string> => run(socket, args);
  const display = async (format: string): Promise<string> => (await tmux('display-message', '-p', '-t', TARGET, format)).replace(/\n$/, '');
  const socketPath = await display('#{socket_path}');
  live.set(socket, socketPath);

  /**
   * pane_dead, pane_dead_status, pane_dead_signal, then `extra` fields. tmux marks a pane dead on pty EOF but sets
   * the status (and draws its banner) only once it reaps the child on SIGCHLD; tmux 3.3 sometimes misses that
   * SIGCHLD and leaves a zombie, so a dead pane without a status gets a `run-shell true`, whose own exit makes
   * tmux reap every finished child.
   */
  async function exitFields(extra = ''): Promise<string[]> {
    const format = `#{pane_dead}|#{pane_dead_status}|#{pane_dead_signal}${extra}`;
    const fields = (await display(format)).split('|');
    if (fields[0] !== '1' || fields[1] || fields[2]) return fields;
    await tmux('run-shell', 'true');
    return (await display(format)).split('|');
  }

  /** Exited means reaped, with a status or a signal. */
  async function paneDead(): Promise<PaneState> {
    const [dead, status, signal] = await exitFields();
    if (dead !== '1' || (!status && !signal)) return { dead: false };
    return { dead: true, ...(status ? { status: Number(status) } : {}), ...(signal ? { signal: Number(signal) } : {}) };
  }

  async function capture(copts: { readonly escapes?: boolean } = {}): Promise<string> {
    for (;;) {
      const [dead, status, signal, alt, height] = await exitFields('|#{alternate_on}|#{pane_height}');
      const exited = dead === '1' && Boolean(status || signal);
      const args = ['capture-pane', '-p', '-t', TARGET, ...(copts.escapes ? ['-e'] : [])];
      // With the exit banner tmux moved to the last row and fed a line, scrolling the screen up by one.
      if (exited && alt !== '1') args.push('-S', '-1', '-E', String(Number(height) - 2));
      const text = (await tmux(...args)).replace(/\n$/, '');
      if ((await paneDead()).dead === exited) return text;
    }
  }

  async function poll<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = await probe();
      if (found !== undefined) return found;
      if (Date.now() >= deadline) {
        const state = await paneDead().catch(() => ({ dead: false }));
        const screen = await capture().catch((error: unknown) => `<no screen: ${String(error)}>`);
        throw new Error(`${what} timed out after ${timeoutMs} ms (pane ${JSON.stringify(state)}); last screen:\n${screen}`);
      }
      await sleep(POLL_MS);
    }
  }

  let killed = false;
  return {
    socket,
    capture,
    display,
    paneDead,
    altScreen: async () => (await display('#{alternate_on}')) === '1',
    async sendKeys(...keys) {
      if (keys.length > 0) await tmux('send-keys', '-t', TARGET, ...keys.map(literal));
    },
    async type(text) {
      await tmux('send-keys', '-t', TARGET, '-l', literal(text));
    },
    waitFor(pattern, timeoutMs = 10_000) {
      const what = `waitFor(${label(pattern)})`;
      const matches = (screen: string): boolean => (typeof pattern === 'string' ? screen.includes(pattern) : screen.search(pattern) >= 0);
      return poll(what, timeoutMs, async () => {
        const exited = (await paneDead()).dead;
        const screen = await capture();
        if (matches(screen)) return screen;
        // A dead pane's screen is final: fail now rather than at the deadline.
        if (exited) throw new Error(`${what}: the process exited first (${JSON.stringify(await paneDead())}); last screen:\n${screen}`);
        return undefined;
      });
    },
    waitForExit(timeoutMs = 10_000) {
      return poll('waitForExit', timeoutMs, async () => {
        const state = await paneDead();
        return state.dead ? state : undefined;
      });
    },
    async resize(cols, rows) {
      await tmux('resize-window', '-t', TARGET, '-x', String(cols), '-y', String(rows));
    },
    async pid() {
      const wrapper = Number(await display('#{pane_pid}'));
      return poll('pid', 2_000, async () => {
        const children = readChildren(wrapper);
        if (children[0] !== undefined) return children[0];
        return (await paneDead()).dead ? wrapper : undefined;
      });
    },
    async kill() {
      if (killed) return;
      killed = true;
      live.delete(socket);
      await tmux('kill-server').catch(() => undefined);
      removeSocket(socketPath);
    },
  };
}
