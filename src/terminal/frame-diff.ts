// Pure: the bytes that turn one full-screen frame into the next, rewriting only the lines that changed.
import sliceAnsi from 'slice-ansi';
import { displayWidth } from './display-width.js';
import { lineDiff, wholeLine } from './line-diff.js';

const ESC = '\u001B[';
/** Ink's own framing around a frame in standard mode: erase lines, cursor moves, cursor show/hide, sync. */
const INK_CONTROL = /\u001B\[(?:2K|1A|G|\?25[lh]|\?2026[hl]|2J|3J|H)/g;
const CLEAR_TERMINAL = /\u001B\[2J/;

/** Splits one of Ink's writes into the frame's lines; `full` when Ink cleared the terminal. */
export function parseInkWrite(chunk: string): { lines: string[]; full: boolean } {
  const full = CLEAR_TERMINAL.test(chunk);
  const text = chunk.replace(INK_CONTROL, '');
  const lines = text.split('\n');
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return { lines, full };
}

/**
 * The frame as the terminal can show it: at most `rows` lines, each at most `columns` display columns.
 * Right after a resize Ink lays out the tree that was built for the old width once more, so a line can be
 * wider than the terminal; written as is, the terminal would wrap its tail onto the next row (a row the
 * next frame may not rewrite, leaving a stray character there until a full redraw).
 */
export function clipFrame(lines: readonly string[], columns: number, rows: number): string[] {
  const out = lines.length > rows ? lines.slice(0, Math.max(0, rows)) : lines.slice();
  for (let i = 0; i < out.length; i += 1) {
    const line = out[i] ?? '';
    if (displayWidth(line) <= columns) continue;
    let cut = sliceAnsi(line, 0, columns);
    // slice-ansi keeps a double-width character that starts in the last column: drop it too.
    if (displayWidth(cut) > columns) cut = sliceAnsi(line, 0, columns - 1);
    out[i] = cut;
  }
  return out;
}

/**
 * Escape sequences that draw `next` over `prev` on a screen whose frame starts at row 1: in each changed
 * line only the changed columns are rewritten, in place (src/terminal/line-diff.ts), and rows the new frame
 * no longer uses are erased. With no `prev` the screen is cleared and every line written.
 */
export function frameDiff(prev: readonly string[] | undefined, next: readonly string[]): string {
  let out = prev === undefined ? `${ESC}H${ESC}2J` : '';
  const rows = Math.max(prev?.length ?? 0, next.length);
  for (let i = 0; i < rows; i += 1) {
    const line = next[i];
    if (prev !== undefined && line === prev[i]) continue;
    if (line === undefined) out += `${ESC}${i + 1};1H${ESC}2K`;
    else if (line === '' && prev === undefined) continue;
    else out += prev === undefined || prev[i] === undefined ? wholeLine(i + 1, line) : lineDiff(i + 1, prev[i] ?? '', line);
  }
  return out;
}
