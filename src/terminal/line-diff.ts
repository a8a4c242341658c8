// Pure: the bytes that turn one drawn line into another by rewriting only the columns that changed.
import { lineCells, utf8Bytes, type Cell, type Cells } from './line-cells.js';

const ESC = '\u001B[';
const RESET = `${ESC}0m`;
const BLANK: Cell = { ch: ' ', sgr: '', lead: '' };

function same(a: Cell | undefined, b: Cell | undefined): boolean {
  const x = a ?? BLANK;
  const y = b ?? BLANK;
  return x.ch === y.ch && x.sgr === y.sgr;
}

/** Bytes to draw cells [from, to) of `next` in a row, plus the codes leading into cell `to`. */
function gapCost(next: Cells, from: number, to: number): number {
  let n = 0;
  for (let c = from; c < Math.min(to, next.length); c += 1) n += utf8Bytes((next[c]?.lead ?? '') + (next[c]?.ch ?? ''));
  return n + utf8Bytes(next[to]?.lead ?? '');
}

/** Draws columns a..b (inclusive) of `next` from the cursor, starting and ending in the default SGR state. */
function drawRun(next: Cells, a: number, b: number): string {
  let out = '';
  let state = '';
  const end = Math.min(b, next.length - 1);
  for (let c = a; c <= end; c += 1) {
    const cell = next[c] ?? BLANK;
    out += (c === a ? cell.sgr : cell.lead) + cell.ch;
    state = cell.sgr;
  }
  if (b >= next.length) return out + (state ? RESET : '') + `${ESC}K`;
  return out + (state ? RESET : '');
}

/**
 * Escape sequences that turn the cells `prev` on screen row `row` (1-based) into `next`: each run of
 * changed columns is drawn in place with its colour state set up front; runs closer together than the
 * cost of a cursor move and a colour change are drawn as one; columns past the end of a shorter line are
 * erased. '' when nothing changed. Starts and ends in the default SGR state.
 */
export function cellDiff(row: number, prev: Cells, next: Cells): string {
  const n = Math.max(prev.length, next.length);
  const runs: [number, number][] = [];
  for (let c = 0; c < n; c += 1) {
    if (same(prev[c], next[c])) continue;
    const last = runs[runs.length - 1];
    if (last && last[1] === c - 1) last[1] = c;
    else runs.push([c, c]);
  }
  const merged: [number, number][] = [];
  for (const r of runs) {
    const m = merged[merged.length - 1];
    if (m) {
      const start = `${ESC}${r[0] + 1}G`.length + (next[r[0]]?.sgr.length ?? 0) + (next[m[1]]?.sgr ? RESET.length : 0);
      if (gapCost(next, m[1] + 1, r[0]) <= start) {
        m[1] = r[1];
        continue;
      }
    }
    merged.push([r[0], r[1]]);
  }
  return merged.map(([a, b], k) => (k === 0 ? `${ESC}${row};${a + 1}H` : `${ESC}${a + 1}G`) + drawRun(next, a, b)).join('');
}

/** The whole line written over row `row`: cursor to its start, the text, then erase the rest. */
export function wholeLine(row: number, line: string): string {
  return `${ESC}${row};1H${line}${RESET}${ESC}K`;
}

/** The cheaper of a cell-level diff and rewriting the whole line (lines this model cannot parse are rewritten). */
export function lineDiff(row: number, prev: string, next: string): string {
  const whole = wholeLine(row, next);
  const a = lineCells(prev);
  const b = a ? lineCells(next) : undefined;
  if (!a || !b) return whole;
  const cells = cellDiff(row, a, b);
  return utf8Bytes(cells) < utf8Bytes(whole) ? cells : whole;
}
