import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CONFIG_MAX_BYTES, loadConfig, type KnownIds } from '../../src/config/load.js';
import { parseDuration } from '../../src/config/duration.js';

const known: KnownIds = {
  networks: ['lightning', 'liquid', 'rootstock', 'stacks'],
  providers: { mempool: 'https://mempool.example.test', liquid: 'https://liquid.example.test' },
};

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'l2top-config-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

function write(name: string, text: string): { file: string; before: string; mtime: number } {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return { file, before: text, mtime: fs.statSync(file).mtimeMs };
}

function expectUntouched(f: { file: string; before: string; mtime: number }) {
  expect(fs.readFileSync(f.file, 'utf8')).toBe(f.before);
  expect(fs.statSync(f.file).mtimeMs).toBe(f.mtime);
}

describe('parseDuration', () => {
  it.each([
    ['5m', 300_000], ['30s', 30_000], ['90d', 7_776_000_000], ['1h', 3_600_000], ['500ms', 500], ['2', 2_000], ['1.5m', 90_000],
  ])('%s -> %d ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });
  it.each(['', 'five', '5x', '-1s', '1e3s'])('rejects %j', (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });
});

describe('loadConfig', () => {
  const env = () => ({ XDG_CONFIG_HOME: dir, HOME: dir });

  it('uses defaults with no file and no flags', () => {
    const r = loadConfig([], env(), known);
    expect(r.kind).toBe('ok');
    if (r.kind !== 'ok') return;
    expect(r.config).toMatchObject({
      intervalMs: 300_000, timeoutMs: 15_000, windowMs: 90 * 86_400_000,
      networks: known.networks, providers: known.providers, once: false, json: false, demo: false, configPath: undefined,
    });
    expect(fs.existsSync(path.join(dir, 'l2top'))).toBe(false);
  });

  it('reads the XDG file, merges providers and lets flags win', () => {
    fs.mkdirSync(path.join(dir, 'l2top'));
    const f = write('l2top/config.json', JSON.stringify({
      pollInterval: '30s', timeoutMs: 5000, window: '7d', networks: ['liquid', 'lightning'],
      providers: { mempool: { baseUrl: 'http://127.0.0.1:9/mempool/' } },
    }));
    const r = loadConfig(['--interval', '10s', '--json'], env(), known);
    expect(r.kind).toBe('ok');
    if (r.kind !== 'ok') return;
    expect(r.config).toMatchObject({
      intervalMs: 10_000, timeoutMs: 5000, windowMs: 7 * 86_400_000, networks: ['liquid', 'lightning'],
      providers: { mempool: 'http://127.0.0.1:9/mempool', liquid: 'https://liquid.example.test' },
      once: true, json: true, configPath: f.file,
    });
    expectUntouched(f);
  });

  it('--config beats L2TOP_CONFIG', () => {
    const a = write('a.json', JSON.stringify({ pollInterval: '1m' }));
    const b = write('b.json', JSON.stringify({ pollInterval: '2m' }));
    const r = loadConfig(['--config', a.file], { ...env(), L2TOP_CONFIG: b.file }, known);
    expect(r.kind === 'ok' && r.config.intervalMs).toBe(60_000);
    const r2 = loadConfig([], { ...env(), L2TOP_CONFIG: b.file }, known);
    expect(r2.kind === 'ok' && r2.config.intervalMs).toBe(120_000);
  });

  it.each([
    ['invalid JSON', '{"pollInterval": "5m",', /invalid JSON/],
    ['a wrong type', '{"timeoutMs": "fast"}', /timeoutMs: /],
    ['a bad duration', '{"pollInterval": "soon"}', /pollInterval: not a duration/],
    ['an interval under 1 s', '{"pollInterval": "500ms"}', /pollInterval: must be between 1s/],
    ['an unknown key', '{"pollIntervl": "5m"}', /pollIntervl: unknown key/],
    ['an unknown provider', '{"providers": {"ollama": {"baseUrl": "https://api.ollama.network"}}}', /providers\.ollama: unknown provider/],
    ['a non-http base URL', '{"providers": {"mempool": {"baseUrl": "file:///etc/passwd"}}}', /providers\.mempool\.baseUrl: must be an http\(s\) URL/],
    ['an unknown network', '{"networks": ["lightning", "ollama"]}', /networks\[1\]: unknown network "ollama"/],
    ['an alert rule of unknown type', '{"alerts": {"rules": [{"type": "moon"}]}}', /alerts\.rules\[0\]\.type: /],
    ['a level rule without a level', '{"alerts": {"rules": [{"type": "level", "network": "liquid"}]}}', /alerts\.rules\[0\]: needs "above" or "below"/],
    ['a rule on an unknown network', '{"alerts": {"rules": [{"type": "level", "network": "ollama", "above": 1}]}}', /alerts\.rules\[0\]\.network: unknown network "ollama"/],
    ['a custom feed with a bad pointer', '{"customFeeds": [{"id": "x", "name": "X", "url": "https://example.org/a", "pointer": "a/b", "unit": "btc"}]}', /customFeeds\[0\]\.pointer: a JSON Pointer \(RFC 6901\) starts with/],
    ['a custom feed with a file URL', '{"customFeeds": [{"id": "x", "name": "X", "url": "file:///etc/passwd", "pointer": "", "unit": "btc"}]}', /customFeeds\[0\]\.url: must be an http\(s\) URL/],
    ['a custom feed named like a network', '{"customFeeds": [{"id": "liquid", "name": "X", "url": "https://example.org", "pointer": "", "unit": "btc"}]}', /customFeeds\[0\]\.id: "liquid" is already a network id/],
    ['an unknown metric', '{"metric": "tvl"}', /metric: /],
  ])('rejects %s naming the file and key, leaving the file untouched', (_name, text, pattern) => {
    const f = write('cfg.json', text);
    const r = loadConfig(['--config', f.file], env(), known);
    expect(r.kind).toBe('error');
    if (r.kind !== 'error') return;
    expect(r.exitCode).toBe(2);
    expect(r.message).toContain(f.file);
    expect(r.message).toMatch(pattern);
    expectUntouched(f);
  });

  it('reads alert rules, custom feeds, thresholds and the metric', () => {
    const f = write('full.json', JSON.stringify({
      metric: 'defi-tvl', tolerance: 0.05, anomalyThreshold: 0.3,
      alerts: { bell: true, rules: [
        { type: 'share-move', network: 'stacks', pp: 2, window: '24h' },
        { type: 'level', network: 'mybridge', below: 10 },
        { type: 'source-down', for: '30m' },
      ] },
      customFeeds: [{ id: 'mybridge', name: 'My bridge', url: 'https://example.org/api', pointer: '/data/0/btc', unit: 'btc', headers: { 'x-key': 'k' } }],
    }));
    const r = loadConfig(['--config', f.file], env(), known);
    expect(r.kind).toBe('ok');
    if (r.kind !== 'ok') return;
    expect(r.config).toMatchObject({
      metric: 'defi-tvl', tolerance: 0.05, anomalyThreshold: 0.3, bell: true,
      alertRules: [
        { type: 'share-move', network: 'stacks', pp: 2, windowMs: 86_400_000 },
        { type: 'level', network: 'mybridge', below: 10 },
        { type: 'source-down', forMs: 1_800_000 },
      ],
      networks: [...known.networks, 'mybridge'],
    });
    expect(r.config.customFeeds[0]).toMatchObject({ id: 'mybridge', pointer: '/data/0/btc', unit: 'btc' });
    expect(loadConfig(['--config', f.file, '--metric', 'btc-locked'], env(), known)).toMatchObject({ kind: 'ok', config: { metric: 'btc-locked' } });
    expect(loadConfig(['--metric', 'nope'], env(), known)).toMatchObject({ kind: 'error', exitCode: 2 });
    expectUntouched(f);
  });

  it('an explicit missing file is an error', () => {
    const r = loadConfig(['--config', path.join(dir, 'nope.json')], env(), known);
    expect(r.kind === 'error' && r.message).toMatch(/nope\.json: not found/);
  });

  it.each([
    ['[]', 'an array'],
    ['[{"pollInterval": "5m"}]', 'an array'],
    ['null', 'null'],
    ['42', 'a number (42)'],
    ['"x"', 'a string'],
    ['true', 'a boolean (true)'],
    ['  false\n', 'a boolean (false)'],
  ])('a top level that is not an object (%s) is an error naming the file, exit 2, the file untouched', (text, kind) => {
    const f = write('config.json', text);
    const r = loadConfig(['--config', f.file], env(), known);
    expect(r).toEqual({
      kind: 'error', exitCode: 2,
      message: `l2top: invalid config file ${f.file}: the top level must be a JSON object ({ ... }), not ${kind}`,
    });
    // The same from the default path, with no --config.
    const d = path.join(dir, 'l2top');
    fs.mkdirSync(d);
    const g = { file: path.join(d, 'config.json'), before: text, mtime: 0 };
    fs.writeFileSync(g.file, text);
    g.mtime = fs.statSync(g.file).mtimeMs;
    expect(loadConfig([], env(), known)).toMatchObject({ kind: 'error', exitCode: 2, message: expect.stringContaining(`invalid config file ${g.file}: the top level`) });
    expectUntouched(f);
    expectUntouched(g);
  });

  it('an empty object is still fine', () => {
    const f = write('config.json', '{}');
    expect(loadConfig(['--config', f.file], env(), known)).toMatchObject({ kind: 'ok', config: { configPath: f.file } });
    expectUntouched(f);
  });

  it(`refuses a config file over ${CONFIG_MAX_BYTES} bytes (1 MiB) before reading it, naming the file and the limit`, () => {
    // Valid JSON that would load: padding, then a real key.
    const text = `{${' '.repeat(CONFIG_MAX_BYTES)}"pollInterval": "30s"}`;
    const f = write('big.json', text);
    const read = vi.spyOn(fs, 'readFileSync');
    const open = vi.spyOn(fs, 'openSync');
    try {
      const r = loadConfig(['--config', f.file], env(), known);
      expect(r).toEqual({
        kind: 'error', exitCode: 2,
        message: `l2top: config file ${f.file}: ${Buffer.byteLength(text).toLocaleString('en-US')} bytes, over the 1 MiB limit for a config file (not read)`,
      });
      const touched = [...read.mock.calls, ...open.mock.calls].filter(([p]) => String(p) === f.file);
      expect(touched).toEqual([]);
    } finally {
      read.mockRestore();
      open.mockRestore();
    }
    expectUntouched(f);
  });

  it('reads a config file of exactly 1 MiB', () => {
    const tail = '"pollInterval": "30s"}';
    const f = write('edge.json', `{${' '.repeat(CONFIG_MAX_BYTES - 1 - tail.length)}${tail}`);
    expect(fs.statSync(f.file).size).toBe(CONFIG_MAX_BYTES);
    expect(loadConfig(['--config', f.file], env(), known)).toMatchObject({ kind: 'ok', config: { intervalMs: 30_000 } });
    expectUntouched(f);
  });

  it('refuses what is not a regular file (a device would be read forever)', () => {
    if (!fs.existsSync('/dev/zero')) return;
    expect(loadConfig(['--config', '/dev/zero'], env(), known)).toEqual({ kind: 'error', exitCode: 2, message: 'l2top: config file /dev/zero: not a regular file' });
  });

  it('bad flags and --interval values are errors with exit code 2', () => {
    expect(loadConfig(['--bogus'], env(), known)).toMatchObject({ kind: 'error', exitCode: 2 });
    const r = loadConfig(['--interval', '0s'], env(), known);
    expect(r.kind === 'error' && r.message).toMatch(/--interval 0s: must be between 1s/);
  });

  it('answers --help and --version', () => {
    expect(loadConfig(['--help'], env(), known).kind).toBe('help');
    expect(loadConfig(['-v'], env(), known).kind).toBe('version');
  });
});
