// --once never lies: a missing value prints as missing (never 0), a partial total says over how many networks,
// each reason goes to stderr once (never to stdout), and the exit status is as documented. Real binary,
// providers simulated on 127.0.0.1.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startUpstream, type Upstream } from '../helpers/upstream.js';
import { runBinary } from '../helpers/run-binary.js';
import type { SnapshotV1 } from '../../src/model/snapshot.js';

let up: Upstream;
let dir: string;
let config: string;
let dead: string;

beforeAll(async () => {
  up = await startUpstream();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'l2top-once-'));
  config = up.writeConfig(dir, { timeoutMs: 1500 });
  dead = path.join(dir, 'dead.json');
  fs.writeFileSync(dead, JSON.stringify({ timeoutMs: 1000, providers: Object.fromEntries(Object.keys(up.baseUrls).map((p) => [p, { baseUrl: 'http://127.0.0.1:9' }])) }));
});
afterEach(() => up.clear());
afterAll(async () => {
  await up.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const env = () => ({ XDG_CONFIG_HOME: dir });
const row = (stdout: string, name: string) => stdout.split('\n').find((l) => l.startsWith(name)) ?? '';

describe('--once output', () => {
  it('offline: every network and the total print as missing, never 0; the reasons are on stderr once; exit 1', async () => {
    const r = await runBinary(['--once', '--config', dead], env());
    expect(r.code).toBe(1);
    expect(r.stdout).not.toMatch(/0\.00000000/);
    expect(row(r.stdout, 'Lightning')).toMatch(/^Lightning\s+n\/a\s+n\/a\s+n\/a\s+mempool-lightning\s+no data\*$/);
    expect(row(r.stdout, 'TOTAL')).toMatch(/^TOTAL\s+n\/a {2}no network had data$/);
    expect(r.stdout).not.toContain('connection refused');
    expect(r.stdout).toContain('reasons are on stderr');
    const lines = r.stderr.split('\n');
    expect(lines[0]).toBe('l2top: no network had data.');
    expect(lines.filter((l) => l.includes('mempool-lightning:'))).toEqual(['  mempool-lightning: down (connection refused)']);
    expect(lines.filter((l) => l.includes('connection refused'))).toHaveLength(16);
    expect(r.stderr).toContain('Try --demo');
  });

  it('offline --json: totals are null, not 0; exit 1', async () => {
    const r = await runBinary(['--json', '--config', dead], env());
    expect(r.code).toBe(1);
    const snap = JSON.parse(r.stdout) as SnapshotV1;
    expect(snap).toMatchObject({ totalBtc: null, totalTvlUsd: null, networksWithData: 0, networksTracked: 15 });
    expect(snap.sector.shareOfSupply).toBeNull();
  });

  it('partial: the missing network prints n/a, the total says over how many networks, reasons once on stderr; exit 0', async () => {
    for (const e of ['liquid', 'esplora-supply', 'layers-current'] as const) up.fault(e, { status: 503 });
    const r = await runBinary(['--once', '--config', config], env());
    expect(r.code).toBe(0);
    expect(row(r.stdout, 'Liquid')).toMatch(/^Liquid\s+n\/a\s+n\/a\s+n\/a\s+liquid-pegs\s+no data\*$/);
    expect(row(r.stdout, 'Lightning')).toMatch(/^Lightning\s+[\d,]+\.\d{8}\s+\d+\.\d%/);
    // bitcoinlayers-current also carries the ten networks only it covers: those are missing too.
    expect(row(r.stdout, 'TOTAL')).toMatch(/^TOTAL\s+[\d,]+\.\d{8} {2}over 4 of 15 networks$/);
    expect(r.stdout).not.toContain('HTTP 503');
    const failing = r.stderr.split('\n').filter((l) => l.includes('HTTP 503'));
    expect(failing.map((l) => l.trim().split(':')[0]).sort()).toEqual(['bitcoinlayers-current', 'esplora-liquid-supply', 'liquid-pegs']);
    expect(r.stderr).toMatch(/^l2top: some sources failed:\n/);
  });

  it('all well: no stderr, no footnote, a full total; exit 0', async () => {
    const r = await runBinary(['--once', '--config', config], env());
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).not.toContain('stderr');
    expect(row(r.stdout, 'TOTAL')).toMatch(/^TOTAL\s+[\d,]+\.\d{8}$/);
  });

  it('a bad flag: exit 2 with the flag named, nothing on stdout', async () => {
    const r = await runBinary(['--once', '--bogus'], env());
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--bogus');
    expect(r.stdout).toBe('');
  });
});
