// Stand-in for ink/build/output.js (swapped in at bundle time): the same operations (write, clip, unclip, get)
// and the same screen, built with less work per cell. Ink's Output turns every line into an object per
// character (tokenised grapheme by grapheme, each with a copy of its style list), fills a fresh 120x40 grid of
// cell objects per frame, and diffs the style lists of neighbouring cells to print a row: ~5,000 objects and
// style diffs per frame, most of the first frame's output time while the code is still cold.
// Here a row is two arrays of strings: the text of each cell and the SGR codes that style it (from the default
// state). A line of NARROW characters and SGR codes (src/terminal/display-width.ts; what the dashboard draws)
// is read code unit by code unit; any other line (wide characters, emoji, combining marks, links, other escape
// sequences) goes through Ink's own tokenizer, so it is placed exactly as Ink places it. A row is printed with
// a reset and the full code list wherever the style changes, and a reset at its end: the same screen as Ink's
// minimal diffs (the app's FrameWriter rewrites only changed cells, whatever codes the row carries).
import sliceAnsi from 'slice-ansi';
import { styledCharsFromTokens, tokenize, reduceAnsiCodesIncremental } from '@alcalzone/ansi-tokenize';
import { displayWidth, isNarrowText } from '../src/terminal/display-width.ts';

const RESET = '\u001B[0m';
const SGR_AT = /\u001B\[[0-9;]*m/y;

/** SGR sequence -> Ink's tokens for it (compound codes split, end codes known); a bounded cache. */
const sgrTokens = new Map();
function tokensOf(sgr) {
  let tokens = sgrTokens.get(sgr);
  if (tokens === undefined) {
    tokens = tokenize(sgr);
    if (sgrTokens.size >= 512) sgrTokens.delete(sgrTokens.keys().next().value);
    sgrTokens.set(sgr, tokens);
  }
  return tokens;
}

const keyOf = (codes) => codes.map((c) => c.code).join('');

class Row {
  constructor(width) {
    this.text = new Array(width).fill(' ');
    this.style = new Array(width).fill('');
  }

  /** Writes a NARROW line at column x. */
  writeNarrow(x, line) {
    let codes = [];
    let key = '';
    let col = x;
    for (let i = 0; i < line.length; i += 1) {
      if (line.charCodeAt(i) === 0x1b) {
        SGR_AT.lastIndex = i;
        const m = SGR_AT.exec(line);
        // isNarrowText checked that every escape is an SGR sequence.
        const sgr = m[0];
        codes = reduceAnsiCodesIncremental(codes, tokensOf(sgr));
        key = keyOf(codes);
        i += sgr.length - 1;
        continue;
      }
      this.text[col] = line[i];
      this.style[col] = key;
      col += 1;
    }
  }

  /** Writes any other line at column x, placed as Ink places it. */
  writeStyled(x, line) {
    let col = x;
    for (const character of styledCharsFromTokens(tokenize(line))) {
      const key = keyOf(character.styles);
      this.text[col] = character.value;
      this.style[col] = key;
      const width = Math.max(1, displayWidth(character.value));
      for (let i = 1; i < width; i += 1) {
        this.text[col + i] = '';
        this.style[col + i] = key;
      }
      col += width;
    }
  }

  toString() {
    let out = '';
    let current = '';
    for (let i = 0; i < this.text.length; i += 1) {
      const text = this.text[i];
      if (text === undefined) continue;
      const key = this.style[i];
      if (key !== current) {
        out += current === '' ? key : RESET + key;
        current = key;
      }
      out += text;
    }
    if (current !== '') out += RESET;
    return out.trimEnd();
  }
}

export default class Output {
  width;
  height;
  operations = [];

  constructor(options) {
    const { width, height } = options;
    this.width = width;
    this.height = height;
  }

  write(x, y, text, options) {
    const { transformers } = options;
    if (!text) return;
    this.operations.push({ type: 'write', x, y, text, transformers });
  }

  clip(clip) {
    this.operations.push({ type: 'clip', clip });
  }

  unclip() {
    this.operations.push({ type: 'unclip' });
  }

  get() {
    const rows = [];
    for (let y = 0; y < this.height; y += 1) rows.push(new Row(this.width));
    const clips = [];
    for (const operation of this.operations) {
      if (operation.type === 'clip') clips.push(operation.clip);
      if (operation.type === 'unclip') clips.pop();
      if (operation.type !== 'write') continue;
      const { text, transformers } = operation;
      let { x, y } = operation;
      let lines = text.split('\n');
      const clip = clips.at(-1);
      if (clip) {
        const clipHorizontally = typeof clip?.x1 === 'number' && typeof clip?.x2 === 'number';
        const clipVertically = typeof clip?.y1 === 'number' && typeof clip?.y2 === 'number';
        // Text wholly outside the clip area is skipped.
        if (clipHorizontally) {
          const width = Math.max(...lines.map((line) => displayWidth(line)));
          if (x + width < clip.x1 || x > clip.x2) continue;
        }
        if (clipVertically) {
          if (y + lines.length < clip.y1 || y > clip.y2) continue;
        }
        if (clipHorizontally) {
          lines = lines.map((line) => {
            const from = x < clip.x1 ? clip.x1 - x : 0;
            const width = displayWidth(line);
            const to = x + width > clip.x2 ? clip.x2 - x : width;
            // A line that needs no cut is kept as it is.
            return from === 0 && to >= width ? line : sliceAnsi(line, from, to);
          });
          if (x < clip.x1) x = clip.x1;
        }
        if (clipVertically) {
          const from = y < clip.y1 ? clip.y1 - y : 0;
          const to = y + lines.length > clip.y2 ? clip.y2 - y : lines.length;
          lines = lines.slice(from, to);
          if (y < clip.y1) y = clip.y1;
        }
      }
      let offsetY = 0;
      for (let [index, line] of lines.entries()) {
        const row = rows[y + offsetY];
        // A line below the pre-sized rows is dropped, as Ink does.
        if (!row) continue;
        for (const transformer of transformers) line = transformer(line, index);
        if (isNarrowText(line)) row.writeNarrow(x, line);
        else row.writeStyled(x, line);
        offsetY += 1;
      }
    }
    return { output: rows.map((row) => row.toString()).join('\n'), height: rows.length };
  }
}
