// bin/l2top.js starts Node with the flags the benchmarks assume, as the installed command and from npm start.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { L2TOP_NODE_ENV, L2TOP_NODE_FLAGS } from '../../bench/context.js';

const root = path.resolve(import.meta.dirname, '../..');

describe('node flags', () => {
  it('bin/l2top.js execs node with the flags when run by sh, and npm start and demo pass the same', () => {
    const bin = fs.readFileSync(path.join(root, 'bin/l2top.js'), 'utf8').split('\n');
    expect(bin[0]).toBe('#!/bin/sh');
    expect(bin[1]).toBe(`":" //; MALLOC_ARENA_MAX=\${MALLOC_ARENA_MAX:-${L2TOP_NODE_ENV['MALLOC_ARENA_MAX']}} exec node ${L2TOP_NODE_FLAGS.join(' ')} "$0" "$@"`);
    const scripts = (JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    for (const name of ['start', 'demo']) expect(scripts[name]).toContain(`node ${L2TOP_NODE_FLAGS.join(' ')} bin/l2top.js`);
  });

  it('run through sh (as the installed command is), node gets the flags and the environment, a value set already kept', () => {
    // A tiny script in the same polyglot form proves sh hands the flag to node (bin/l2top.js needs a build).
    const dir = fs.mkdtempSync(path.join(root, 'node_modules/.cache-node-flags-'));
    try {
      const file = path.join(dir, 'probe.mjs');
      fs.writeFileSync(file, `${fs.readFileSync(path.join(root, 'bin/l2top.js'), 'utf8').split('\n').slice(0, 2).join('\n')}\nprocess.stdout.write(JSON.stringify([process.execArgv, process.env.MALLOC_ARENA_MAX]));\n`);
      fs.chmodSync(file, 0o755);
      const env = { ...process.env };
      delete env['MALLOC_ARENA_MAX'];
      expect(JSON.parse(execFileSync(file, { encoding: 'utf8', env }))).toEqual([L2TOP_NODE_FLAGS, L2TOP_NODE_ENV['MALLOC_ARENA_MAX']]);
      expect(JSON.parse(execFileSync(file, { encoding: 'utf8', env: { ...env, MALLOC_ARENA_MAX: '8' } }))).toEqual([L2TOP_NODE_FLAGS, '8']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
