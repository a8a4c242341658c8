// Custom feeds named in CJK and with an emoji keep every row aligned (display columns, not code points),
// in the live views in tmux and in --once text.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import stringWidth from 'string-width';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startUpstream, type Upstream } from '../helpers/upstream.js';
import { hasTmux, startTmux, type TmuxSession } from '../helpers/tmux.js';
import { BIN, runBinary } from '../helpers/run-binary.js';

const tmuxMissing = !hasTmux();
let up: Upstream;
let dir: string;
let config: string;
let session: TmuxSession | undefined;

const CJK = '比特币桥';
const EMOJI = '🟠 Orange';

beforeAll(async () => {
  up = await startUpstream();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'l2top-wide-'));
  const feed = (id: string, name: string) => ({ id, name, url: `${up.baseUrls.mempool}/api/v1/lightning/statistics/latest`, pointer: '/latest/total_capacity', unit: 'sats' });
  // A generous timeout: on a loaded machine a 1 s one fails history fetches and every network reads "newer".
  config = up.writeConfig(dir, { timeoutMs: 5000, customFeeds: [feed('bridge', CJK), feed('orange', EMOJI)] });
});
afterEach(async () => {
  await session?.kill();
  session = undefined;
});
afterAll(async () => {
  await up.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Display column (0-based) where the first match of `pattern` ends in `line`, or -1. */
function endColumn(line: string, pattern: RegExp): number {
  const m = pattern.exec(line);
  return m ? stringWidth(line.slice(0, m.index + m[0].length)) : -1;
}

/** Lines that mention any of `names`, next to a line for a built-in network, with where `pattern` ends in each. */
function columns(screen: string, names: readonly string[], pattern: RegExp): Record<string, number> {
  const out: Record<string, number> = {};
  for (const line of screen.split('\n')) {
    const name = names.find((n) => line.includes(n));
    if (name !== undefined && !(name in out)) out[name] = endColumn(line, pattern);
  }
  return out;
}

const settle = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe.skipIf(tmuxMissing)('wide characters in network names, in tmux at 80x24', () => {
  it('Shares, Trends, Sources and Detail keep their columns', async () => {
    session = await startTmux({ command: ['node', BIN, '--config', config], cols: 80, rows: 24, env: { XDG_CONFIG_HOME: dir } });
    const t = session;
    const shares = await t.waitFor(new RegExp(`${CJK}.*%[\\s\\S]*🟠 Orange.*%`));
    await settle(1500);
    // Shares: the share and the amount end in the same column on every row.
    const names = [CJK, EMOJI, 'Lightning', 'Liquid'];
    const share = columns(await t.capture(), names, /\d+\.\d%/);
    const amount = columns(shares, names, /BTC/);
    expect(new Set(Object.values(share)), JSON.stringify(share)).toEqual(new Set([share['Lightning']]));
    expect(new Set(Object.values(amount)), JSON.stringify(amount)).toEqual(new Set([amount['Lightning']]));
    for (const line of (await t.capture()).split('\n')) expect(stringWidth(line), line).toBeLessThanOrEqual(80);

    // Sources: the Status column starts in the same column for the custom sources as for a built-in one.
    await t.sendKeys('3');
    const sources = await t.waitFor(/Source\s+For\s+Status/);
    const status = columns(sources, [CJK, EMOJI, 'mempool.space Lightning', 'Liquid'], /^.*?\s(?=ok\b)/);
    expect(new Set(Object.values(status)).size, JSON.stringify(status)).toBe(1);
    for (const line of sources.split('\n')) expect(stringWidth(line), line).toBeLessThanOrEqual(80);

    // Detail of the CJK network: the value column lines up with the header.
    await t.sendKeys('1');
    await settle(300);
    const rowsText = (await t.capture()).split('\n');
    const at = rowsText.findIndex((l) => l.includes(CJK));
    const sel = rowsText.findIndex((l) => l.startsWith('›'));
    for (let i = 0; i < Math.abs(at - sel); i += 1) await t.sendKeys(at > sel ? 'Down' : 'Up');
    await t.sendKeys('Enter');
    const detail = await t.waitFor(/Esc to close/);
    expect(detail).toContain(`${CJK}  (`);
    for (const line of detail.split('\n')) expect(stringWidth(line), line).toBeLessThanOrEqual(80);
    const table = detail.split('\n').filter((l) => /^(Source|比特币桥 \(custom\))/.test(l));
    expect(table).toHaveLength(2);
    expect(endColumn(table[1] ?? '', /BTC/)).toBe(endColumn(table[0] ?? '', /Value/));

    // Trends: the share rows' low/high/now end in the same column; the chart title keeps the wide name.
    await t.sendKeys('Escape', '2');
    // The history backfill may land after the view first shows (a loaded machine): wait for the chart to cover it.
    const trends = await t.waitFor(/Share of BTC locked, last 90d; [2-4] newer left out[\s\S]*low\s+high\s+now/);
    const stats = trends.split('\n').filter((l) => /\d+\.\d% +\d+\.\d% +\d+\.\d%$/.test(l)).map((l) => stringWidth(l));
    expect(stats.length).toBeGreaterThan(3);
    expect(new Set(stats).size, trends).toBe(1);
    // The custom feeds (a minute of history against 90 days) are left out of the share chart, and said so; a
    // simulated built-in history that starts a column late (Liquid's, by the time of day) may join them.
    expect(Number(/last 90d; (\d+) newer left out/.exec(trends)?.[1])).toBeGreaterThanOrEqual(2);
    const shareRows = trends.split('\n').filter((l) => /\d+\.\d%$/.test(l));
    expect(shareRows.filter((l) => l.includes(CJK) || l.includes(EMOJI)), trends).toEqual([]);
    expect(trends).toMatch(/^›比特币桥 {2}4,876\.54 BTC/m);
  });
});

describe('wide characters in network names, --once', () => {
  it('the amount, share and source columns line up on every row', async () => {
    const r = await runBinary(['--once', '--config', config], { XDG_CONFIG_HOME: dir });
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    const rows = [CJK, EMOJI, 'Lightning', 'Liquid'].map((n) => lines.find((l) => l.startsWith(n)) ?? '');
    const cols = (re: RegExp) => new Set(rows.map((l) => endColumn(l, re)));
    expect(cols(/^\S+(?: \S+)?\s+[\d,.]+/).size, rows.join('\n')).toBe(1);
    expect(cols(/\d+\.\d%/).size, rows.join('\n')).toBe(1);
  });
});
