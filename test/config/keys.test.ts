import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkKeys } from '../../src/config/keys.js';
import { loadConfig } from '../../src/config/load.js';
import { COMMANDS, DEFAULT_KEYS } from '../../src/ui/keymap.js';

describe('checkKeys', () => {
  it.each([
    [{ quit: ['x', 'ctrl-q'] }, undefined],
    [{ quit: ['j'] }, 'keys: "j" is bound to both select-down (default) and quit; give each command its own keys'],
    [{ quit: ['x'], unit: ['x'] }, 'keys: "x" is bound to both unit and quit; give each command its own keys'],
    [{ 'select-down': ['x'], quit: ['j'] }, undefined],
    [{ refresh: ['Tab'] }, 'keys: "Tab" is bound to both view-next (default) and refresh; give each command its own keys'],
    [{ help: ['ctrl-c'] }, 'keys.help: "ctrl-c" always quits and cannot be bound to help'],
    [{ quit: ['ctrl-c'] }, undefined],
    [{ metric: [] }, 'keys.metric: the command would be left without a key'],
  ])('%j -> %s', (keys, message) => {
    expect(checkKeys(keys, DEFAULT_KEYS)).toBe(message);
  });

  it('the default keymap binds no key twice', () => {
    expect(checkKeys({}, DEFAULT_KEYS)).toBeUndefined();
  });
});

describe('loadConfig with keys', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'l2top-keys-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
  const known = { networks: ['lightning'], providers: {}, commands: COMMANDS, defaultKeys: DEFAULT_KEYS };
  const load = (config: unknown, argv: string[] = []) => {
    const file = path.join(dir, 'config.json');
    fs.writeFileSync(file, JSON.stringify(config));
    return { file, result: loadConfig(['--config', file, ...argv], { HOME: dir }, known) };
  };

  it('a key bound to two commands is an error with exit 2 naming the file, the key and both commands', () => {
    const { file, result } = load({ keys: { quit: ['j'] } });
    expect(result).toEqual({ kind: 'error', exitCode: 2, message: `l2top: invalid config file ${file}:\n  keys: "j" is bound to both select-down (default) and quit; give each command its own keys` });
  });

  it('a command with an empty key list is an error naming it', () => {
    const { result } = load({ keys: { quit: [] } });
    expect(result.kind === 'error' && result.message).toContain('keys.quit: the command would be left without a key');
  });

  it('mouse: on by default, off with "mouse": false or --no-mouse', () => {
    expect(load({}).result).toMatchObject({ kind: 'ok', config: { mouse: true } });
    expect(load({ mouse: false }).result).toMatchObject({ kind: 'ok', config: { mouse: false } });
    expect(load({}, ['--no-mouse']).result).toMatchObject({ kind: 'ok', config: { mouse: false } });
  });
});
