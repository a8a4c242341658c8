// Runs a command in a real pty through util-linux `script`, counting every byte the pty delivers.
// `script -qfec "<cmd>" /dev/null`: -q quiet, -f flush each write, -e the child's exit code, -c the command.
// The pty size is set inside the command with stty; the command is exec'd so the shell becomes the program.
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { StringDecoder } from 'node:string_decoder';

const ESC = String.fromCharCode(27);
const BEL = String.fromCharCode(7);
/** CSI, OSC, charset selection and the two-byte escapes a terminal program writes. */
const ANSI = new RegExp(`${ESC}\\[[0-9;?<=>]*[ -/]*[@-~]|${ESC}\\][^${BEL}${ESC}]*(?:${BEL}|${ESC}\\\\)|${ESC}[()][A-Za-z0-9]|${ESC}[=>78cM]`, 'g');

/** The text without escape sequences; `replacement` (e.g. a space) keeps words that a cursor move separated apart. */
export function stripAnsi(text: string, replacement = ''): string {
  return text.replace(ANSI, replacement);
}

/** Quote one argument for sh. */
export function shellQuote(arg: string): string {
  return /^[A-Za-z0-9_./=:,+-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** Clock ticks per second for /proc/<pid>/stat (USER_HZ); 100 on every Linux this runs on. */
const CLK_TCK = 100;

export interface CpuSample {
  /** utime + stime from /proc/<pid>/stat, in ms (10 ms resolution). */
  readonly statMs: number;
  /** Sum over the process's threads of /proc/<pid>/task/<tid>/schedstat run time, in ms (ns resolution); NaN if unreadable. */
  readonly schedMs: number;
}

/** CPU time used so far by a process (all its threads), or undefined when it is gone. */
export function cpuOf(pid: number): CpuSample | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(rest[11]) + Number(rest[12]);
    let schedNs = 0;
    try {
      for (const tid of readdirSync(`/proc/${pid}/task`)) {
        schedNs += Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
      }
    } catch {
      schedNs = Number.NaN;
    }
    return { statMs: (ticks * 1000) / CLK_TCK, schedMs: schedNs / 1e6 };
  } catch {
    return undefined;
  }
}

function childrenOf(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

function commOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return '';
  }
}

/** Environment for programs under test: a short allowlist, UTF-8, xterm-256color, no CI variables (Ink freezes on those). */
export function cleanEnv(extra: Readonly<Record<string, string>> = {}): Record<string, string> {
  const env: Record<string, string> = { LANG: 'C.UTF-8', TERM: 'xterm-256color' };
  for (const key of ['PATH', 'HOME', 'USER', 'LOGNAME', 'SHELL', 'TMPDIR', 'TZ']) {
    const v = process.env[key];
    if (v !== undefined) env[key] = v;
  }
  return { ...env, ...extra };
}

export interface PtyOptions {
  readonly cols: number;
  readonly rows: number;
  /** The whole environment of the program (see cleanEnv). */
  readonly env: Readonly<Record<string, string>>;
  readonly cwd?: string;
}

export interface Chunk {
  /** performance.now() when the bytes arrived. */
  readonly t: number;
  readonly bytes: number;
  /** Offsets in raw() of this chunk's text. */
  readonly start: number;
  readonly end: number;
}

/** Chunks closer than `gapMs` to the previous one form one burst (one frame write, usually). */
export function bursts(chunks: readonly Chunk[], gapMs = 30): { t: number; bytes: number; start: number; end: number }[] {
  const out: { t: number; bytes: number; start: number; end: number }[] = [];
  let last = Number.NEGATIVE_INFINITY;
  for (const c of chunks) {
    const b = out[out.length - 1];
    if (b && c.t - last <= gapMs) {
      b.bytes += c.bytes;
      b.end = c.end;
    } else out.push({ t: c.t, bytes: c.bytes, start: c.start, end: c.end });
    last = c.t;
  }
  return out;
}

/** Screen rows a write addresses with an absolute cursor move (ESC[row;colH), in order, each once. */
export function rowsAddressed(raw: string): number[] {
  const rows = new Set<number>();
  for (const m of raw.matchAll(new RegExp(`${ESC}\\[(\\d+);\\d+H`, 'g'))) rows.add(Number(m[1]));
  return [...rows];
}

