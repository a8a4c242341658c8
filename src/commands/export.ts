// `l2top export`: the saved window as CSV or NDJSON rows, read from the state directory without polling.
import path from 'node:path';
import { VERSION } from '../version.js';
import { EXPORT_USAGE, parseExportFlags, type ExportFlags } from '../config/args.js';
import { defaultStateDir } from '../config/load.js';
import { RANGE_MS } from '../model/state.js';
import type { Metric } from '../model/types.js';
import { rememberedFrom } from '../state/from-records.js';
import { openJournal } from '../state/journal.js';
import { Provenance, seriesKey } from '../state/provenance.js';
import type { JournalRecord } from '../state/records.js';
import { resolveHub } from '../config/hub.js';
import { fetchHubRecords } from '../feeds/hub/fetch-records.js';

/** One exported row. `value` is null for a gap. */
export interface ExportRow {
  readonly time: string;
  readonly network: string;
  readonly metric: Metric;
  /** BTC as an exact decimal string for btc-locked, USD for defi-tvl; null at a gap. */
  readonly value: string | null;
  readonly unit: 'BTC' | 'USD';
  readonly source: string;
  /** live: a poll of this run; backfill: from the upstream's history; gap: no value (a failed or stale poll). */
  readonly status: 'live' | 'backfill' | 'gap';
}

export const CSV_HEADER = 'time,network,metric,value,unit,source,status';

/** Exact BTC from integer sats: 12345678901 -> "123.45678901". */
function btc(sats: number): string {
  const sign = sats < 0 ? '-' : '';
  const abs = Math.abs(Math.round(sats));
  return `${sign}${Math.floor(abs / 1e8)}.${String(abs % 1e8).padStart(8, '0')}`;
}

/** RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled. */
function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(r: ExportRow): string {
  return [r.time, r.network, r.metric, r.value ?? '', r.unit, r.source, r.status].map(csvField).join(',') + '\r\n';
}

/** The rows of the saved window in `dir`, oldest first, from `since` (ms) on; `problems` says what could not be read. */
export function exportRows(dir: string, o: { readonly since: number; readonly metric?: Metric | undefined }): { rows: ExportRow[]; problems: string[]; found: boolean } {
  const journal = openJournal(dir, { readOnly: true, now: Date.now() });
  return { rows: rowsFrom(journal.records, o), problems: journal.problems.map((p) => `${p.file}: ${p.reason}`), found: journal.records.length > 0 };
}

/** The rows the records hold (a state directory's, or a hub's), oldest first, from `since` (ms) on. */
export function rowsFrom(records: readonly JournalRecord[], o: { readonly since: number; readonly metric?: Metric | undefined }): ExportRow[] {
  const prov = new Provenance();
  const r = rememberedFrom(records, prov);
  const rows: ExportRow[] = [];
  for (const metric of ['btc-locked', 'defi-tvl'] as const) {
    if (o.metric !== undefined && o.metric !== metric) continue;
    for (const [network, points] of Object.entries(r.series[metric])) {
      const until = r.backfilledUntil[metric][network] ?? -Infinity;
      const key = seriesKey(metric, network);
      for (const [t, v] of points) {
        if (t < o.since) continue;
        const gap = !Number.isFinite(v);
        rows.push({
          time: new Date(t).toISOString(), network, metric,
          value: gap ? null : metric === 'btc-locked' ? btc(v) : String(v),
          unit: metric === 'btc-locked' ? 'BTC' : 'USD',
          source: gap ? '' : prov.sourceOf(key, t) ?? '',
          status: gap ? 'gap' : t <= until ? 'backfill' : 'live',
        });
      }
    }
  }
  rows.sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : 0));
  return rows;
}

/** Writes text to stdout; resolves false when the reader went away (EPIPE: `| head`). */
function write(out: NodeJS.WritableStream, text: string): Promise<boolean> {
  return new Promise((resolve) => {
    const onError = () => resolve(false);
    out.once('error', onError);
    out.write(text, (error) => {
      out.off('error', onError);
      resolve(!error);
    });
  });
}

/** Runs `l2top export ...`; resolves with the exit code (0 rows written, 1 nothing saved, 2 bad flags). */
export async function runExport(argv: readonly string[], env: NodeJS.ProcessEnv = process.env, out: NodeJS.WritableStream = process.stdout): Promise<number> {
  let flags: ExportFlags;
  try {
    flags = parseExportFlags(argv);
  } catch (error) {
    process.stderr.write(`l2top: ${(error as Error).message}\n\n${EXPORT_USAGE}\n`);
    return 2;
  }
  const since = flags.range === undefined ? -Infinity : Date.now() - RANGE_MS[flags.range];
  if (flags.hub !== undefined || flags.tokenFile !== undefined) {
    const { hub, error } = resolveHub(flags.hub, flags.tokenFile);
    if (hub === undefined) {
      process.stderr.write(`l2top: export: ${error ?? '--hub needed'}\n`);
      return 2;
    }
    const got = await fetchHubRecords(hub.url, hub.token, `l2top/${VERSION}`);
    if ('error' in got) {
      process.stderr.write(`l2top: export: ${got.error}\n`);
      return 1;
    }
    return writeRows(out, flags, rowsFrom(got.records, { since, metric: flags.metric }));
  }
  const dir = flags.stateDir !== undefined ? path.resolve(flags.stateDir) : defaultStateDir(env);
  if (dir === undefined) {
    process.stderr.write('l2top: export: no state directory (no home folder): give --state-dir\n');
    return 2;
  }
  const { rows, problems, found } = exportRows(dir, { since, metric: flags.metric });
  for (const p of problems) process.stderr.write(`l2top: export: skipped damaged records: ${p}\n`);
  if (!found) {
    process.stderr.write(`l2top: export: nothing saved in ${dir} (run l2top first, without --no-state)\n`);
    return 1;
  }
  return writeRows(out, flags, rows);
}

/** Writes the rows in the chosen format; resolves 0 (also when the reader went away). */
async function writeRows(out: NodeJS.WritableStream, flags: ExportFlags, rows: readonly ExportRow[]): Promise<number> {
  const lines = flags.format === 'csv' ? rows.map(csvLine) : rows.map((r) => JSON.stringify(r) + '\n');
  if (flags.format === 'csv') lines.unshift(CSV_HEADER + '\r\n');
  for (let i = 0; i < lines.length; i += 2_000) {
    if (!(await write(out, lines.slice(i, i + 2_000).join('')))) return 0;
  }
  return 0;
}
