// A good terminal citizen, checked in a real pty (tmux): signals restore the terminal, NO_COLOR, --ascii,
// a stray CI_* variable, and incremental rendering that always leaves the same frame as a full redraw.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startUpstream, type Upstream } from '../helpers/upstream.js';
import { hasTmux, startTmux, type TmuxSession } from '../helpers/tmux.js';
import { BIN } from '../helpers/run-binary.js';

const tmuxMissing = !hasTmux();
let up: Upstream;
let dir: string;
let config: string;
let session: TmuxSession | undefined;

beforeAll(async () => {
  up = await startUpstream();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'l2top-term-'));
  config = up.writeConfig(dir, { timeoutMs: 1000 });
});
afterEach(async () => {
  await session?.kill();
  session = undefined;
});
afterAll(async () => {
  await up.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** l2top inside a shell that ends in an interactive prompt, so we can see what the user is left with. */
async function start(args: string[] = [], env: Record<string, string> = {}, cols = 100, rows = 30): Promise<TmuxSession> {
  const cmd = `node ${BIN} --config ${config} ${args.join(' ')}; echo "EXIT=$?"; PS1='PROMPT$ ' exec bash --norc --noprofile -i`;
  session = await startTmux({ command: ['bash', '--norc', '--noprofile', '-c', cmd], cols, rows, env: { XDG_CONFIG_HOME: dir, ...env } });
  return session;
}

const DATA = /Stacks \(sBTC\)\s+\S+\s+\d+\.\d%/;

async function expectRestored(t: TmuxSession, exit: string): Promise<void> {
  const screen = await t.waitFor(/PROMPT\$/);
  expect(screen).toContain(`EXIT=${exit}`);
  expect(screen).not.toMatch(/Stacks \(sBTC\)/);
  expect(await t.altScreen()).toBe(false);
  expect(await t.display('#{cursor_flag}')).toBe('1');
}

describe.skipIf(tmuxMissing)('terminal citizenship in tmux', () => {
  it.each([
    ['SIGTERM', 'TERM', '143'],
    ['SIGHUP', 'HUP', '129'],
  ])('after %s the shell prompt is back with the cursor visible and no alternate screen', async (_name, signal, code) => {
    const t = await start();
    await t.waitFor(DATA);
    const pid = await nodePid(t);
    process.kill(pid, `SIG${signal}` as NodeJS.Signals);
    await expectRestored(t, code);
  });

  it('after Ctrl-C the shell prompt is back with the cursor visible and no alternate screen', async () => {
    const t = await start();
    await t.waitFor(DATA);
    await t.sendKeys('C-c');
    await expectRestored(t, '0');
  });

  const COLOUR = /\u001B\[[0-9;]*(?:3[0-9]|9[0-7]|4[0-9]|10[0-7]|38;|48;)[0-9;]*m/;

  it('colours are on by default (the control for the NO_COLOR test)', async () => {
    const t = await start();
    await t.waitFor(DATA);
    expect(await t.capture({ escapes: true })).toMatch(COLOUR);
  });

  it('NO_COLOR=1: no colour codes at all', async () => {
    const t = await start([], { NO_COLOR: '1' });
    await t.waitFor(DATA);
    for (const key of ['1', '2', '3']) {
      await t.sendKeys(key);
      await new Promise((r) => setTimeout(r, 300));
      const screen = await t.capture({ escapes: true });
      expect(screen).not.toMatch(COLOUR);
    }
  });

  it('--ascii: no non-ASCII character in any view', async () => {
    const t = await start(['--ascii']);
    await t.waitFor(DATA);
    for (const key of ['1', '2', '3', '4', '?', 'Escape', 'Enter']) {
      await t.sendKeys(key);
      await new Promise((r) => setTimeout(r, 300));
      expect(await t.capture()).toMatch(/^[\x20-\x7e\n]*$/);
    }
  });

  it('a stray CI_* variable is detected, warned about, and the screen keeps updating', async () => {
    const t = await start([], { CI_PIPELINE_ID: '42' });
    await t.waitFor(/ignored CI_PIPELINE_ID: with it set the screen would stop updating/);
    await t.sendKeys('3');
    await t.waitFor(/Source\s+For\s+Status/);
  });

  it('incremental rendering: every view switch and resize leaves exactly the frame a full redraw draws', async () => {
    const t = await start();
    await t.waitFor(DATA);
    const check = async (what: string) => {
      await new Promise((r) => setTimeout(r, 400));
      const incremental = await t.capture();
      await t.sendKeys('C-l');
      await new Promise((r) => setTimeout(r, 400));
      expect(incremental, what).toBe(await t.capture());
    };
    for (const key of ['2', '3', '4', '1', '?', 'Escape', 'Enter', 'Escape', 'm', 'm', 'j', ']', '[']) {
      await t.sendKeys(key);
      await check(`after ${key}`);
    }
    for (const [cols, rows] of [[80, 24], [120, 40], [44, 14], [100, 30]] as const) {
      await t.resize(cols, rows);
      await check(`after resize to ${cols}x${rows}`);
    }
  });
});

/** The node process of l2top (a child of the pane's bash). */
async function nodePid(t: TmuxSession): Promise<number> {
  const shell = await t.pid();
  for (let i = 0; i < 50; i += 1) {
    const children = fs.readFileSync(`/proc/${shell}/task/${shell}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
    for (const c of children) {
      if (fs.readFileSync(`/proc/${c}/cmdline`, 'utf8').includes('l2top.js')) return c;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('l2top process not found');
}
