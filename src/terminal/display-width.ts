// Display width in terminal columns, with a fast path for the text the dashboard draws.
import stringWidth from 'string-width';

/**
 * Characters the UI draws that are one column wide and one UTF-16 unit long (Latin-1 and Latin letters,
 * dashes and ellipsis, arrows, box drawing, blocks, the triangles, braille): text of only these is as wide
 * as it is long, so charts and bars skip string-width's per-grapheme work (Intl.Segmenter and
 * Unicode-property regular expressions; its own fast path covers printable ASCII only).
 * test/terminal/display-width.test.ts checks every one against string-width.
 */
export const NARROW = /^[\x20-\x7e\u00a0-\u00a8\u00aa-\u00ac\u00af-\u02ff\u2010-\u2027\u202f-\u203b\u2190-\u2193\u2500-\u25a9\u25ac-\u25b5\u25b7-\u25bf\u2800-\u28ff]*$/;

const SGR = /\u001B\[[0-9;]*m/g;

/**
 * True when `text`, its SGR colour codes aside, is made only of NARROW characters: each of its other UTF-16 units
 * is then one grapheme one column wide (the test Ink's bundled Output and tokenizer use to skip per-grapheme work).
 */
export function isNarrowText(text: string): boolean {
  return NARROW.test(text) || (text.includes('\u001B') && NARROW.test(text.replace(SGR, '')));
}

/**
 * Columns `text` takes, colour codes counting as nothing: text of NARROW characters (after its SGR codes are
 * removed) is as wide as it is long; anything else is measured by string-width.
 */
export function displayWidth(text: string): number {
  if (NARROW.test(text)) return text.length;
  if (text.includes('\u001B')) {
    const plain = text.replace(SGR, '');
    if (NARROW.test(plain)) return plain.length;
  }
  return stringWidth(text);
}
