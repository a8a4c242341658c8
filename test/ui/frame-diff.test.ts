import { describe, expect, it } from 'vitest';
import { clipFrame, frameDiff, parseInkWrite } from '../../src/terminal/frame-diff.js';
import { lineCells } from '../../src/terminal/line-cells.js';
import { VtScreen } from '../helpers/vt-screen.js';

const E = '\u001B[';

describe('parseInkWrite', () => {
  it('strips Ink\'s erase-lines prefix, cursor codes and sync markers, keeping colours', () => {
    const chunk = `${E}2K${E}1A${E}2K${E}1A${E}2K${E}G${E}?2026hline 1\n${E}31mred${E}39m\n${E}?2026l`;
    expect(parseInkWrite(chunk)).toEqual({ lines: ['line 1', `${E}31mred${E}39m`], full: false });
  });
  it('marks a clear-terminal write as full', () => {
    expect(parseInkWrite(`${E}2J${E}3J${E}Ha\nb`)).toEqual({ lines: ['a', 'b'], full: true });
  });
});

describe('frameDiff', () => {
  it('draws a first frame in full after clearing', () => {
    expect(frameDiff(undefined, ['a', '', 'c'])).toBe(`${E}H${E}2J${E}1;1Ha${E}0m${E}K${E}3;1Hc${E}0m${E}K`);
  });
  it('rewrites only the changed columns of a changed line, in place', () => {
    expect(frameDiff(['a', 'b', 'c'], ['a', 'B', 'c'])).toBe(`${E}2;1HB`);
    expect(frameDiff(['total 1,234.56 BTC  ok'], ['total 1,234.78 BTC  ok'])).toBe(`${E}1;13H78`);
  });
  it('sets the colour a changed run is drawn in, and resets it after', () => {
    const prev = `name ${E}32m▲ +0.2%${E}39m  fine`;
    const next = `name ${E}32m▲ +0.4%${E}39m  fine`;
    expect(frameDiff([prev], [next])).toBe(`${E}1;11H${E}32m4${E}0m`);
  });
  it('draws two runs far apart separately, and close ones as one', () => {
    const pad = ' '.repeat(40);
    expect(frameDiff([`a${pad}b`], [`A${pad}B`])).toBe(`${E}1;1HA${E}42GB`);
    expect(frameDiff(['a  b'], ['A  B'])).toBe(`${E}1;1HA  B`);
  });
  it('writes nothing for an identical frame', () => {
    expect(frameDiff(['a', 'b'], ['a', 'b'])).toBe('');
  });
  it('erases rows a shorter frame no longer uses, and the tail of a line that got shorter', () => {
    expect(frameDiff(['a', 'b', 'c'], ['a', ''])).toBe(`${E}2;1H${E}K${E}3;1H${E}2K`);
    expect(frameDiff(['abcdef'], ['abc'])).toBe(`${E}1;4H${E}K`);
  });
  it('rewrites a line whole when it holds wide characters or escapes it does not model', () => {
    expect(frameDiff(['比特币 1'], ['比特币 2'])).toBe(`${E}1;1H比特币 2${E}0m${E}K`);
    expect(frameDiff([`${E}53mx 1`], [`${E}53mx 2`])).toBe(`${E}1;1H${E}53mx 2${E}0m${E}K`);
  });
});

describe('lineCells', () => {
  it('gives each column its character and canonical colour state', () => {
    const cells = lineCells(`a${E}1m${E}38;5;208mb${E}22mc${E}39m${E}0md`);
    expect(cells?.map((c) => [c.ch, c.sgr])).toEqual([['a', ''], ['b', `${E}1;38;5;208m`], ['c', `${E}38;5;208m`], ['d', '']]);
  });
  it('refuses wide and zero-width characters and unknown escapes', () => {
    expect(lineCells('比')).toBeUndefined();
    expect(lineCells('e\u0301')).toBeUndefined();
    expect(lineCells(`${E}2Jx`)).toBeUndefined();
  });
});

/** A seeded generator (mulberry32), so a failure repeats. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const STYLES: readonly [string, string][] = [
  ['', ''], [`${E}1m`, `${E}22m`], [`${E}2m`, `${E}22m`], [`${E}7m`, `${E}27m`], [`${E}33m`, `${E}39m`], [`${E}90m`, `${E}39m`],
  [`${E}38;5;208m`, `${E}39m`], [`${E}38;2;10;20;30m`, `${E}39m`], [`${E}44m`, `${E}49m`], [`${E}1m${E}32m`, `${E}39m${E}22m`],
];
const WORDS = ['a', 'bb', 'Liquid', '23.5%', '6,992.65 BTC', '▲ +0.2%', '████▉', '   ', '›', '─────', 'stale 3m', 'x'];

function randomLine(r: () => number, width: number): string {
  let out = '';
  let used = 0;
  const parts = Math.floor(r() * 8);
  for (let k = 0; k < parts; k += 1) {
    const word = r() < 0.03 ? '币' : WORDS[Math.floor(r() * WORDS.length)] ?? 'a';
    if (used + word.length > width) break;
    const [on, off] = STYLES[Math.floor(r() * STYLES.length)] ?? ['', ''];
    out += on + word + off;
    used += word.length;
  }
  return out;
}

function mutate(r: () => number, line: string, width: number): string {
  const roll = r();
  if (roll < 0.5) return line;
  if (roll < 0.6) return randomLine(r, width);
  if (roll < 0.7) return '';
  // Change some digits or letters outside the escapes, or a colour.
  if (roll < 0.8) return line.replace(/\u001B\[33m/g, `${E}34m`);
  return line.split(/(\u001B\[[0-9;]*m)/).map((part, k) => (k % 2 === 1 ? part : part.replace(/[0-9a-z]/g, (c) => (r() < 0.2 ? String.fromCharCode(c.charCodeAt(0) ^ 1) : c)))).join('');
}

describe('frameDiff on a screen', () => {
  it('leaves the screen exactly as a full redraw of the new frame would, for random frames and edits', () => {
    const r = rng(42);
    const cols = 40;
    for (let round = 0; round < 400; round += 1) {
      const rows = 1 + Math.floor(r() * 6);
      const a = Array.from({ length: rows }, () => randomLine(r, cols));
      const b = a.map((l) => mutate(r, l, cols)).slice(0, r() < 0.2 ? Math.max(1, rows - 1) : rows);
      const incremental = new VtScreen(cols, 8);
      incremental.write(frameDiff(undefined, a));
      incremental.write(frameDiff(a, b));
      const full = new VtScreen(cols, 8);
      full.write(frameDiff(undefined, b));
      expect(incremental.dump(), `round ${round}:\n${JSON.stringify(a)}\n->\n${JSON.stringify(b)}`).toBe(full.dump());
    }
  });
});

describe('clipFrame', () => {
  it('cuts lines to the terminal width in display columns, keeping escapes, and drops rows beyond the screen', () => {
    const red = `${E}31m${'x'.repeat(6)}${E}39m`;
    expect(clipFrame(['abcdef', 'abc', red, 'd'], 4, 3)).toEqual(['abcd', 'abc', `${E}31mxxxx${E}39m`]);
  });
  it('leaves out a double-width character that would straddle the last column', () => {
    expect(clipFrame(['ab比特', '比特币'], 3, 5)).toEqual(['ab', '比']);
  });
  it('keeps lines that fit as they are', () => {
    const lines = ['ab', `${E}1m比特${E}22m`];
    expect(clipFrame(lines, 4, 2)).toEqual(lines);
  });
});
