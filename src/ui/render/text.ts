// Fixed-width text helpers: every line the UI draws is fitted to an exact width in display columns
// (a CJK character or an emoji takes two, a combining mark none), measured by displayWidth (src/terminal/display-width.ts).
import sliceAnsi from 'slice-ansi';
import { displayWidth, NARROW } from '../../terminal/display-width.js';

const ASCII = /^[\x20-\x7e]*$/;
export { NARROW };

/** Display width of `text` in terminal columns (escape sequences count as nothing). */
export function widthOf(text: string): number {
  return displayWidth(text);
}

/** The longest start of `text` at most `width` columns wide; a wide character that would straddle the edge is left out. */
export function sliceColumns(text: string, width: number): string {
  if (width <= 0) return '';
  if (NARROW.test(text)) return text.slice(0, width);
  const cut = sliceAnsi(text, 0, width);
  // slice-ansi keeps a double-width character that starts in the last column: drop it.
  return displayWidth(cut) > width ? sliceAnsi(text, 0, width - 1) : cut;
}

/** Pads or truncates `text` to exactly `width` columns (ellipsis when cut). */
export function fit(text: string, width: number, align: 'left' | 'right' = 'left', ellipsis = '…'): string {
  if (width <= 0) return '';
  // Fast path: plain ASCII (most cells), bars and charts have one UTF-16 unit per column.
  if (ASCII.test(text) || (ellipsis.length === 1 && NARROW.test(text) && NARROW.test(ellipsis))) {
    if (text.length > width) return width === 1 ? text.slice(0, 1) : text.slice(0, width - 1) + ellipsis;
    const pad = ' '.repeat(width - text.length);
    return align === 'left' ? text + pad : pad + text;
  }
  const w = displayWidth(text);
  if (w > width) {
    const cut = width === 1 ? sliceColumns(text, 1) : sliceColumns(text, width - 1) + ellipsis;
    return cut + ' '.repeat(Math.max(0, width - displayWidth(cut)));
  }
  const pad = ' '.repeat(width - w);
  return align === 'left' ? text + pad : pad + text;
}

/** "in 4m" for a future time, "in <1m" under a minute (no per-second text), "due" when due or past. */
export function dueIn(at: number, now: number, format: (ms: number) => string): string {
  const left = at - now;
  if (left <= 0) return 'due';
  return left < 60_000 ? 'in <1m' : `in ${format(left)}`;
}

/** Word-wraps `text` into at most `maxLines` lines of `width`; the last line is cut with an ellipsis. */
export function wrap(text: string, width: number, maxLines: number): string[] {
  const lines: string[] = [];
  let current = '';
  const words = text.split(' ');
  for (let i = 0; i < words.length; i += 1) {
    const word = words[i] ?? '';
    const candidate = current === '' ? word : `${current} ${word}`;
    if (widthOf(candidate) <= width || current === '') {
      current = candidate;
      continue;
    }
    if (lines.length === maxLines - 1) {
      lines.push(fit(`${current} ${words.slice(i).join(' ')}`, width));
      return lines;
    }
    lines.push(current);
    current = word;
  }
  if (current !== '') lines.push(widthOf(current) > width ? fit(current, width) : current);
  return lines.slice(0, maxLines);
}
