// `l2top export --csv` / `--ndjson`: the saved window as rows; parsed back it equals the window in the store.
import fs from 'node:fs';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { runExport } from '../../src/commands/export.js';
import { toPoints } from '../../src/model/series.js';
import { HOUR, MIN, T0, newStore, open, pollRounds, rootstockHistory, tempDir } from './fixture.js';
import { ok } from '../helpers/state.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** A minimal RFC 4180 reader: quoted fields with doubled quotes, CRLF records. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 1;
    } else field += c;
  }
  return rows;
}

async function exportText(args: string[]): Promise<{ code: number; text: string }> {
  let text = '';
  const out = new Writable({
    write(chunk: Buffer, _enc, done) {
      text += chunk.toString();
      done();
    },
  });
  const code = await runExport(args, {}, out);
  return { code, text };
}

function populated(): string {
  const d = tempDir();
  dirs.push(d);
  const store = newStore(T0);
  const { p } = open(d, store, T0);
  for (const a of [...pollRounds(), rootstockHistory(T0 + 56 * MIN)]) store.dispatch(a);
  p.close();
  return d;
}

describe('l2top export', () => {
  it('--csv: a header row and one row per point of the window (gaps with an empty value); parsed back it equals the store', async () => {
    const d = populated();
    const store = newStore(T0 + HOUR);
    const { p } = open(d, store, T0 + HOUR);
    p.close();
    const { code, text } = await exportText(['--csv', '--state-dir', d]);
    expect(code).toBe(0);
    const [header, ...rows] = parseCsv(text);
    expect(header).toEqual(['time', 'network', 'metric', 'value', 'unit', 'source', 'status']);
    const window = Object.entries(store.getState().series['btc-locked']).flatMap(([n, s]) => toPoints(s).map(([t, v]) => ({ t, n, v })));
    const back = rows.map(([time, network, metric, value, unit]) => ({ metric, unit, t: Date.parse(time ?? ''), n: network, v: value === '' ? Number.NaN : Math.round(Number(value) * 1e8) }));
    const key = (x: { t: number; n?: string }) => `${x.t}:${x.n}`;
    expect(back.map(({ t, n, v }) => ({ t, n, v })).sort((a, b) => key(a).localeCompare(key(b)))).toEqual(window.sort((a, b) => key(a).localeCompare(key(b))));
    expect(new Set(back.map((r) => `${r.metric} ${r.unit}`))).toEqual(new Set(['btc-locked BTC']));
    expect(rows.find((r) => r[1] === 'lightning' && r[0] === new Date(T0 + 30 * MIN).toISOString())).toEqual([new Date(T0 + 30 * MIN).toISOString(), 'lightning', 'btc-locked', '', 'BTC', '', 'gap']);
    expect(rows.find((r) => r[1] === 'lightning' && r[0] === new Date(T0).toISOString())).toEqual([new Date(T0).toISOString(), 'lightning', 'btc-locked', '5000.00000000', 'BTC', 'src-lightning', 'live']);
    expect(rows.filter((r) => r[1] === 'rootstock' && r[6] === 'backfill').map((r) => r[5])).toEqual(Array(10).fill('src-history'));
  });

  it('--ndjson with --range: only the rows inside the range (by the wall clock), one JSON object a line', async () => {
    const d = tempDir();
    dirs.push(d);
    const now = Date.now();
    const store = newStore(now - 30 * HOUR);
    const { p } = open(d, store, now - 30 * HOUR);
    store.dispatch(ok('src-lightning', now - 30 * HOUR, 'lightning', 500_000_000_000));
    store.dispatch(ok('src-lightning', now - HOUR, 'lightning', 500_100_000_000));
    p.close();
    const { code, text } = await exportText(['--ndjson', '--range', '24h', '--metric', 'btc-locked', '--state-dir', d]);
    expect(code).toBe(0);
    expect(text.trim().split('\n').map((l) => JSON.parse(l) as unknown)).toEqual([
      { time: new Date(now - HOUR).toISOString(), network: 'lightning', metric: 'btc-locked', value: '5001.00000000', unit: 'BTC', source: 'src-lightning', status: 'live' },
    ]);
    expect((await exportText(['--ndjson', '--range', '7d', '--state-dir', d])).text.trim().split('\n')).toHaveLength(2);
    expect((await exportText(['--ndjson', '--metric', 'defi-tvl', '--state-dir', d])).text).toBe('');
  });

  it('says so and exits 1 when nothing was saved; exits 2 on a bad flag', async () => {
    const d = tempDir();
    dirs.push(d);
    expect((await exportText(['--csv', '--state-dir', d])).code).toBe(1);
    expect((await exportText(['--csv', '--ndjson', '--state-dir', d])).code).toBe(2);
    expect((await exportText(['--csv', '--range', '2d', '--state-dir', d])).code).toBe(2);
  });
});
