// Fixed-width text helpers: every line the UI draws is fitted to an exact width.

const ASCII = /^[\x20-\x7e]*$/;

/** Pads or truncates `text` to exactly `width` columns (ellipsis when cut). */
export function fit(text: string, width: number, align: 'left' | 'right' = 'left', ellipsis = '…'): string {
  if (width <= 0) return '';
  // Fast path: plain ASCII (most cells) has one UTF-16 unit per column.
  if (ASCII.test(text)) {
    if (text.length > width) return width === 1 ? text.slice(0, 1) : text.slice(0, width - 1) + ellipsis;
    const pad = ' '.repeat(width - text.length);
    return align === 'left' ? text + pad : pad + text;
  }
  const chars = [...text];
  if (chars.length > width) {
    return width === 1 ? (chars[0] ?? '') : chars.slice(0, width - 1).join('') + ellipsis;
  }
  const pad = ' '.repeat(width - chars.length);
  return align === 'left' ? text + pad : pad + text;
}

/** Display width of a string made of single-width characters. */
export function widthOf(text: string): number {
  return [...text].length;
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
