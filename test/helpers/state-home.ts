// A fresh, empty XDG_STATE_HOME per spawned l2top, so tests never touch the user's home or each other's state.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const made: string[] = [];
process.on('exit', () => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A new empty temporary directory for XDG_STATE_HOME (removed when the test process exits). */
export function freshStateHome(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'l2top-state-home-'));
  made.push(dir);
  return dir;
}
