// `l2top serve` keeps its memory flat with 200 SSE clients connected for a minute while it polls every second.
import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { startServe, until, type ServeProcess } from '../helpers/serve-binary.js';
import { useSimulatedProviders } from '../helpers/simulated-providers.js';
import { openEvents, type SseClient } from '../helpers/sse.js';

const sim = useSimulatedProviders('serve-memory', { pollInterval: '1s', timeoutMs: 800 });
let p: ServeProcess | undefined;
const clients: SseClient[] = [];
afterAll(async () => {
  for (const c of clients) c.close();
  await p?.stop('SIGKILL');
});

/** Resident set size of a process (Linux /proc), in MB. */
function rssMb(pid: number): number {
  const m = /^VmRSS:\s+(\d+) kB$/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(m?.[1] ?? Number.NaN) / 1024;
}

describe('l2top serve memory', () => {
  it.skipIf(process.platform !== 'linux')('200 SSE clients for 60 s: RSS flat (the last 30 s peak within 20 MB of the first 30 s peak), every client still receiving', async () => {
    p = await startServe(['--no-state', '--config', sim.config]);
    const url = p.url;
    await until(async () => (await fetch(`${url}/readyz`)).status === 200, 15_000);
    for (let i = 0; i < 200; i += 1) clients.push(await openEvents(`${url}/api/v1/events`));
    expect(clients.every((c) => c.status === 200)).toBe(true);
    const samples: { t: number; mb: number }[] = [];
    const started = Date.now();
    while (Date.now() - started < 60_000) {
      samples.push({ t: (Date.now() - started) / 1000, mb: rssMb(p.pid) });
      await new Promise((r) => setTimeout(r, 2_000));
    }
    // RSS saw-tooths with V8's collections (tens of MB at 1 s polls): flat means the peak of the second half is not
    // above the peak of the first half by more than one collection's swing.
    const early = Math.max(...samples.filter((s) => s.t < 30).map((s) => s.mb));
    const late = Math.max(...samples.filter((s) => s.t >= 30).map((s) => s.mb));
    process.stderr.write(`serve RSS with 200 SSE clients: ${samples.map((s) => s.mb.toFixed(1)).join(' ')} MB (peak of the first 30 s ${early.toFixed(1)}, of the last 30 s ${late.toFixed(1)})\n`);
    expect(late - early).toBeLessThan(20);
    expect(Math.max(...samples.map((s) => s.mb))).toBeLessThan(200);
    // Polls every second: every client got many round events, and the server still counts all 200.
    expect(Math.min(...clients.map((c) => c.events.filter((e) => e.event === 'round').length))).toBeGreaterThan(20);
    const m = await (await fetch(`${url}/metrics`)).text();
    expect(m).toMatch(/^l2top_sse_clients 200$/m);
  }, 120_000);
});
