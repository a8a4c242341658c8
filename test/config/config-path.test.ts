// Where the config file is looked for, and what --help says about it: never under the current folder.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultConfigPath, loadConfig, type KnownIds } from '../../src/config/load.js';

const known: KnownIds = { networks: ['lightning'], providers: { mempool: 'https://mempool.example.test' } };
const osHome = os.userInfo().homedir;
const fromOs = path.join(osHome, '.config', 'l2top', 'config.json');

let dir: string;
let cwd: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'l2top-config-path-'));
  cwd = process.cwd();
});
afterEach(() => {
  process.chdir(cwd);
  fs.rmSync(dir, { recursive: true, force: true });
});

function helpOf(argv: string[], env: NodeJS.ProcessEnv): string {
  const r = loadConfig(['--help', ...argv], env, known);
  if (r.kind !== 'help') throw new Error(`expected help, got ${r.kind}`);
  return r.text;
}

describe('defaultConfigPath', () => {
  it('uses $XDG_CONFIG_HOME, else $HOME/.config', () => {
    expect(defaultConfigPath({ XDG_CONFIG_HOME: '/x/cfg', HOME: '/h' })).toBe('/x/cfg/l2top/config.json');
    expect(defaultConfigPath({ HOME: '/h' })).toBe('/h/.config/l2top/config.json');
  });

  it('without HOME (unset, empty or relative) takes the home folder from the OS account', () => {
    expect(path.isAbsolute(osHome)).toBe(true);
    expect(defaultConfigPath({})).toBe(fromOs);
    expect(defaultConfigPath({ HOME: '' })).toBe(fromOs);
    expect(defaultConfigPath({ HOME: 'relative/home' })).toBe(fromOs);
  });

  it('ignores a relative XDG_CONFIG_HOME, as the XDG spec asks', () => {
    expect(defaultConfigPath({ XDG_CONFIG_HOME: '.config', HOME: '/h' })).toBe('/h/.config/l2top/config.json');
  });

  it('without HOME never reads ./.config/l2top/config.json under the current folder', () => {
    fs.mkdirSync(path.join(dir, '.config', 'l2top'), { recursive: true });
    fs.writeFileSync(path.join(dir, '.config', 'l2top', 'config.json'), '{"pollInterval": "never"}');
    process.chdir(dir);
    const r = loadConfig([], {}, known);
    expect(r.kind === 'error' ? r.message : '').not.toContain(dir);
    expect(helpOf([], {})).toContain(`Config file: ${fromOs}\n`);
  });
});

describe('--help', () => {
  it('names the default config file in use and says when it does not exist', () => {
    const file = path.join(dir, 'l2top', 'config.json');
    expect(helpOf([], { XDG_CONFIG_HOME: dir })).toContain(`Config file: ${file}\n  the default path; not found, so the defaults are in use\n`);
    fs.mkdirSync(path.dirname(file));
    fs.writeFileSync(file, '{}');
    expect(helpOf([], { XDG_CONFIG_HOME: dir })).toContain(`Config file: ${file}\n  the default path\n`);
  });

  it('names a file from --config or $L2TOP_CONFIG, resolved to an absolute path', () => {
    const file = path.join(dir, 'mine.json');
    fs.writeFileSync(file, '{}');
    process.chdir(dir);
    expect(helpOf(['--config', 'mine.json'], { XDG_CONFIG_HOME: '/elsewhere' })).toContain(`Config file: ${file}\n  from --config\n`);
    expect(helpOf([], { L2TOP_CONFIG: file })).toContain(`Config file: ${file}\n  from $L2TOP_CONFIG\n`);
  });

  it('lists the exit statuses of the documented contract', () => {
    const text = helpOf([], { XDG_CONFIG_HOME: dir });
    expect(text).toMatch(/^Exit status:\n {2}0 +at least one network had data/m);
    expect(text).toMatch(/^ {2}1 +no network had data \(the reasons go to stderr\)$/m);
    expect(text).toMatch(/^ {2}2 +a bad flag or an invalid config file$/m);
  });

  it('fits 80 columns', () => {
    for (const line of helpOf([], { XDG_CONFIG_HOME: '/x' }).split('\n')) expect(line.length, line).toBeLessThanOrEqual(80);
  });
});
