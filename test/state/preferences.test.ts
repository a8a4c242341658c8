import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_NETWORKS, PRICE_SOURCES } from '../../src/feeds/networks.js';
import { initialState } from '../../src/model/state.js';
import { createStore } from '../../src/model/store.js';
import { loadPreferences, savePreferences } from '../../src/state/preferences.js';

const dirs: string[] = [];
function tmpDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'l2top-prefs-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

const store = () => createStore(initialState({ now: 0, intervalMs: 300_000, windowMs: 86_400_000, demo: false, networks: DEFAULT_NETWORKS, sources: [], priceSources: PRICE_SOURCES }));
/** Until the file holds `key` (conf is loaded on the first write, so the write lands a few ticks later). */
async function fileWith(file: string, key: string): Promise<Record<string, unknown>> {
  for (let i = 0; i < 200; i += 1) {
    if (fs.existsSync(file)) {
      const data = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
      if (key in data) return data;
    }
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`${file} never got ${key}`);
}

describe('preferences', () => {
  it('reads the valid choices and drops invalid or unknown ones', () => {
    const dir = tmpDir();
    fs.writeFileSync(path.join(dir, 'preferences.json'), JSON.stringify({ view: 'trends', unit: 'parsecs', sort: 'share', extra: 1 }));
    expect(loadPreferences(dir)).toEqual({ view: 'trends', sort: 'share' });
  });
  it('reads nothing from a missing, unreadable or invalid file, and leaves it as it is', () => {
    const dir = tmpDir();
    expect(loadPreferences(dir)).toEqual({});
    fs.writeFileSync(path.join(dir, 'preferences.json'), '{"view": "trends",');
    expect(loadPreferences(dir)).toEqual({});
    expect(fs.readFileSync(path.join(dir, 'preferences.json'), 'utf8')).toBe('{"view": "trends",');
  });
  it('writes a changed choice, which the next run reads back', async () => {
    const dir = tmpDir();
    const s = store();
    const stop = savePreferences(dir, s);
    s.dispatch({ type: 'ui/view', view: 'sources' });
    const data = await fileWith(path.join(dir, 'preferences.json'), 'view');
    stop();
    expect(data.view).toBe('sources');
    expect(loadPreferences(dir)).toMatchObject({ view: 'sources' });
  });
  it('never writes over a file it cannot read', async () => {
    const dir = tmpDir();
    const file = path.join(dir, 'preferences.json');
    fs.writeFileSync(file, 'not json');
    const s = store();
    const stop = savePreferences(dir, s);
    s.dispatch({ type: 'ui/view', view: 'sources' });
    await new Promise((r) => setTimeout(r, 200));
    stop();
    expect(fs.readFileSync(file, 'utf8')).toBe('not json');
  });
});
