// 80x24 in a real pty (tmux): footer and help fit, keys cannot trap, sort and filter, mouse, NO_COLOR,
// TERM=dumb and screen-reader output, each against the simulator on 127.0.0.1.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startUpstream, type Upstream } from '../helpers/upstream.js';
import { baseEnv, hasTmux, startTmux, type TmuxSession } from '../helpers/tmux.js';
import { BIN } from '../helpers/run-binary.js';
import { KEYMAP } from '../../src/ui/keymap.js';

const tmuxMissing = !hasTmux();
let up: Upstream;
let dir: string;
let session: TmuxSession | undefined;
let n = 0;

beforeAll(async () => {
  up = await startUpstream();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'l2top-keys-'));
});
afterEach(async () => {
  await session?.kill();
  session = undefined;
});
afterAll(async () => {
  await up.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

interface StartOptions {
  readonly config?: Record<string, unknown>;
  readonly args?: readonly string[];
  readonly env?: Record<string, string>;
  /** Shell run before l2top (e.g. a pause while the test attaches pipe-pane). */
  readonly before?: string;
}

/** l2top at 80x24 in a shell that prints its exit status and then idles in a prompt. */
async function start(o: StartOptions = {}): Promise<TmuxSession> {
  const sub = path.join(dir, String(++n));
  fs.mkdirSync(sub);
  // A generous timeout: on a loaded machine a 1 s one fails sources and rows go missing.
  const config = up.writeConfig(sub, { timeoutMs: 5000, ...o.config });
  const cmd = `${o.before ?? ''} node ${BIN} --config ${config} ${(o.args ?? []).join(' ')}; echo "EXIT=$?"; PS1='PROMPT$ ' exec bash --norc --noprofile -i`;
  session = await startTmux({ command: ['bash', '--norc', '--noprofile', '-c', cmd], cols: 80, rows: 24, env: { XDG_CONFIG_HOME: sub, ...o.env } });
  return session;
}

const DATA = /Stacks \(sBTC\)\s+\S+\s+\d+\.\d%/;
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** The last non-empty line of a screen: the footer. */
const footer = (screen: string) => screen.split('\n').filter((l) => l.trim() !== '').pop() ?? '';
/** Network rows of the Shares view: the name column of each row (rows start with a space or the selection mark). */
const rowNames = (screen: string) => screen.split('\n').filter((l) => /^[ ›].{14} \S*\s+\d+\.\d%/.test(l)).map((l) => l.slice(1, 15).trim());

describe.skipIf(tmuxMissing)('80x24: keys and layout in tmux', () => {
  it('the footer shows quit and help on every view, overlay and the filter prompt', async () => {
    const t = await start();
    await t.waitFor(DATA);
    const cases: [string, RegExp, RegExp][] = [
      ['1', DATA, /\? help {2}q quit$/], ['2', /Range 90d/, /\? help {2}q quit$/], ['3', /Source\s+For\s+Status/, /\? help {2}q quit$/],
      ['4', /No alert rules configured/, /\? help {2}q quit$/], ['1', DATA, /\? help {2}q quit$/], ['Enter', /Esc to close/, /Esc close.*\? help {2}q quit$/],
      ['Escape', DATA, /refresh {2}\? help {2}q quit$|detail {2}\? help {2}q quit$/], ['?', /Keys \(the keys in use/, /Esc close {2}q quit$/],
      ['Escape', DATA, /detail {2}\? help {2}q quit$/], ['/', /filter: _/, /Enter keep {2}Esc clear {2}Ctrl-C quit$/], ['Escape', DATA, /detail {2}\? help {2}q quit$/],
    ];
    for (const [key, marker, hint] of cases) {
      await t.sendKeys(key);
      await t.waitFor(marker);
      const screen = await t.waitFor(new RegExp(hint.source, 'm')); // a lone Esc is only taken as a key after a short wait
      expect(footer(screen), `footer after ${key}`).toMatch(hint);
      for (const line of screen.split('\n')) expect([...line].length).toBeLessThanOrEqual(80);
    }
  });

  it('help scrolls to its last line with a "more" marker, and every key of the keymap is on some page', async () => {
    const t = await start();
    await t.waitFor(DATA);
    await t.sendKeys('?');
    let screen = await t.waitFor(/▼ more below \(lines 1-16 of \d+\)/);
    const seen = new Set<string>();
    for (let i = 0; i < 80 && !/▲ end of help/.test(screen); i += 1) {
      for (const line of screen.split('\n')) seen.add(line.trim());
      await t.sendKeys('Down');
      await pause(60);
      screen = await t.capture();
    }
    for (const line of screen.split('\n')) seen.add(line.trim());
    expect(screen).toMatch(/▲ end of help \(lines \d+-(\d+) of \1\)/);
    expect(screen).toMatch(/BEVM: /); // the last network's line
    const text = [...seen].join('\n');
    for (const b of KEYMAP) expect(text, b.command).toMatch(new RegExp(`^${b.label.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}\\s+\\S`, 'm'));
    // Keys under the overlay do nothing: j scrolled help, not the hidden Shares selection.
    await t.sendKeys('PageUp', 'PageUp', 'PageUp', 'PageUp');
    await t.waitFor(/▼ more below \(lines 1-16/);
    await t.sendKeys('m', 's', 'Escape');
    const back = await t.waitFor(DATA);
    expect(back).toMatch(/^›Stacks/m);
    expect(back).toContain('l2top BTC locked');
    expect(back).toContain('sort: share');
  });

  it('with quit remapped, q no longer quits but Ctrl-C still does', async () => {
    const t = await start({ config: { keys: { quit: ['x'] } } });
    await t.waitFor(DATA);
    expect(footer(await t.capture())).toMatch(/x quit$/);
    await t.sendKeys('q');
    await pause(400);
    expect(await t.altScreen()).toBe(true);
    await t.sendKeys('C-c');
    const screen = await t.waitFor(/PROMPT\$/);
    expect(screen).toContain('EXIT=0');
    expect(await t.altScreen()).toBe(false);
  });

  it('a key bound to two commands is rejected with exit 2, naming the file, the key and both commands', async () => {
    const t = await start({ config: { keys: { quit: ['j'] } } });
    const screen = await t.waitFor(/EXIT=2/);
    expect(screen.replace(/\n/g, ' ')).toMatch(/invalid config file \S+config\.json:\s+keys: "j" is bound to both select-down \(default\) and quit/);
  });

  it('NO_COLOR: no colour codes, and the active tab is marked with brackets', async () => {
    const COLOUR = /\u001B\[[0-9;]*(?:3[0-9]|9[0-7]|4[0-9]|10[0-7]|38;|48;|7)[0-9;]*m/;
    const t = await start({ env: { NO_COLOR: '1' } });
    await t.waitFor(DATA);
    for (const [key, tab] of [['1', '[1 Shares]'], ['3', '[3 Sources]'], ['2', '[2 Trends]'], ['4', '[4 Alerts]']] as const) {
      await t.sendKeys(key);
      const screen = await t.waitFor(tab);
      expect(screen.split('\n')[3]).toContain(tab);
      expect(screen.split('\n')[3]?.match(/\[\d \w+\]/g)).toHaveLength(1);
      expect(await t.capture({ escapes: true })).not.toMatch(COLOUR);
    }
  });

  it('TERM=dumb: plain tables, one per poll, with no escape sequence at all', async () => {
    const raw = path.join(dir, 'dumb.out');
    const t = await start({ env: { TERM: 'dumb' }, config: { pollInterval: '2s' }, before: 'sleep 1;' });
    execFileSync('tmux', ['-L', t.socket, 'pipe-pane', '-o', '-t', 'main', `cat > ${raw}`], { env: baseEnv() });
    await t.waitFor(/TOTAL/);
    await pause(2_500);
    await t.sendKeys('C-c');
    await t.waitFor(/EXIT=130/);
    const out = fs.readFileSync(raw, 'utf8').split('EXIT=')[0] ?? '';
    expect(out.match(/^NETWORK +BTC/gm)?.length ?? 0).toBeGreaterThanOrEqual(2);
    expect(out).toMatch(/^Stacks \(sBTC\)/m);
    expect(out).not.toContain('\u001B');
    expect(await t.altScreen()).toBe(false);
  });

  it('s cycles the sort (share, 24h change, name) and / filters by name; both show in the header', async () => {
    const t = await start();
    // Every source answered (the first frame may come before the slower ones on a loaded machine).
    const first = await t.waitFor(/(\d+)\/\1 sources ok/);
    const byShare = rowNames(first);
    expect(byShare.length).toBeGreaterThan(3);
    await t.sendKeys('s');
    await t.waitFor('sort: 24h change');
    await t.sendKeys('s');
    const byName = rowNames(await t.waitFor('sort: name'));
    expect(byName).toEqual([...byShare].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' })));
    expect(byName).not.toEqual(byShare);
    await t.sendKeys('s');
    await t.waitFor('sort: share');
    await t.sendKeys('/');
    await t.waitFor(/filter: _/);
    await t.type('LI');
    await t.sendKeys('Enter');
    const filtered = await t.waitFor(/filter: LI\s/);
    expect(rowNames(filtered).sort()).toEqual(byShare.filter((x) => /li/i.test(x)).sort());
    expect(rowNames(filtered).length).toBeLessThan(byShare.length);
    await t.sendKeys('2');
    const trends = await t.waitFor(/\[2 Trends\]/);
    expect(trends).toContain('filter: LI');
    expect(trends).not.toMatch(/Rootstock/);
    await t.sendKeys('1');
    await t.waitFor(/\[1 Shares\]/);
    await t.sendKeys('Escape');
    const all = await t.waitFor(/sort: share {2}unit BTC/);
    expect(rowNames(all)).toEqual(byShare);
    await t.sendKeys('/');
    await t.type('zzz');
    const none = await t.waitFor(/No network name contains "zzz"/);
    expect(footer(none)).toMatch(/Ctrl-C quit$/);
    await t.sendKeys('Escape');
    await t.waitFor(DATA);
  });

  it('mouse: a click on a tab switches view, a click on a row selects it, the wheel scrolls', async () => {
    const t = await start();
    await t.waitFor(DATA);
    expect(await t.display('#{mouse_sgr_flag}')).toBe('1');
    // tmux sends mouse events only from a client; write the SGR report the terminal would send instead.
    await t.type('\u001B[<0;15;4M\u001B[<0;15;4m'); // column 15 of the tab line: " 2 Trends "
    await t.waitFor(/\[2 Trends\]/);
    await t.type('\u001B[<0;26;4M');
    await t.waitFor(/\[3 Sources\]/);
    await t.type('\u001B[<0;3;4M');
    await t.waitFor(/^›Stacks/m);
    await t.type('\u001B[<0;5;8M'); // screen row 8: the third network row
    const third = await t.waitFor(/^›(?!Stacks)/m);
    expect(rowNames(third)[2]).toBe(third.split('\n')[7]?.slice(1, 15).trim());
    await t.type('\u001B[<65;5;8M');
    await t.waitFor(new RegExp(`^›${rowNames(third)[3]?.replace(/[()]/g, '\\$&')}`, 'm'));
    expect(await t.capture()).not.toMatch(/\[<|;8M/); // nothing of the report leaked as typed keys
  });

  it('--no-mouse leaves mouse reporting off', async () => {
    const t = await start({ args: ['--no-mouse'] });
    await t.waitFor(DATA);
    expect(await t.display('#{mouse_sgr_flag}#{mouse_standard_flag}')).toBe('00');
  });

  it.each([
    ['q', '0'], ['Ctrl-C', '0'], ['SIGTERM', '143'], ['SIGHUP', '129'], ['a crash', '1'],
  ])('mouse reporting is off again after %s', async (how, code) => {
    // A crash: the first-frame hook cannot append to a directory (EISDIR) and throws inside the render.
    const t = await start(how === 'a crash' ? { env: { L2TOP_BENCH_FILE: dir } } : {});
    if (how !== 'a crash') {
      await t.waitFor(DATA);
      expect(await t.display('#{mouse_sgr_flag}#{mouse_standard_flag}')).toBe('11');
    }
    if (how === 'q') await t.sendKeys('q');
    if (how === 'Ctrl-C') await t.sendKeys('C-c');
    if (how.startsWith('SIG')) process.kill(await l2topPid(t), how as NodeJS.Signals);
    const screen = await t.waitFor(/PROMPT\$/);
    expect(screen).toContain(`EXIT=${code}`);
    expect(await t.display('#{mouse_sgr_flag}#{mouse_standard_flag}#{alternate_on}#{cursor_flag}')).toBe('0001');
  });

  it('--screen-reader: flat text, one line per network with share, amount and change, no bars', async () => {
    const t = await start({ args: ['--screen-reader'] });
    const screen = await t.waitFor(/^Stacks \(sBTC\): \d+\.\d%, [\d,.]+ BTC, 24h /m);
    expect(screen).toMatch(/^Lightning: \d+\.\d%, 4,876\.54 BTC, 24h (n\/a|up|down|unchanged)/m);
    expect(screen).toMatch(/^l2top BTC locked: total [\d,.]+ BTC/m);
    expect(screen.replace(/\n/g, ' ')).toMatch(/Keys: 1-4 views, .*q quit\./);
    expect(screen).toMatch(/^[\x20-\x7e\n]*$/);
    expect(screen).not.toMatch(/[#█]{2}|─|\|/);
    await t.sendKeys('3');
    await t.waitFor(/^Sources view/m);
  });
});

/** The l2top node process (a child of the pane's bash). */
async function l2topPid(t: TmuxSession): Promise<number> {
  const shell = await t.pid();
  for (let i = 0; i < 50; i += 1) {
    const children = fs.readFileSync(`/proc/${shell}/task/${shell}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
    for (const c of children) if (fs.readFileSync(`/proc/${c}/cmdline`, 'utf8').includes('l2top.js')) return c;
    await pause(50);
  }
  throw new Error('l2top process not found');
}
