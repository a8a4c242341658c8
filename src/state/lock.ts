// The state directory's lock: a file holding the owner's pid, created exclusively; a dead owner's lock is stale.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Directories this process holds (so a second open in the same process is refused, not taken as stale). */
const held = new Set<string>();

export type LockResult =
  | { readonly kind: 'locked'; readonly release: () => void }
  /** Another live l2top holds it. */
  | { readonly kind: 'busy'; readonly pid: number; readonly host: string }
  /** The lock could not be written (read-only directory, disk full, ...). */
  | { readonly kind: 'error'; readonly error: NodeJS.ErrnoException };

interface Owner {
  readonly pid: number;
  readonly host: string;
}

function readOwner(file: string): Owner | undefined {
  try {
    const data = JSON.parse(fs.readFileSync(file, 'utf8')) as { pid?: unknown; host?: unknown };
    return typeof data.pid === 'number' && typeof data.host === 'string' ? { pid: data.pid, host: data.host } : undefined;
  } catch {
    return undefined;
  }
}

/** True when `owner` may still run: another host (cannot tell), or a pid that exists (EPERM: someone else's). */
function alive(owner: Owner, file: string): boolean {
  if (owner.host !== os.hostname()) return true;
  if (owner.pid === process.pid) return held.has(file);
  try {
    process.kill(owner.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function create(file: string): LockResult | undefined {
  try {
    fs.writeFileSync(file, JSON.stringify({ pid: process.pid, host: os.hostname(), at: new Date().toISOString() }) + '\n', { flag: 'wx' });
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    return e.code === 'EEXIST' ? undefined : { kind: 'error', error: e };
  }
  held.add(file);
  return {
    kind: 'locked',
    release: () => {
      if (!held.delete(file)) return;
      if (readOwner(file)?.pid === process.pid) fs.rmSync(file, { force: true });
    },
  };
}

/**
 * Takes `<dir>/lock`. A lock whose pid no longer runs (on this host) is stale: it is moved aside and taken over.
 * A lock file without a readable owner (a crash between create and write) is stale too.
 */
export function acquireLock(dir: string): LockResult {
  const file = path.join(dir, 'lock');
  for (let attempt = 0; attempt < 2; attempt += 1) {
    const made = create(file);
    if (made) return made;
    const owner = readOwner(file);
    if (owner && alive(owner, file)) return { kind: 'busy', pid: owner.pid, host: owner.host };
    // Stale: move it aside atomically (one of two racing processes wins), check it was the stale one, retry.
    const aside = `${file}.stale-${process.pid}`;
    try {
      fs.renameSync(file, aside);
    } catch {
      continue;
    }
    const moved = readOwner(aside);
    if (moved && owner && moved.pid !== owner.pid) {
      fs.renameSync(aside, file); // a live process took it in between: give it back
      return { kind: 'busy', pid: moved.pid, host: moved.host };
    }
    fs.rmSync(aside, { force: true });
  }
  const owner = readOwner(file);
  return { kind: 'busy', pid: owner?.pid ?? 0, host: owner?.host ?? '' };
}
