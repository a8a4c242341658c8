// The bundle's Ink Output (scripts/ink-output.mjs) must put the same characters in the same styles where Ink's
// own Output does: every case here goes through both and the screens are compared cell by cell.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { styledCharsFromTokens, tokenize } from '@alcalzone/ansi-tokenize';
import { describe, expect, it } from 'vitest';
import LeanOutput from '../../scripts/ink-output.mjs';

interface OutputLike {
  write(x: number, y: number, text: string, options: { transformers: ((line: string, index: number) => string)[] }): void;
  clip(clip: { x1?: number; x2?: number; y1?: number; y2?: number }): void;
  unclip(): void;
  get(): { output: string; height: number };
}
type OutputClass = new (options: { width: number; height: number }) => OutputLike;

const inkOutputFile = pathToFileURL(path.resolve('node_modules/ink/build/output.js')).href;
const InkOutput = ((await import(inkOutputFile)) as { default: OutputClass }).default;

const sgr = (open: number, close: number) => (s: string) => `\u001B[${open}m${s}\u001B[${close}m`;
const red = sgr(31, 39);
const bold = sgr(1, 22);
const inverse = sgr(7, 27);
const bgBlue = sgr(44, 49);
const dim = sgr(2, 22);

type Op = ['write', number, number, string, ((line: string, index: number) => string)[]?] | ['clip', { x1?: number; x2?: number; y1?: number; y2?: number }] | ['unclip'];

/** Each output line as the characters a terminal shows, each with its set of SGR codes. */
function screen(output: string): string[][] {
  return output.split('\n').map((line) => styledCharsFromTokens(tokenize(line)).map((c) => `${c.value}|${c.styles.map((s) => s.code).sort().join('')}`));
}

function both(width: number, height: number, ops: Op[]): [string[][], string[][]] {
  const outputs = [new InkOutput({ width, height }), new LeanOutput({ width, height })];
  for (const out of outputs) {
    for (const op of ops) {
      if (op[0] === 'write') out.write(op[1], op[2], op[3], { transformers: op[4] ?? [] });
      else if (op[0] === 'clip') out.clip(op[1]);
      else out.unclip();
    }
  }
  const [ink, lean] = outputs.map((o) => o.get());
  expect(lean?.height).toBe(ink?.height);
  return [screen(ink?.output ?? ''), screen(lean?.output ?? '')];
}

describe('the bundle\'s Ink Output', () => {
  const cases: Record<string, [number, number, Op[]]> = {
    'plain and coloured narrow text': [40, 4, [['write', 0, 0, 'Lightning  ██████▋  17.4%'], ['write', 2, 1, `${red('██▌')} ${bold('Liquid')} ${dim('via x')}`]]],
    'nested and overlapping styles': [30, 2, [['write', 0, 0, inverse(bold(`${red('a')}b`) + 'c') + bgBlue('  d  ')]]],
    'a later write over an earlier one': [20, 2, [['write', 0, 0, red('abcdefghij')], ['write', 3, 0, bold('XY')]]],
    'wide characters, emoji and combining marks': [30, 3, [['write', 0, 0, `比特币 ${red('桥')} x`], ['write', 1, 1, '🟠 Orange e\u0301 ok'], ['write', 0, 2, `${red('a')}比${bold('b')}`]]],
    'a link and a tab fall back to Ink\'s tokenizer': [40, 2, [['write', 0, 0, '\u001B]8;;http://x\u0007link\u001B]8;;\u0007 after'], ['write', 0, 1, 'a\tb']]],
    'clipped horizontally and vertically': [20, 5, [['clip', { x1: 2, x2: 8, y1: 1, y2: 3 }], ['write', 0, 0, 'aaaaaaaaaaaa\nbbbbbbbbbbbb\n' + red('cccccccccccc') + '\ndddddddddd'], ['unclip'], ['write', 0, 4, 'outside']]],
    'a line wider than the grid': [10, 2, [['write', 5, 0, red('0123456789')]]],
    'lines below the grid and an empty write': [10, 2, [['write', 0, 1, 'one\ntwo\nthree'], ['write', 0, 0, '']]],
    'transformers': [20, 2, [['write', 0, 0, 'ab\ncd', [(line, i) => (i === 0 ? red(line) : bold(line.toUpperCase()))]]]],
    'styled trailing spaces are kept': [20, 1, [['write', 0, 0, `x${bgBlue('    ')}`]]],
  };
  for (const [name, [width, height, ops]] of Object.entries(cases)) {
    it(name, () => {
      const [ink, lean] = both(width, height, ops);
      expect(lean).toEqual(ink);
    });
  }
});
