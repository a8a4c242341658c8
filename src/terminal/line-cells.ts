// Pure: one styled terminal line (text with SGR colour codes, as Ink writes it) as cells, one per column,
// each with the colour state it is drawn in, so two lines can be compared column by column.
import { displayWidth } from './display-width.js';

/** One column of a line: its character, the SGR state it is drawn in, and the bytes that draw it. */
export interface Cell {
  readonly ch: string;
  /** Canonical SGR state ('' when default): equal strings draw alike. */
  readonly sgr: string;
  /** The line's escape sequences just before this character (they turn the previous cell's state into this one's). */
  readonly lead: string;
}

/** A line as cells, or undefined when it holds something this parser does not model (then it is rewritten whole). */
export type Cells = readonly Cell[];

interface SgrState {
  bold: boolean;
  dim: boolean;
  italic: boolean;
  underline: boolean;
  blink: boolean;
  inverse: boolean;
  hidden: boolean;
  strike: boolean;
  fg: string;
  bg: string;
}

const DEFAULT: Readonly<SgrState> = { bold: false, dim: false, italic: false, underline: false, blink: false, inverse: false, hidden: false, strike: false, fg: '', bg: '' };
const FLAGS: readonly [keyof SgrState, number, number][] = [
  ['italic', 3, 23], ['underline', 4, 24], ['blink', 5, 25], ['inverse', 7, 27], ['hidden', 8, 28], ['strike', 9, 29],
];

/** Applies one SGR parameter list to `s`; false for a code this model does not know. */
function applySgr(s: SgrState, params: string): boolean {
  const p = params === '' ? ['0'] : params.split(';');
  for (let i = 0; i < p.length; i += 1) {
    const code = Number(p[i] === '' ? '0' : p[i]);
    if (!Number.isInteger(code)) return false;
    if (code === 0) Object.assign(s, DEFAULT);
    else if (code === 1) s.bold = true;
    else if (code === 2) s.dim = true;
    else if (code === 22) s.bold = s.dim = false;
    else if ((code >= 30 && code <= 37) || (code >= 90 && code <= 97)) s.fg = String(code);
    else if (code === 39) s.fg = '';
    else if ((code >= 40 && code <= 47) || (code >= 100 && code <= 107)) s.bg = String(code);
    else if (code === 49) s.bg = '';
    else if (code === 38 || code === 48) {
      const n = p[i + 1] === '5' ? 2 : p[i + 1] === '2' ? 4 : -1;
      if (n < 0 || i + n >= p.length) return false;
      const colour = p.slice(i, i + n + 1).join(';');
      if (code === 38) s.fg = colour;
      else s.bg = colour;
      i += n;
    } else {
      const flag = FLAGS.find(([, on, off]) => code === on || code === off);
      if (!flag) return false;
      (s as unknown as Record<string, boolean>)[flag[0]] = code === flag[1];
    }
  }
  return true;
}

/** The SGR sequence that sets `s` from the default state ('' for the default itself). */
function sgrOf(s: SgrState): string {
  const codes: string[] = [];
  if (s.bold) codes.push('1');
  if (s.dim) codes.push('2');
  for (const [key, on] of FLAGS) if (s[key]) codes.push(String(on));
  if (s.fg) codes.push(s.fg);
  if (s.bg) codes.push(s.bg);
  return codes.length === 0 ? '' : `\u001B[${codes.join(';')}m`;
}

const widths = new Map<number, number>();

/** Display width of one code point (cached); ASCII printable is 1 without a lookup. */
function widthOfCodePoint(cp: number, ch: string): number {
  if (cp >= 0x20 && cp < 0x7f) return 1;
  let w = widths.get(cp);
  if (w === undefined) {
    w = cp < 0x20 || (cp >= 0x7f && cp < 0xa0) ? -1 : displayWidth(ch);
    widths.set(cp, w);
  }
  return w;
}

/** One SGR sequence at a given index (sticky: read with lastIndex set). */
const SGR = new RegExp(`${String.fromCharCode(0x1b)}\\[([0-9;]*)m`, 'y');

/**
 * The line as cells, one per display column. Undefined when the line holds anything but SGR codes and
 * characters one column wide (wide or zero-width characters, other escapes): such a line is rewritten whole.
 */
export function lineCells(line: string): Cells | undefined {
  const cells: Cell[] = [];
  const state: SgrState = { ...DEFAULT };
  let sgr = '';
  let lead = '';
  for (let i = 0; i < line.length;) {
    const c = line.charCodeAt(i);
    if (c === 0x1b) {
      SGR.lastIndex = i;
      const m = SGR.exec(line);
      if (!m || !applySgr(state, m[1] ?? '')) return undefined;
      lead += m[0];
      sgr = sgrOf(state);
      i += m[0].length;
      continue;
    }
    const cp = line.codePointAt(i) ?? 0;
    const ch = String.fromCodePoint(cp);
    if (widthOfCodePoint(cp, ch) !== 1) return undefined;
    cells.push({ ch, sgr, lead });
    lead = '';
    i += ch.length;
  }
  return cells;
}

/** UTF-8 bytes of a string (for choosing the cheaper of two ways to draw). */
export function utf8Bytes(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i += 1) {
    const c = s.charCodeAt(i);
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c < 0xdc00 ? 4 : c >= 0xdc00 && c < 0xe000 ? 0 : 3;
  }
  return n;
}
