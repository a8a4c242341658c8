// The append-only journal on disk: checksummed lines in numbered segments, compacted into checkpoints (tsdb/wlog).
import fs from 'node:fs';
import path from 'node:path';
import { decodeLine, encodeLine } from './line.js';
import { RecordSchema, type JournalRecord } from './records.js';

/** A damaged file found at start-up: what was wrong and where it was set aside (renamed, never deleted). */
export interface JournalProblem {
  readonly file: string;
  readonly reason: string;
  /** The new name, when the file was set aside (not in read-only mode). */
  readonly setAsideAs?: string;
}

/** What a journal holds and how to add to it. Writes throw the file system's error (ENOSPC, EROFS, ...). */
export interface Journal {
  /** Records found at start-up, checkpoint first, then segments in order. */
  readonly records: readonly JournalRecord[];
  readonly problems: readonly JournalProblem[];
  /** Bytes appended to segments since the last checkpoint (including those found at start-up). */
  readonly pendingBytes: number;
  /** Segments found at start-up that a checkpoint would fold away. */
  readonly segmentsFound: number;
  append(records: readonly JournalRecord[]): void;
  /** Writes `records` (everything there is) as a checkpoint and drops the segments it covers. */
  checkpoint(records: readonly JournalRecord[]): void;
  close(): void;
}

const NAME = /^(checkpoint|segment)-(\d{8})\.jsonl$/;
const fileName = (kind: 'checkpoint' | 'segment', n: number) => `${kind}-${String(n).padStart(8, '0')}.jsonl`;

interface Parsed {
  readonly records: JournalRecord[];
  /** Why the file is damaged, if it is. */
  readonly damage?: string;
}

/** Reads one file: every line whose checksum and shape are right; damage names what was not. */
function parseFile(file: string, isCheckpoint: boolean): Parsed {
  const text = fs.readFileSync(file, 'utf8');
  const lines = text.split('\n');
  const torn = lines.pop() ?? '';
  const records: JournalRecord[] = [];
  let bad = 0;
  let firstBad = '';
  for (const [i, line] of lines.entries()) {
    const d = decodeLine(line);
    const parsed = d.ok ? RecordSchema.safeParse(d.value) : undefined;
    if (parsed?.success) records.push(parsed.data);
    else {
      bad += 1;
      if (firstBad === '') firstBad = `line ${i + 1}: ${d.ok ? 'unknown record' : d.reason}`;
    }
  }
  const problems: string[] = [];
  if (bad > 0) problems.push(`${bad} corrupted record${bad === 1 ? '' : 's'} (${firstBad})`);
  if (torn !== '') problems.push('truncated: the last record is incomplete (a write was interrupted)');
  if (isCheckpoint) {
    const end = records[records.length - 1];
    if (end?.k !== 'end') {
      if (torn === '') problems.push('truncated: no end record');
    } else if (end.count !== records.length - 1 + bad) problems.push(`${end.count + 1 - records.length - bad} records missing`);
  }
  return problems.length > 0 ? { records, damage: problems.join('; ') } : { records };
}

function setAside(file: string, now: number): string {
  const stamp = new Date(now).toISOString().replace(/[:.]/g, '-');
  const to = `${file}.damaged-${stamp}`;
  fs.renameSync(file, to);
  return to;
}

