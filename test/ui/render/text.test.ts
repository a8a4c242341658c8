import { describe, expect, it } from 'vitest';
import stringWidth from 'string-width';
import { dueIn, fit, NARROW, sliceColumns, widthOf, wrap } from '../../../src/ui/render/text.js';

describe('text', () => {
  it.each([
    ['abc', 5, 'left', 'abc  '], ['abc', 5, 'right', '  abc'], ['abcdef', 4, 'left', 'abc…'], ['abc', 0, 'left', ''], ['abc', 1, 'left', 'a'],
    ['比特币桥', 10, 'left', '比特币桥  '], ['比特币桥', 10, 'right', '  比特币桥'], ['比特币桥 bridge', 6, 'left', '比特… '],
    ['比特币桥', 5, 'left', '比特…'], ['🟠 Orange', 6, 'left', '🟠 Or…'], ['🟠 Orange', 12, 'right', '   🟠 Orange'], ['比', 1, 'left', ' '],
  ] as const)('fit(%j, %i, %s) = %j', (text, width, align, expected) => {
    const out = fit(text, width, align);
    expect(out).toBe(expected);
    expect(widthOf(out)).toBe(width);
  });
  it('measures display columns: wide characters take two, combining marks none', () => {
    expect(widthOf('比特币桥')).toBe(8);
    expect(widthOf('🟠 Orange')).toBe(9);
    expect(widthOf('e\u0301')).toBe(1);
    expect(widthOf('›█▏…')).toBe(4);
  });
  it('takes the one-column fast path only for characters string-width measures as one column', () => {
    const inClass: string[] = [];
    for (let cp = 0x20; cp < 0x3000; cp += 1) {
      const ch = String.fromCodePoint(cp);
      if (NARROW.test(ch)) inClass.push(ch);
    }
    expect(inClass).toContain('█');
    expect(inClass).toContain('▲');
    expect(inClass).not.toContain('\u0301');
    expect(inClass).not.toContain('\u00ad');
    expect(inClass.filter((ch) => stringWidth(ch) !== 1 || stringWidth(`a${ch}b`) !== 3)).toEqual([]);
  });
  it('slices by columns without splitting a wide character', () => {
    expect(sliceColumns('ab比特', 3)).toBe('ab');
    expect(sliceColumns('ab比特', 4)).toBe('ab比');
    expect(sliceColumns('abc', 2)).toBe('ab');
  });
  it('wraps words into at most N lines, cutting the last', () => {
    expect(wrap('one two three four', 9, 3)).toEqual(['one two', 'three', 'four']);
    expect(wrap('one two three four', 9, 2)).toEqual(['one two', 'three fo…']);
    expect(wrap('abcdefghijkl', 5, 2)).toEqual(['abcd…']);
  });
  it('wraps by display columns', () => {
    expect(wrap('比特币 桥桥 x', 7, 3)).toEqual(['比特币', '桥桥 x']);
  });
  it('says due for a past time', () => {
    expect(dueIn(10, 20, String)).toBe('due');
    expect(dueIn(30, 20, (ms) => `${ms}ms`)).toBe('in <1m');
    expect(dueIn(120_020, 20, (ms) => `${ms / 60_000}m`)).toBe('in 2m');
  });
});
