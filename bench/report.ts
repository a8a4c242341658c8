// What a benchmark returns, and how the results are printed (console and a README Markdown table).
import { fmt } from './stats.js';

/** A target: the measured value must be at most `max`. */
export interface Target {
  readonly max: number;
  /** As the issue words it, e.g. "<= 0.6x hello-world". */
  readonly text: string;
}

/** One reported figure. Figures without a target are context (INFO) for the ones with one. */
export interface Figure {
  /** Stable id, e.g. "cold-start.ratio". */
  readonly id: string;
  readonly label: string;
  /** null when it could not be measured (see note). */
  readonly value: number | null;
  readonly unit: string;
  readonly decimals?: number;
  readonly target?: Target;
  readonly note?: string;
  /** Also list this context figure (no target) in the README table. */
  readonly readme?: boolean;
}

export type Status = 'MET' | 'MISSED' | 'INFO' | 'ERROR';

export function statusOf(f: Figure): Status {
  if (f.value === null || !Number.isFinite(f.value)) return f.target ? 'ERROR' : 'INFO';
  if (!f.target) return 'INFO';
  return f.value <= f.target.max ? 'MET' : 'MISSED';
}

/** What one benchmark produced: its figures and free-form details for .bench/latest.json. */
export interface BenchResult {
  readonly name: string;
  readonly figures: readonly Figure[];
  readonly details?: unknown;
  readonly error?: string;
  readonly seconds?: number;
}

export function valueText(f: Figure): string {
  if (f.value === null || !Number.isFinite(f.value)) return 'n/a';
  const unit = f.unit === 'x' ? 'x' : f.unit ? ` ${f.unit}` : '';
  return `${fmt(f.value, f.decimals ?? 1)}${unit}`;
}

function pad(s: string, n: number): string {
  return s.length >= n ? s : s + ' '.repeat(n - s.length);
}

/** A plain-text table: figure, measured, target, status; each figure's note on the line below it. */
export function consoleTable(results: readonly BenchResult[]): string {
  const rows: { cells: [string, string, string, string]; note?: string }[] = [];
  for (const r of results) {
    if (r.error) rows.push({ cells: [`${r.name}: failed`, '', '', 'ERROR'], note: r.error.split('\n')[0] ?? '' });
    for (const f of r.figures) rows.push({ cells: [f.label, valueText(f), f.target?.text ?? '', statusOf(f)], ...(f.note ? { note: f.note } : {}) });
  }
  const w = [0, 1, 2].map((i) => Math.max(...rows.map((row) => row.cells[i]?.length ?? 0), 6));
  return rows.map(({ cells: [a, b, c, d], note }) => `${pad(a, w[0] ?? 0)}  ${pad(b, w[1] ?? 0)}  ${pad(c, w[2] ?? 0)}  ${d}${note ? `\n    (${note})` : ''}`).join('\n');
}

/** The Markdown table for the README's Performance section (figures with a target, then context rows). */
export function markdownTable(results: readonly BenchResult[]): string {
  const lines = ['| figure | measured | target | result |', '|---|---|---|---|'];
  const esc = (s: string): string => s.replace(/\|/g, '\\|');
  for (const r of results) {
    if (r.error) lines.push(`| ${esc(r.name)} | benchmark failed | | ERROR |`);
    for (const f of r.figures) {
      const status = statusOf(f);
      if (status === 'INFO' && !f.readme) continue;
      lines.push(`| ${esc(f.label)} | ${esc(valueText(f))} | ${esc(f.target?.text ?? '')} | ${status === 'INFO' ? '' : status} |`);
    }
  }
  return lines.join('\n');
}