function syncDir(dir: string): void {
  try {
    const fd = fs.openSync(dir, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    // Some platforms cannot fsync a directory; the rename is still atomic.
  }
}

/**
 * Opens `dir/journal`: reads the newest checkpoint and the segments after it, sets damaged files aside, and
 * (unless read-only) starts a new segment for this run. Throws when the directory cannot be created or written.
 */
export function openJournal(dir: string, opts: { readonly readOnly: boolean; readonly now: number }): Journal {
  const jdir = path.join(dir, 'journal');
  if (!opts.readOnly) fs.mkdirSync(jdir, { recursive: true });
  const names = fs.existsSync(jdir) ? fs.readdirSync(jdir) : [];
  const entries = names.flatMap((name) => {
    const m = NAME.exec(name);
    return m ? [{ name, kind: m[1] as 'checkpoint' | 'segment', n: Number(m[2]) }] : [];
  });
  const checkpoints = entries.filter((e) => e.kind === 'checkpoint').sort((a, b) => b.n - a.n);
  const base = checkpoints[0];
  const segments = entries.filter((e) => e.kind === 'segment' && e.n > (base?.n ?? 0)).sort((a, b) => a.n - b.n);
  const records: JournalRecord[] = [];
  const problems: JournalProblem[] = [];
  let pendingBytes = 0;
  for (const e of [...(base ? [base] : []), ...segments]) {
    const file = path.join(jdir, e.name);
    let parsed: Parsed;
    try {
      parsed = parseFile(file, e.kind === 'checkpoint');
      if (e.kind === 'segment') pendingBytes += fs.statSync(file).size;
    } catch (error) {
      problems.push({ file, reason: `unreadable: ${(error as Error).message}` });
      continue;
    }
    records.push(...parsed.records.filter((r) => r.k !== 'end'));
    if (parsed.damage !== undefined) problems.push({ file, reason: parsed.damage, ...(opts.readOnly ? {} : { setAsideAs: setAside(file, opts.now) }) });
  }
  let current = Math.max(0, ...entries.map((e) => e.n));
  let fd: number | undefined;
  const startSegment = () => {
    current += 1;
    fd = fs.openSync(path.join(jdir, fileName('segment', current)), 'a');
    const meta = encodeLine({ k: 'meta', version: 1, at: Date.now() });
    fs.writeSync(fd, meta);
  };
  if (!opts.readOnly) {
    // Files a sound checkpoint already covers (a compaction interrupted before it could remove them).
    const sound = base !== undefined && !problems.some((p) => p.file === path.join(jdir, base.name));
    for (const e of entries) {
      if (sound && (e.n < base.n || (e.kind === 'segment' && e.n === base.n))) fs.rmSync(path.join(jdir, e.name), { force: true });
    }
    startSegment();
  }
  const write = (target: number, lines: string) => {
    fs.writeSync(target, lines);
    fs.fdatasyncSync(target);
  };
  return {
    records,
    problems,
    segmentsFound: segments.length,
    get pendingBytes() {
      return pendingBytes;
    },
    append(list) {
      if (fd === undefined || list.length === 0) return;
      const lines = list.map(encodeLine).join('');
      write(fd, lines);
      pendingBytes += Buffer.byteLength(lines);
    },
    checkpoint(list) {
      if (fd === undefined) return;
      // New appends go to a fresh segment; the checkpoint covers every segment up to the one just closed.
      fs.closeSync(fd);
      fd = undefined;
      const covers = current;
      startSegment();
      const target = path.join(jdir, fileName('checkpoint', covers));
      const tmp = `${target}.tmp`;
      const out = fs.openSync(tmp, 'w');
      try {
        const body = [{ k: 'meta', version: 1, at: Date.now() }, ...list];
        const chunk = 512;
        for (let i = 0; i < body.length; i += chunk) fs.writeSync(out, body.slice(i, i + chunk).map(encodeLine).join(''));
        fs.writeSync(out, encodeLine({ k: 'end', count: body.length }));
        fs.fsyncSync(out);
      } catch (error) {
        fs.closeSync(out);
        fs.rmSync(tmp, { force: true });
        throw error;
      }
      fs.closeSync(out);
      fs.renameSync(tmp, target);
      syncDir(jdir);
      pendingBytes = 0;
      for (const name of fs.readdirSync(jdir)) {
        const m = NAME.exec(name);
        if (m && Number(m[2]) <= covers && name !== path.basename(target)) fs.rmSync(path.join(jdir, name), { force: true });
      }
    },
    close() {
      if (fd !== undefined) fs.closeSync(fd);
      fd = undefined;
    },
  };
}
