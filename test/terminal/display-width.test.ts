import { describe, expect, it } from 'vitest';
import stringWidth from 'string-width';
import { displayWidth, isNarrowText, NARROW } from '../../src/terminal/display-width.js';

const red = (s: string) => `\u001B[31m${s}\u001B[39m`;
const bold = (s: string) => `\u001B[1m${s}\u001B[22m`;

describe('displayWidth', () => {
  it('agrees with string-width on what the dashboard draws and on what it does not', () => {
    const samples = [
      '', 'Lightning', '██████████▋', '─'.repeat(120), '›Stacks (sBTC)  ██▌  23.8%', '╭─┼─╮ ▲▼ ⠁⠂', '30d ▼ -2.2%',
      red('██▌') + ' ' + bold('Liquid'), red(bold('·')) + '…', '比特币桥', '🟠 Orange', red('比特') + 'x', 'e\u0301', 'a\u00adb',
      '\u001B]8;;http://x\u0007link\u001B]8;;\u0007', red('🟠'), '\t', 'ｶﾞ',
    ];
    for (const s of samples) expect([s, displayWidth(s)]).toEqual([s, stringWidth(s)]);
  });
  it('takes the fast path for colour codes around narrow text only', () => {
    expect(NARROW.test(red('█'))).toBe(false);
    expect(displayWidth(red('█▏…'))).toBe(3);
    expect(displayWidth(red('比'))).toBe(2);
  });
  it('calls text narrow only when every unit outside its SGR codes is a one-column character', () => {
    expect(isNarrowText(red('██▌') + ' ' + bold('x'))).toBe(true);
    expect(isNarrowText('plain ─ text')).toBe(true);
    expect(isNarrowText(red('比'))).toBe(false);
    expect(isNarrowText('\u001B]8;;http://x\u0007link\u001B]8;;\u0007')).toBe(false);
    expect(isNarrowText('a\tb')).toBe(false);
    expect(isNarrowText('e\u0301')).toBe(false);
  });
  it('has only one-column characters in its fast class', () => {
    const wrong: string[] = [];
    for (let cp = 0x20; cp < 0x3000; cp += 1) {
      const ch = String.fromCodePoint(cp);
      if (NARROW.test(ch) && (stringWidth(ch) !== 1 || stringWidth(`a${ch}b`) !== 3 || displayWidth(red(ch)) !== 1)) wrong.push(ch);
    }
    expect(wrong).toEqual([]);
  });
});
