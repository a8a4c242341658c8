// In tmux: run live against the simulator for a minute, quit, start again: the earlier points are on screen at once.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BIN } from '../helpers/run-binary.js';
import { hasTmux, startTmux, type TmuxSession } from '../helpers/tmux.js';
import { startUpstream, type Upstream } from '../helpers/upstream.js';

const tmuxMissing = !hasTmux();
if (tmuxMissing && process.env.L2TOP_REQUIRE_TMUX) throw new Error('tmux is required for the end-to-end tests (L2TOP_REQUIRE_TMUX is set)');

let up: Upstream;
let dir: string;
let session: TmuxSession | undefined;

beforeAll(async () => {
  up = await startUpstream();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'l2top-state-live-'));
});
afterEach(async () => {
  await session?.kill();
  session = undefined;
});
afterAll(async () => {
  await up.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function start(config: string, state: string): Promise<TmuxSession> {
  session = await startTmux({ command: [process.execPath, BIN, '--config', config, '--state-dir', state], cols: 100, rows: 30, env: { XDG_CONFIG_HOME: dir } });
  return session;
}

describe.skipIf(tmuxMissing)('state directory, live in tmux', () => {
  it('a minute of 5 s polls, quit, start again: Trends shows the earlier points and Shares the remembered value at once', { timeout: 150_000 }, async () => {
    const state = path.join(dir, 'state');
    const config = up.writeConfig(dir, { timeoutMs: 1000, pollInterval: '5s', networks: ['lightning', 'liquid'] });
    // No upstream history: every point on the chart comes from this run's polls (and, later, from the state).
    up.fault('lightning-history', { status: 500 });
    up.set({ lightningSats: 480_000_000_000 });
    const t = await start(config, state);
    await t.waitFor(/Lightning\s+\S+\s+\d+\.\d%\s+4,800\.00 BTC/, 15_000);
    // Trends, 24 h range (the choice is remembered too).
    await t.sendKeys('2', '[', '[', '[');
    await t.waitFor(/range 24h|24h/);
    const started = Date.now();
    let step = 0;
    while (Date.now() - started < 60_000) {
      step += 1;
      up.set({ lightningSats: 480_000_000_000 + (step % 2) * 20_000_000_000 }); // 4,800 and 5,000 BTC, alternating
      await up.waitForHits('lightning', step + 1, 15_000);
    }
    up.set({ lightningSats: 490_000_000_000 });
    await up.waitForHits('lightning', step + 2, 15_000);
    const before = await t.waitFor(/4,900\.00 BTC|4\.900K/, 15_000);
    await t.sendKeys('q');
    await t.waitForExit();
    await t.kill();
    session = undefined;
    // The Lightning chart: its title says how much data it has; its plot has a drawn line.
    const chart = (screen: string) => {
      const lines = screen.split('\n');
      const from = lines.findIndex((l) => /^.Lightning {2}/.test(l));
      const to = lines.findIndex((l, i) => i > from && /^.Liquid {2}/.test(l));
      const part = lines.slice(from, to);
      return { span: /\(data for (\d+)m\)/.exec(part[0] ?? '')?.[1], drawn: part.some((l) => /┤.*[─╭╮╯╰│]/.test(l)) };
    };
    expect(chart(before)).toEqual({ span: expect.stringMatching(/^1|2$/) as unknown, drawn: true });

    // Second run: Lightning never answers, so all it shows at first is what the state remembered.
    up.fault('lightning', { hang: true });
    const t2 = await start(config, state);
    const shown = await t2.waitFor(/Lightning/, 10_000);
    expect(shown).toMatch(/\[2 Trends\]/); // the remembered view
    // The state directory loads right after the first frame: the earlier points follow within moments (5 s at most).
    let first = shown;
    const want = chart(before);
    for (let i = 0; i < 100 && !(chart(first).span === want.span && chart(first).drawn && /4,900\.00 BTC|4\.900K/.test(first)); i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      first = await t2.capture();
    }
    expect(chart(first)).toEqual(chart(before)); // the earlier points, within a second
    expect(first).toMatch(/4,900\.00 BTC|4\.900K/);
    await t2.sendKeys('1');
    const shares = await t2.waitFor(/Lightning\s+\S*\s+\d+\.\d%\s+4,900\.00 BTC/);
    expect(shares).toMatch(/state: remembered \d+ points, last saved \d+s ago/);
    // Two intervals (10 s) after its last poll the remembered value is marked stale with its age.
    await t2.waitFor(/Lightning\s+\S*\s+\d+\.\d%\s+4,900\.00 BTC\s+\S+\s+stale (<1m|\d+[sm])/, 20_000);
    await t2.sendKeys('3');
    await t2.waitFor(/state \(on disk\)\s+all\s+ok/);
    await t2.sendKeys('q');
    await t2.waitForExit();
    up.clear();
  });
});
