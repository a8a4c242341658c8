// Config files the real binary refuses: a top level that is not an object, and a file over the size limit.
// `--demo` keeps a regression from reaching real providers: the file is checked before anything else runs.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONFIG_MAX_BYTES } from '../../src/config/load.js';
import { runBinary } from '../helpers/run-binary.js';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'l2top-config-bin-'));
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Writes `text`, runs `l2top --config <file> --once --demo`, and checks the file's bytes and mtime did not change. */
async function run(name: string, text: string) {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  const mtime = fs.statSync(file).mtimeMs;
  const r = await runBinary(['--config', file, '--once', '--demo'], { XDG_CONFIG_HOME: dir, HOME: dir });
  expect(fs.readFileSync(file, 'utf8')).toBe(text);
  expect(fs.statSync(file).mtimeMs).toBe(mtime);
  return { file, ...r };
}

describe('l2top --config <file> --once', () => {
  it.each([
    ['array', '[]', 'an array'],
    ['null', 'null', 'null'],
    ['number', '42', 'a number (42)'],
    ['string', '"x"', 'a string'],
    ['boolean', 'true', 'a boolean (true)'],
  ])('a top level that is %s: exit 2, the file named, nothing on stdout', async (name, text, kind) => {
    const r = await run(`${name}.json`, text);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`l2top: invalid config file ${r.file}: the top level must be a JSON object ({ ... }), not ${kind}\n`);
    expect(r.stdout).toBe('');
  });

  it('a file over 1 MiB: exit 2, the file and the limit named', async () => {
    const text = `{${' '.repeat(CONFIG_MAX_BYTES)}"pollInterval": "30s"}`;
    const r = await run('big.json', text);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`l2top: config file ${r.file}: ${Buffer.byteLength(text).toLocaleString('en-US')} bytes, over the 1 MiB limit for a config file (not read)\n`);
    expect(r.stdout).toBe('');
  });

  it('an object top level still runs (the check is not over-eager)', async () => {
    const r = await run('ok.json', '{"pollInterval": "30s"}');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('SAMPLE');
  });
});