/** Words of `next` that `prev` does not have as often (a cheap "what changed" between two frames). */
export function newWords(prev: string, next: string, limit = 12): string[] {
  const count = new Map<string, number>();
  for (const w of prev.split(/\s+/)) count.set(w, (count.get(w) ?? 0) + 1);
  const out: string[] = [];
  for (const w of next.split(/\s+/)) {
    if (!w) continue;
    const n = count.get(w) ?? 0;
    if (n > 0) count.set(w, n - 1);
    else if (out.length < limit) out.push(w);
  }
  return out;
}

export interface PtyProcess {
  /** performance.now() just before spawn. */
  readonly startedAt: number;
  /** Bytes the pty delivered so far. */
  bytes(): number;
  /** Every chunk as it arrived. */
  readonly chunks: readonly Chunk[];
  /** Everything the pty delivered so far, decoded (escape codes kept). */
  raw(): string;
  /** Resolves with performance.now() of the chunk that made the ANSI-stripped output match (searched from `fromChar` of raw()). */
  waitFor(pattern: RegExp, timeoutMs: number, fromChar?: number): Promise<number>;
  /** The program's pid (script's child once the shell exec'd the program), once it runs. */
  programPid(timeoutMs?: number): Promise<number>;
  /** Signal the program (default SIGTERM), then wait for `script` to exit (SIGKILL after 3 s). */
  stop(signal?: NodeJS.Signals): Promise<void>;
  readonly exited: Promise<number | null>;
}

/** Spawns `argv` in a pty of cols x rows. */
export function spawnPty(argv: readonly string[], opts: PtyOptions): PtyProcess {
  const command = `stty cols ${opts.cols} rows ${opts.rows}; exec ${argv.map(shellQuote).join(' ')}`;
  const chunks: Chunk[] = [];
  const parts: string[] = [];
  let total = 0;
  let chars = 0;
  let rawCache: string | undefined;
  const watchers = new Set<() => void>();
  const decoder = new StringDecoder('utf8');
  const startedAt = performance.now();
  const child: ChildProcess = spawn('script', ['-qfec', command, '/dev/null'], {
    env: opts.env,
    cwd: opts.cwd,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  child.on('error', () => undefined);
  const stderr: string[] = [];
  child.stderr?.on('data', (d: Buffer) => stderr.push(d.toString()));
  child.stdout?.on('data', (d: Buffer) => {
    const text = decoder.write(d);
    chunks.push({ t: performance.now(), bytes: d.length, start: chars, end: chars + text.length });
    chars += text.length;
    total += d.length;
    parts.push(text);
    rawCache = undefined;
    for (const w of [...watchers]) w();
  });
  const raw = (): string => (rawCache ??= parts.join(''));
  let pid: number | undefined;
  const program = (argv[0] ?? '').split('/').pop()?.slice(0, 15) ?? '';

  return {
    startedAt,
    bytes: () => total,
    chunks,
    raw,
    waitFor(pattern, timeoutMs, fromChar = 0) {
      return new Promise<number>((resolve, reject) => {
        const check = (): void => {
          if (!pattern.test(stripAnsi(raw().slice(fromChar)))) return;
          watchers.delete(check);
          clearTimeout(timer);
          resolve(chunks[chunks.length - 1]?.t ?? performance.now());
        };
        const timer = setTimeout(() => {
          watchers.delete(check);
          const tail = stripAnsi(raw()).slice(-600);
          reject(new Error(`no ${String(pattern)} within ${timeoutMs} ms; stderr: ${stderr.join('').slice(-300)}; screen tail: ${JSON.stringify(tail)}`));
        }, timeoutMs);
        watchers.add(check);
        check();
      });
    },
    async programPid(timeoutMs = 5_000) {
      const deadline = performance.now() + timeoutMs;
      while (pid === undefined) {
        const [c] = child.pid === undefined ? [] : childrenOf(child.pid);
        if (c !== undefined && commOf(c) === program) pid = c;
        else if (performance.now() > deadline) throw new Error('the program under script did not start');
        else await new Promise((r) => setTimeout(r, 2));
      }
      return pid;
    },
    async stop(signal = 'SIGTERM') {
      const target = pid ?? (child.pid === undefined ? undefined : childrenOf(child.pid)[0]);
      try {
        if (target !== undefined) process.kill(target, signal);
        else child.kill(signal);
      } catch {
        // already gone
      }
      const killer = setTimeout(() => {
        try {
          if (target !== undefined) process.kill(target, 'SIGKILL');
          child.kill('SIGKILL');
        } catch {
          // already gone
        }
      }, 3_000);
      await exited;
      clearTimeout(killer);
    },
    exited,
  };
}
