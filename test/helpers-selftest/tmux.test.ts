// Self-test of the tmux pty driver: start, wait, keys, exit status, final screen, resize, isolation and cleanup.
import { spawnSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { hasTmux, startTmux } from '../helpers/tmux.js';
import type { TmuxSession } from '../helpers/tmux.js';

const sessions: TmuxSession[] = [];
async function start(...args: Parameters<typeof startTmux>): Promise<TmuxSession> {
  const session = await startTmux(...args);
  sessions.push(session);
  return session;
}
afterEach(async () => {
  await Promise.all(sessions.splice(0).map((s) => s.kill()));
});

const serverAlive = (socket: string): boolean => spawnSync('tmux', ['-L', socket, 'has-session'], { stdio: 'ignore' }).status === 0;

describe.skipIf(!hasTmux())('tmux helper', () => {
  it('runs a command, finds its output, C-c stops it, paneDead reports it, kill cleans up', async () => {
    const tmux = await start({ command: ['bash', '-c', 'printf hello; sleep 30'] });
    expect(await tmux.waitFor('hello')).toContain('hello');
    const pid = await tmux.pid();
    expect(pid).toBeGreaterThan(1);
    expect(await tmux.paneDead()).toEqual({ dead: false });
    await tmux.sendKeys('C-c');
    const state = await tmux.waitForExit(5_000);
    expect(state.dead).toBe(true);
    expect(state.status === 130 || state.signal === 2).toBe(true);
    expect((await tmux.capture()).split('\n')[0]).toMatch(/^hello/);
    await tmux.kill();
    await tmux.kill();
    expect(serverAlive(tmux.socket)).toBe(false);
  });

  it('keeps the exit status and the full last screen after exit', async () => {
    const tmux = await start({ command: ['bash', '-c', 'printf "l1\\nl2\\nl3\\nl4\\nl5"; exit 3'], cols: 30, rows: 5 });
    expect(await tmux.waitForExit()).toEqual({ dead: true, status: 3 });
    expect(await tmux.capture()).toBe('l1\nl2\nl3\nl4\nl5');
  });

  it('sets the size, TERM and env, and drops CI variables', async () => {
    const script = 'printf "%s|%s|%s|%s|%s\\n" "$(tput cols)x$(tput lines)" "$TERM" "${CI-none}${CI_PIPELINE_ID-}" "$FOO" "$PWD"; sleep 30';
    const before = { ci: process.env['CI'], pipeline: process.env['CI_PIPELINE_ID'] };
    process.env['CI'] = 'true';
    process.env['CI_PIPELINE_ID'] = '7';
    try {
      const tmux = await start({ command: ['bash', '-c', script], env: { FOO: 'bar baz' }, cols: 100, rows: 30, cwd: '/tmp' });
      expect(await tmux.waitFor(/\d+x\d+\|/)).toContain('100x30|xterm-256color|none|bar baz|/tmp');
    } finally {
      if (before.ci === undefined) delete process.env['CI'];
      else process.env['CI'] = before.ci;
      if (before.pipeline === undefined) delete process.env['CI_PIPELINE_ID'];
      else process.env['CI_PIPELINE_ID'] = before.pipeline;
    }
  });

  it('passes CI through when asked', async () => {
    const tmux = await start({ command: ['bash', '-c', 'echo "ci=$CI"; sleep 30'], env: { CI: '1' } });
    await tmux.waitFor('ci=1');
  });

  it('sends key names and literal text, and types key names literally', async () => {
    const tmux = await start({ command: ['bash', '-c', 'read -r a; read -r b; echo "got[$a][$b]"; sleep 30'] });
    await tmux.sendKeys('abc', 'Tab', 'x', 'Enter');
    await tmux.type('Enter');
    await tmux.sendKeys('Enter');
    await tmux.waitFor(/got\[abc\s+x\]\[Enter\]/);
  });

  it('resize delivers the new size', async () => {
    const tmux = await start({ command: ['bash', '-c', 'trap \'echo "size $(tput cols)x$(tput lines)"\' WINCH; echo ready; while :; do sleep 0.05; done'] });
    await tmux.waitFor('ready');
    await tmux.resize(60, 20);
    await tmux.waitFor('size 60x20');
  });

  it('reports the alternate screen and keeps escapes on request', async () => {
    const tmux = await start({ command: ['bash', '-c', 'printf "\\033[?1049h\\033[31mred\\033[0m"; sleep 30'] });
    await tmux.waitFor('red');
    expect(await tmux.altScreen()).toBe(true);
    expect(await tmux.capture({ escapes: true })).toContain('\u001b[31mred');
    expect(await tmux.capture()).not.toContain('\u001b');
  });

  it('waitFor fails with the last screen, early when the process has exited', async () => {
    const tmux = await start({ command: ['bash', '-c', 'echo something else; sleep 30'] });
    await tmux.waitFor('something');
    await expect(tmux.waitFor('never', 200)).rejects.toThrow(/timed out after 200 ms[\s\S]*something else/);
    const done = await start({ command: ['bash', '-c', 'echo bye'] });
    const t0 = Date.now();
    await expect(done.waitFor('never', 5_000)).rejects.toThrow(/exited first[\s\S]*bye/);
    expect(Date.now() - t0).toBeLessThan(2_000);
  });

  it('kill() ends the process', async () => {
    const tmux = await start({ command: ['sleep', '30'] });
    const pid = await tmux.pid();
    await tmux.kill();
    const deadline = Date.now() + 2_000;
    let alive = true;
    while (alive && Date.now() < deadline) {
      try {
        process.kill(pid, 0);
        await new Promise((resolve) => setTimeout(resolve, 20));
      } catch {
        alive = false;
      }
    }
    expect(alive).toBe(false);
  });

  it('keeps the last bytes of a program that writes and exits at once', async () => {
    const script = 'printf "\\033[?1049hframe"; printf "\\033[?1049lrestored %s" "$0"; exit 0';
    const runs = await Promise.all([1, 2, 3, 4, 5, 6].map((n) => start({ command: ['bash', '-c', script, String(n)], cols: 30, rows: 4 })));
    for (const [i, tmux] of runs.entries()) {
      expect(await tmux.waitForExit()).toEqual({ dead: true, status: 0 });
      expect(await tmux.altScreen()).toBe(false);
      expect(await tmux.capture()).toContain(`restored ${i + 1}`);
    }
  });

  it('pid() is the command itself; a signal to it is reported as such', async () => {
    const tmux = await start({ command: ['bash', '-c', 'echo "pid=$$"; sleep 30'] });
    const screen = await tmux.waitFor(/pid=\d+/);
    const pid = await tmux.pid();
    expect(screen).toContain(`pid=${pid}`);
    process.kill(pid, 'SIGTERM');
    expect(await tmux.waitForExit()).toEqual({ dead: true, signal: 15 });
  });

  it('passes arguments and keys ending in ";" through unchanged', async () => {
    const tmux = await start({ command: ['bash', '-c', 'printf "[%s]\\n" "$0"; read -r line; echo "line=$line"; sleep 30', 'a;'] });
    await tmux.waitFor('[a;]');
    await tmux.type('x;');
    await tmux.sendKeys(';', 'Enter');
    await tmux.waitFor('line=x;;');
  });
});
