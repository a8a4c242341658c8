// A stdout stand-in handed to Ink: it takes each full frame Ink renders and writes only the changed
// lines to the real terminal (Ink 6.8's own incremental mode loses lines: see README design notes).
import { EventEmitter } from 'node:events';
import { clipFrame, frameDiff, parseInkWrite } from './frame-diff.js';

const SYNC_ON = '\u001B[?2026h';
const SYNC_OFF = '\u001B[?2026l';

export class FrameWriter extends EventEmitter {
  readonly isTTY = true;
  private last: string[] | undefined;
  private bytes = 0;

  constructor(private readonly out: NodeJS.WriteStream) {
    super();
    out.on('resize', this.onResize);
    process.on('SIGWINCH', this.onWinch);
  }

  get columns(): number {
    return this.out.columns;
  }

  get rows(): number {
    return this.out.rows;
  }

  /** Bytes written to the terminal so far (for benchmarks). */
  get written(): number {
    return this.bytes;
  }

  private readonly onResize = (): void => {
    this.last = undefined; // the terminal reflowed: the next frame is drawn in full
    this.emit('resize');
  };

  /**
   * Every SIGWINCH, also one after which the size is the old one again: Node emits 'resize' only when the size
   * it reads differs, so resizes made while the event loop was busy (loading the state directory) and ending at
   * the starting size go unheard, and Ink, rendering the same frame, writes nothing; but the terminal has
   * reflowed its content meanwhile. The last frame is drawn again in full unless a frame comes first.
   */
  private readonly onWinch = (): void => {
    const frame = this.last;
    this.last = undefined;
    setImmediate(() => {
      if (this.last === undefined && frame) this.draw(undefined, clipFrame(frame, this.columns || 80, this.rows || 24));
    });
  };

  /** Ink's write: a full frame wrapped in its erase sequences. */
  write(chunk: string | Uint8Array, encodingOrCb?: unknown, cb?: unknown): boolean {
    const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    const { lines, full } = parseInkWrite(text);
    if (lines.length === 1 && lines[0] === '' && !full) {
      return this.done(encodingOrCb, cb);
    }
    this.draw(full ? undefined : this.last, clipFrame(lines, this.columns || 80, this.rows || 24));
    return this.done(encodingOrCb, cb);
  }

  /** Draws the last frame again from scratch (Ctrl-L). */
  redraw(): void {
    if (this.last) this.draw(undefined, this.last);
  }

  /** Stops following the terminal's resizes. */
  dispose(): void {
    this.out.off('resize', this.onResize);
    process.off('SIGWINCH', this.onWinch);
  }

  private draw(prev: string[] | undefined, next: string[]): void {
    const diff = frameDiff(prev, next);
    this.last = next;
    if (diff === '') return;
    const payload = SYNC_ON + diff + SYNC_OFF;
    this.bytes += Buffer.byteLength(payload);
    this.out.write(payload);
  }

  private done(encodingOrCb: unknown, cb: unknown): boolean {
    const callback = typeof encodingOrCb === 'function' ? encodingOrCb : typeof cb === 'function' ? cb : undefined;
    if (callback) (callback as () => void)();
    return true;
  }
}
