// Pure: the bytes that turn one full-screen frame into the next, rewriting only the lines that changed.

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
 * Escape sequences that draw `next` over `prev` on a screen whose frame starts at row 1: each changed
 * line is written in place (cursor to row, text, erase to end of line) and rows the new frame no longer
 * uses are erased. With no `prev` the screen is cleared and every line written.
 */
export function frameDiff(prev: readonly string[] | undefined, next: readonly string[]): string {
  let out = prev === undefined ? `${ESC}H${ESC}2J` : '';
  const rows = Math.max(prev?.length ?? 0, next.length);
  for (let i = 0; i < rows; i += 1) {
    const line = next[i];
    if (prev !== undefined && line === prev[i]) continue;
    if (line === undefined) out += `${ESC}${i + 1};1H${ESC}2K`;
    else if (line === '' && prev === undefined) continue;
    else out += `${ESC}${i + 1};1H${line}${ESC}0m${ESC}K`;
  }
  return out;
}
