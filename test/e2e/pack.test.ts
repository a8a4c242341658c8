// The package as a user gets it: `npm pack` from a checkout without dist/ (prepack builds it), the tarball
// installed globally into an empty prefix with the registry out of reach, and the installed `l2top` run.
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pkg from '../../package.json' with { type: 'json' };

/** What a checkout holds that the build needs (no dist/, no .git); node_modules is linked, not copied. */
const CHECKOUT = ['package.json', 'README.md', 'LICENSE', 'tsconfig.json', 'bin', 'scripts', 'src'];
/** Every file the install may hold: the package's own, nothing from node_modules. */
const INSTALLED = ['LICENSE', 'README.md', 'bin/l2top.js', 'bin/load-bundle.js', 'bin/package.json', 'dist/THIRD-PARTY-NOTICES.txt', 'dist/l2top.cjs', 'dist/serve.cjs', 'package.json'];

let work: string;
let prefix: string;
let installed: string;
let tarball: string;

/** The environment without npm's own variables (npm test sets npm_config_* that would steer the inner npm). */
function cleanEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v !== undefined && !/^npm_/i.test(k) && !k.startsWith('VITEST') && k !== 'CI' && !k.startsWith('CI_') && k !== 'L2TOP_CONFIG') env[k] = v;
  }
  // The node running the suite comes first, for npm and for the installed bin's `#!/usr/bin/env node`.
  env.PATH = `${path.dirname(process.execPath)}${path.delimiter}${env.PATH ?? ''}`;
  return { ...env, ...extra };
}

function run(command: string, args: string[], cwd: string, env: Record<string, string>): SpawnSyncReturns<string> {
  const r = spawnSync(command, args, { cwd, env, encoding: 'utf8', timeout: 120_000 });
  if (r.error) throw r.error;
  return r;
}

function mustRun(command: string, args: string[], cwd: string, env: Record<string, string>): string {
  const r = run(command, args, cwd, env);
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${r.status}:\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => !e.isDirectory())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
}

beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'l2top-pack-'));
  const checkout = path.join(work, 'checkout');
  for (const entry of CHECKOUT) fs.cpSync(path.resolve(entry), path.join(checkout, entry), { recursive: true });
  fs.symlinkSync(path.resolve('node_modules'), path.join(checkout, 'node_modules'), 'dir');
  const env = cleanEnv({ npm_config_cache: path.join(work, 'npm-cache'), npm_config_update_notifier: 'false' });
  mustRun('npm', ['pack', '--pack-destination', work], checkout, env);
  const tgz = fs.readdirSync(work).filter((f) => f.endsWith('.tgz'));
  expect(tgz).toEqual([`l2top-${pkg.version}.tgz`]);
  tarball = path.join(work, tgz[0] ?? '');
  prefix = path.join(work, 'prefix');
  // --offline: the install may only use the tarball; a dependency to fetch would fail here.
  mustRun('npm', ['install', '--global', '--offline', '--no-audit', '--no-fund', '--prefix', prefix, tarball], work, env);
  installed = path.join(prefix, 'lib', 'node_modules', 'l2top');
}, 180_000);

afterAll(() => {
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

/** The installed `l2top` command, as a user's shell would find it, with an empty config folder. */
function l2top(args: string[], env: Record<string, string> = { XDG_CONFIG_HOME: path.join(work, 'config') }): SpawnSyncReturns<string> {
  return run(path.join(prefix, 'bin', 'l2top'), args, work, { ...cleanEnv(), ...env });
}

describe('npm pack and an offline install', () => {
  it('installs the package alone: its own seven files, no node_modules', () => {
    expect(filesUnder(installed)).toEqual(INSTALLED);
    expect(fs.existsSync(path.join(installed, 'node_modules'))).toBe(false);
    // The prefix holds the package and the command's link, nothing else.
    expect(filesUnder(prefix)).toEqual(['bin/l2top', ...INSTALLED.map((f) => `lib/node_modules/l2top/${f}`)]);
    const manifest = JSON.parse(fs.readFileSync(path.join(installed, 'package.json'), 'utf8')) as { dependencies?: object };
    expect(manifest.dependencies ?? {}).toEqual({});
  });

  it('ships the MIT LICENSE and the notices of every bundled package', () => {
    expect(fs.readFileSync(path.join(installed, 'LICENSE'), 'utf8')).toMatch(/^MIT License\n\nCopyright \(c\) 2026 the l2top authors\n/);
    const notices = fs.readFileSync(path.join(installed, 'dist', 'THIRD-PARTY-NOTICES.txt'), 'utf8');
    for (const name of ['asciichart', 'conf', 'ink', 'react', 'undici', 'zod', 'yoga-layout']) {
      expect(notices, name).toMatch(new RegExp(`^${name} \\d+\\.\\d+\\.\\d+\\nLicence: MIT\\n`, 'm'));
    }
    // Every listed package has its licence text (or a stand-in) below the list.
    const listed = [...notices.matchAll(/^ {2}(\S+) (\d\S*) \((.+)\)$/gm)];
    expect(listed.length).toBeGreaterThan(40);
    for (const [, name, version] of listed) expect(notices, `${name} ${version}`).toContain(`\n${name} ${version}\nLicence: `);
  });

  it('runs `l2top --demo --once` with sample data and exits 0', () => {
    const r = l2top(['--demo', '--once']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('SAMPLE DATA');
    expect(r.stdout).toMatch(/^Lightning +[\d,.]+ /m);
  });

  it('runs `l2top --version` and `--help`', () => {
    const version = l2top(['--version']);
    expect(version.status).toBe(0);
    expect(version.stdout).toBe(`l2top ${pkg.version}\n`);
    const help = l2top(['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^Usage: l2top \[options\]$/m);
    expect(help.stdout).toContain(`Config file: ${path.join(work, 'config', 'l2top', 'config.json')}\n`);
    expect(help.stdout).toMatch(/^Exit status:$/m);
  });

  it('without HOME, --help names the config file under the OS account home folder', () => {
    const env = cleanEnv();
    delete env.HOME;
    delete env.XDG_CONFIG_HOME;
    const r = run(path.join(prefix, 'bin', 'l2top'), ['--help'], work, env);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`Config file: ${path.join(os.userInfo().homedir, '.config', 'l2top', 'config.json')}\n`);
  });
});
