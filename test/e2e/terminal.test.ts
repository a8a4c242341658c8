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
    await t.waitFor(/16\/16 sources ok/);
    await new Promise((r) => setTimeout(r, 1500)); // let the start-up backfill land
    const check = async (what: string, marker: RegExp) => {
      await t.waitFor(marker);
      await new Promise((r) => setTimeout(r, 300));
      const incremental = await t.capture();
      await t.sendKeys('C-l');
      await new Promise((r) => setTimeout(r, 300));
      expect(incremental, what).toBe(await t.capture());
    };
    const steps: [string, RegExp][] = [
      ['2', /Range 90d/], ['3', /Source\s+For\s+Status/], ['4', /No alert rules configured/], ['1', DATA], ['?', /Keys \(the keys in use/],
      ['Escape', DATA], ['Enter', /Esc to close/], ['Escape', DATA], ['m', /l2top DeFi TVL/], ['m', /l2top BTC locked/],
      ['j', /^ Stacks/m], [']', DATA], ['[', DATA],
    ];
    for (const [key, marker] of steps) {
      await t.sendKeys(key);
      await check(`after ${key}`, marker);
    }
    for (const [cols, rows] of [[80, 24], [120, 40], [44, 14], [100, 30]] as const) {
      await t.resize(cols, rows);
      await check(`after resize to ${cols}x${rows}`, /Lightning|Stacks/);
    }
  });

});

describe.skipIf(tmuxMissing)('odd terminals and options in tmux', () => {
  it('a resize storm ends in the same frame a full redraw draws', async () => {
    const t = await start();
    await t.waitFor(DATA);
    for (let i = 0; i < 12; i += 1) await t.resize(60 + ((i * 7) % 70), 16 + ((i * 5) % 26));
    await t.resize(100, 30);
    // The screen once it stops changing (a fixed wait was too short on a loaded machine).
    const settled = async (): Promise<string> => {
      let last = await t.capture();
      for (let waited = 0; waited < 8_000; waited += 400) {
        await new Promise((r) => setTimeout(r, 400));
        const now = await t.capture();
        if (now === last) return now;
        last = now;
      }
      return last;
    };
    const incremental = await settled();
    await t.sendKeys('C-l');
    await new Promise((r) => setTimeout(r, 200));
    expect(incremental).toBe(await settled());
    expect(incremental).toMatch(DATA);
  });

  it('a pty that reports 0x0 is drawn as 80x24', async () => {
    const cmd = `stty rows 0 cols 0; node ${BIN} --config ${config}; PS1='PROMPT$ ' exec bash --norc --noprofile -i`;
    session = await startTmux({ command: ['bash', '--norc', '--noprofile', '-c', cmd], cols: 100, rows: 30, env: { XDG_CONFIG_HOME: dir } });
    const screen = await session.waitFor(DATA);
    const lines = screen.split('\n');
    expect(lines.findIndex((l) => l.startsWith('─'))).toBeGreaterThan(0);
    expect(lines.find((l) => l.startsWith('─'))).toBe('─'.repeat(80));
    expect(lines.filter((l) => l.trim() !== '').length).toBeLessThanOrEqual(23);
  });

  it('--screen-reader runs with flat ASCII output', async () => {
    const t = await start(['--screen-reader']);
    const screen = await t.waitFor(/Stacks \(sBTC\)/);
    expect(screen).toMatch(/^[\x20-\x7e\n]*$/);
  });

  it('keys remapped in config replace the defaults, and help shows them', async () => {
    fs.mkdirSync(path.join(dir, 'keys'), { recursive: true });
    const remapped = up.writeConfig(path.join(dir, 'keys'), { timeoutMs: 1000, keys: { quit: ['x'], 'view-sources': ['s'], sort: ['o'] } });
    const cmd = `node ${BIN} --config ${remapped}; echo "EXIT=$?"; PS1='PROMPT$ ' exec bash --norc --noprofile -i`;
    session = await startTmux({ command: ['bash', '--norc', '--noprofile', '-c', cmd], cols: 100, rows: 30, env: { XDG_CONFIG_HOME: dir } });
    const t = session;
    await t.waitFor(DATA);
    await t.sendKeys('s');
    await t.waitFor(/Source\s+For\s+Status/);
    await t.sendKeys('?');
    const help = await t.waitFor(/ s +Sources view/);
    expect(help).toMatch(/ o +sort networks/);
    expect(help).toMatch(/\[s Sources\]/);
    await t.sendKeys('PageDown');
    await t.waitFor(/ x \/ Ctrl-C +quit/);
    await t.sendKeys('Escape');
    await t.sendKeys('q');
    await new Promise((r) => setTimeout(r, 400));
    expect(await t.altScreen()).toBe(true);
    await t.sendKeys('x');
    await t.waitFor(/EXIT=0/);
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
