// The disk edge: restores the store from the state directory at start, then journals what changes.
import fs from 'node:fs';
import { age } from '../model/health.js';
import type { State, StorageStatus } from '../model/state.js';
import type { Store } from '../model/store.js';
import { rememberedFrom } from './from-records.js';
import { openJournal, type Journal } from './journal.js';
import { Provenance } from './provenance.js';
import { acquireLock } from './lock.js';
import { checkpointRecords, diffRecords } from './to-records.js';

export interface PersistOptions {
  /** The state directory (created when missing). */
  readonly dir: string;
  readonly store: Store;
  readonly now: () => number;
  /** Shows a one-line notice in the footer (problems, read-only, not writable). */
  readonly notice?: (text: string) => void;
  /** Segments holding more than this are folded into a checkpoint (default 4 MiB). */
  readonly compactBytes?: number;
  /** After a failed write, how long until a full rewrite is tried again (default 10 minutes). */
  readonly retryMs?: number;
  /**
   * The store's state before its first poll, when persistence starts after polls began (the live dashboard
   * loads the state directory after its first frame): what changed since is journaled before the restore.
   */
  readonly since?: State;
  /** Tests: wraps the journal (e.g. to make writes fail as on a full disk). */
  readonly wrap?: (journal: Journal) => Journal;
}

export interface Persistence {
  /** Writes a checkpoint when one is due, stops journaling and releases the lock. */
  close(): void;
  /** Which source gave each point (kept while journaling; `l2top serve` hands it to hub viewers). */
  readonly provenance?: Provenance;
}

const COMPACT_BYTES = 4 * 1024 * 1024;
/** More segments than this (one per run: e.g. --once from cron) are folded into a checkpoint at start. */
const MAX_SEGMENTS = 8;

function reason(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  return e.code ? `${e.code}: ${e.message.replace(/^\w+: /, '')}` : String(e.message ?? error);
}

function countPoints(series: Readonly<Record<string, Readonly<Record<string, readonly unknown[]>>>>): number {
  return Object.values(series).reduce((n, byNet) => n + Object.values(byNet).reduce((m, p) => m + p.length, 0), 0);
}

/**
 * Loads the state directory into the store (one `state/restore` action), then appends every change the store
 * makes (points, values, health, alerts) as it happens. Never throws: a directory that cannot be read or written
 * becomes a status and a notice, and l2top keeps running in memory.
 */
export function startPersistence(o: PersistOptions): Persistence {
  const { store, dir } = o;
  const setStatus = (status: StorageStatus['status'], message: string) => store.dispatch({ type: 'state/storage', storage: { status, path: dir, message } });
  let lock: ReturnType<typeof acquireLock>;
  try {
    fs.mkdirSync(dir, { recursive: true });
    lock = acquireLock(dir);
  } catch (error) {
    lock = { kind: 'error', error: error as NodeJS.ErrnoException };
  }
  let journal: Journal | undefined;
  let failure = lock.kind === 'error' ? reason(lock.error) : undefined;
  const writable = lock.kind === 'locked';
  try {
    journal = openJournal(dir, { readOnly: !writable, now: o.now() });
    if (o.wrap) journal = o.wrap(journal);
  } catch (error) {
    failure = reason(error);
    if (writable) {
      try {
        journal = openJournal(dir, { readOnly: true, now: o.now() });
      } catch {
        journal = undefined;
      }
    }
  }
  const prov = new Provenance();
  const remembered = journal && journal.records.length > 0 ? rememberedFrom(journal.records, prov) : undefined;
  // Polls that ran before persistence started: journaled as they would have been, before the restore merges
  // the older points in (the restore itself is never written back).
  if (o.since && journal && writable && failure === undefined) {
    try {
      journal.append(diffRecords(o.since, store.getState(), prov));
    } catch (error) {
      failure = reason(error);
    }
  }
  if (remembered) store.dispatch({ type: 'state/restore', remembered });
  const points = remembered ? countPoints(remembered.series) : 0;
  const loaded = remembered ? `remembered ${points.toLocaleString('en-US')} points, last saved ${age(o.now() - remembered.savedAt)} ago` : 'nothing saved yet';
  const problems = journal?.problems ?? [];
  const saving = writable && failure === undefined;
  if (lock.kind === 'busy') {
    setStatus('read-only', `in use by l2top pid ${lock.pid}: read-only, this one saves nothing; ${loaded}`);
    o.notice?.(`state directory in use by l2top pid ${lock.pid}: running read-only (nothing saved)`);
  } else if (!saving) {
    setStatus('failed', `not writable (${failure ?? 'unknown'}): kept in memory only; ${loaded}`);
    o.notice?.(`state not saved: ${dir} not writable (${failure ?? 'unknown'}); running in memory`);
  } else if (problems.length > 0) {
    const text = problems.map((p) => `${p.file}: ${p.reason}${p.setAsideAs ? `; set aside as ${p.setAsideAs}` : ''}`).join('; ');
    setStatus('recovered', `${text}; ${loaded}`);
    o.notice?.(`state file damaged, set aside: ${text}`);
  } else {
    setStatus('ok', `saving as polls arrive; ${loaded}`);
  }
  if (!saving || !journal) {
    if (lock.kind === 'locked') lock.release();
    journal?.close();
    return { close: () => undefined };
  }
  const j = journal;
  const compactBytes = o.compactBytes ?? COMPACT_BYTES;
  let failed = false;
  let retryTimer: NodeJS.Timeout | undefined;
  const fail = (error: unknown) => {
    failed = true;
    setStatus('failed', `write failed (${reason(error)}): kept in memory only, retrying`);
    o.notice?.(`state not saved: ${reason(error)}; running in memory`);
    retryTimer = setTimeout(retry, o.retryMs ?? 600_000);
    retryTimer.unref();
  };
  const compact = () => {
    try {
      const state = store.getState();
      prov.prune(state.now - state.windowMs);
      j.checkpoint(checkpointRecords(state, prov));
      return true;
    } catch (error) {
      fail(error);
      return false;
    }
  };
  const retry = () => {
    failed = false;
    if (compact()) setStatus('ok', 'saving as polls arrive (recovered from a failed write)');
  };
  let prev = store.getState();
  const unsubscribe = store.subscribe(() => {
    const next = store.getState();
    if (failed) {
      prev = next;
      return;
    }
    const records = diffRecords(prev, next, prov);
    prev = next;
    if (records.length === 0) return;
    try {
      j.append(records);
    } catch (error) {
      fail(error);
      return;
    }
    if (j.pendingBytes > compactBytes) compact();
  });
  // Fold damaged, many or large segments into a checkpoint soon, off the first frame's path.
  const due = problems.length > 0 || j.segmentsFound > MAX_SEGMENTS || j.pendingBytes > compactBytes;
  let dueTimer: NodeJS.Timeout | undefined;
  if (due) {
    dueTimer = setTimeout(() => {
      dueTimer = undefined;
      if (!failed) compact();
    }, 3_000);
    dueTimer.unref();
  }
  let closed = false;
  return {
    provenance: prov,
    close() {
      if (closed) return; // main's exit paths and Runtime.close() may both close it
      closed = true;
      unsubscribe();
      clearTimeout(retryTimer);
      if (dueTimer !== undefined && !failed) {
        clearTimeout(dueTimer);
        compact();
      }
      j.close();
      if (lock.kind === 'locked') lock.release();
    },
  };
}
