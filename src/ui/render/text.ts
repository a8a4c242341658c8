// Fixed-width text helpers: every line the UI draws is fitted to an exact width.

/** Pads or truncates `text` to exactly `width` columns (ellipsis when cut). */
export function fit(text: string, width: number, align: 'left' | 'right' = 'left', ellipsis = '…'): string {
  if (width <= 0) return '';
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
