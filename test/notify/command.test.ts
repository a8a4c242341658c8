// alerts.command: argv without a shell, the alert in the environment and on stdin, a timeout that kills it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { commandHook } from '../../src/notify/command.js';
import { alertPayload } from '../../src/notify/payload.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'l2top-cmd-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const ALERT = { at: Date.UTC(2026, 10, 21, 10, 30), rule: 2, ruleText: 'source-down mempool-lightning for 30m', subject: 'mempool-lightning', message: 'mempool Lightning down for 31m: HTTP 500', values: { minutes: 31 } };
const PAYLOAD = alertPayload(ALERT, { version: '0.1.0', host: 'box', sample: false, replay: false });
const never = new AbortController().signal;

describe('command hook', () => {
  it('gets the L2TOP_ALERT_* environment and the JSON on stdin, with shell characters passed as plain arguments', async () => {
    const out = path.join(dir, 'out.json');
    const script = `let s='';process.stdin.on('data',d=>s+=d).on('end',()=>require('fs').writeFileSync(process.argv[1],JSON.stringify({argv:process.argv.slice(2),stdin:s,env:Object.fromEntries(Object.entries(process.env).filter(([k])=>k.startsWith('L2TOP_')))})))`;
    await commandHook({ argv: [process.execPath, '-e', script, out, '$(touch pwned); `id` | x'], timeoutMs: undefined })(PAYLOAD, never);
    const got = JSON.parse(fs.readFileSync(out, 'utf8')) as { argv: string[]; stdin: string; env: Record<string, string> };
    expect(got.argv).toEqual(['$(touch pwned); `id` | x']);
    expect(fs.existsSync('pwned')).toBe(false);
    expect(JSON.parse(got.stdin)).toEqual(PAYLOAD);
    expect(got.env).toMatchObject({
      L2TOP_ALERT_AT: '2026-11-21T10:30:00.000Z',
      L2TOP_ALERT_RULE: 'source-down mempool-lightning for 30m',
      L2TOP_ALERT_RULE_INDEX: '2',
      L2TOP_ALERT_SUBJECT: 'mempool-lightning',
      L2TOP_ALERT_MESSAGE: 'mempool Lightning down for 31m: HTTP 500',
      L2TOP_ALERT_VALUES: '{"minutes":31}',
      L2TOP_SAMPLE: '0',
      L2TOP_REPLAY: '0',
    });
    expect(JSON.parse(got.env['L2TOP_ALERT_JSON'] ?? '')).toEqual(PAYLOAD);
  });

  it('a non-zero exit is a failure with the status and the last stderr line', async () => {
    const run = commandHook({ argv: [process.execPath, '-e', 'console.error("first"); console.error("smtp: no route"); process.exit(3)'], timeoutMs: undefined });
    await expect(run(PAYLOAD, never)).rejects.toThrow(/exited with status 3: smtp: no route$/);
  });

  it('a command that runs too long is killed after its timeout', async () => {
    const started = Date.now();
    const run = commandHook({ argv: [process.execPath, '-e', 'setTimeout(() => {}, 60000)'], timeoutMs: 300 });
    await expect(run(PAYLOAD, never)).rejects.toThrow('still running after 0.3 s: killed');
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('a program that does not exist says so', async () => {
    await expect(commandHook({ argv: ['/nonexistent/notify'], timeoutMs: undefined })(PAYLOAD, never)).rejects.toThrow('could not start /nonexistent/notify: not found (ENOENT)');
  });
});
