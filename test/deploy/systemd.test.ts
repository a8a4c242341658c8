// deploy/systemd/l2top.service: runs `l2top serve` on loopback with the sandboxing options, checked by
// systemd-analyze (verify: no warnings; security --offline: a low exposure score) where it is installed.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { prometheusRequired } from '../helpers/prometheus.js';

const FILE = path.resolve('deploy/systemd/l2top.service');
const unit = fs.readFileSync(FILE, 'utf8');
/** Key -> every value it is given in [Service] (comments skipped). */
function serviceKeys(text: string): Map<string, string[]> {
  const keys = new Map<string, string[]>();
  let section = '';
  for (const line of text.split('\n')) {
    const header = /^\[(\w+)\]$/.exec(line);
    if (header) section = header[1] ?? '';
    const kv = /^(\w+)=(.*)$/.exec(line);
    if (section === 'Service' && kv) keys.set(kv[1] ?? '', [...(keys.get(kv[1] ?? '') ?? []), kv[2] ?? '']);
  }
  return keys;
}
const service = serviceKeys(unit);

describe('systemd unit deploy/systemd/l2top.service', () => {
  it('runs l2top serve on the loopback default port, restarting on failure', () => {
    expect(service.get('ExecStart')).toEqual(['/usr/local/bin/l2top serve --listen 127.0.0.1:9464']);
    expect(service.get('Restart')).toEqual(['on-failure']);
    expect(unit).toMatch(/^\[Install\]\nWantedBy=multi-user\.target$/m);
  });

  it('has the sandboxing keys', () => {
    const want: Record<string, string> = {
      DynamicUser: 'yes',
      StateDirectory: 'l2top',
      ProtectSystem: 'strict',
      ProtectHome: 'yes',
      PrivateTmp: 'yes',
      PrivateDevices: 'yes',
      NoNewPrivileges: 'yes',
      CapabilityBoundingSet: '',
      RestrictAddressFamilies: 'AF_INET AF_INET6 AF_UNIX',
      SystemCallFilter: '@system-service',
      ProtectKernelTunables: 'yes',
      ProtectKernelModules: 'yes',
      ProtectControlGroups: 'yes',
      RestrictNamespaces: 'yes',
      LockPersonality: 'yes',
      UMask: '0077',
    };
    expect(Object.fromEntries(Object.keys(want).map((k) => [k, service.get(k)?.[0]]))).toEqual(want);
    expect(service.get('MemoryMax')?.[0]).toMatch(/^\d+[KMG]$/);
    expect(service.has('MemoryDenyWriteExecute'), 'V8 needs W+X memory').toBe(false);
  });

  it('points l2top\'s XDG paths at the directories systemd makes (config /etc/l2top, state /var/lib/l2top)', () => {
    expect(service.get('Environment')?.[0]?.split(' ')).toEqual(expect.arrayContaining(['XDG_CONFIG_HOME=%E', 'XDG_STATE_HOME=%S']));
    expect(service.get('ConfigurationDirectory')).toEqual(['l2top']);
  });
});

const analyze = spawnSync('systemd-analyze', ['--version'], { stdio: 'ignore' }).status === 0;
if (!analyze && prometheusRequired()) throw new Error('systemd-analyze is required here (CI or L2TOP_REQUIRE_PROMETHEUS is set) but is not installed: apt-get install systemd');
if (!analyze) console.warn('skipped systemd-analyze checks: systemd-analyze is not installed (apt-get install systemd)');

describe.skipIf(!analyze)('systemd-analyze on the unit', () => {
  /** The unit with ExecStart's binary replaced by one that exists (verify checks it is executable). */
  function localCopy(text: string): { file: string; done: () => void } {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'l2top-unit-'));
    const bin = path.join(dir, 'l2top');
    fs.writeFileSync(bin, '#!/bin/sh\n', { mode: 0o755 });
    const file = path.join(dir, 'l2top.service');
    fs.writeFileSync(file, text.replaceAll('/usr/local/bin/l2top', bin));
    return { file, done: () => fs.rmSync(dir, { recursive: true, force: true }) };
  }
  const run = (...args: string[]) => spawnSync('systemd-analyze', args, { encoding: 'utf8', cwd: os.tmpdir(), timeout: 30_000 });

  it('verify prints no warning, and does for a misspelt key (the check is real)', () => {
    const good = localCopy(unit);
    const bad = localCopy(unit.replace('ProtectSystem=strict', 'ProtectSystm=strict'));
    try {
      const r = run('verify', good.file);
      expect(`${r.stdout}${r.stderr}`).toBe('');
      expect(r.status).toBe(0);
      expect(run('verify', bad.file).stderr).toMatch(/Unknown key 'ProtectSystm'/);
    } finally {
      good.done();
      bad.done();
    }
  });

  it('security --offline rates the exposure 2.0 or lower (an unsandboxed unit scores far higher)', () => {
    const good = localCopy(unit);
    const bare = localCopy(unit.split('\n').filter((l) => !/^(Protect|Private|Restrict|SystemCall|NoNew|Capability|Ambient|Lock|RemoveIPC|DynamicUser|UMask)/.test(l)).join('\n'));
    try {
      const r = run('security', '--offline=yes', '--threshold=20', good.file);
      expect(r.stdout).toMatch(/Overall exposure level for l2top\.service: [0-2]\.\d/);
      expect(r.status).toBe(0);
      expect(run('security', '--offline=yes', '--threshold=20', bare.file).status).not.toBe(0);
    } finally {
      good.done();
      bare.done();
    }
  });
});
