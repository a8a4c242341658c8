// FrameWriter after resizes it did not hear of: Node emits 'resize' only when the size changed, so a burst of
// resizes during a busy moment that ends at the old size must still bring the whole frame back.
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { FrameWriter } from '../../src/terminal/frame-writer.js';

function fakeTerminal() {
  const writes: string[] = [];
  const out = Object.assign(new EventEmitter(), { columns: 40, rows: 10, isTTY: true, write: (s: string) => writes.push(s) });
  return { out: out as unknown as NodeJS.WriteStream, writes };
}

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('FrameWriter', () => {
  it('redraws the last frame in full after a SIGWINCH with no new frame, and only the changes otherwise', async () => {
    const { out, writes } = fakeTerminal();
    const w = new FrameWriter(out);
    try {
      w.write('line one\nline two\n');
      const full = writes.length;
      expect(writes.join('')).toContain('line two');
      w.write('line one\nline 2\n');
      expect(writes.slice(full).join('')).not.toContain('line one'); // an unchanged line is not rewritten
      const before = writes.length;
      process.emit('SIGWINCH', 'SIGWINCH');
      await tick();
      const redraw = writes.slice(before).join('');
      expect(redraw).toContain('line one');
      expect(redraw).toContain('line 2');
    } finally {
      w.dispose();
    }
  });

  it('leaves it to the next frame when one comes before the redraw', async () => {
    const { out, writes } = fakeTerminal();
    const w = new FrameWriter(out);
    try {
      w.write('a\nb\n');
      process.emit('SIGWINCH', 'SIGWINCH');
      const before = writes.length;
      w.write('a\nc\n');
      await tick();
      const after = writes.slice(before).join('');
      expect(after).toContain('a'); // drawn in full: the screen may have reflowed
      expect(after).toContain('c');
      expect(writes.length).toBe(before + 1); // and not drawn a second time
    } finally {
      w.dispose();
    }
  });
});
