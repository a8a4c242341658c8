// A bounded ring of numbered entries (1, 2, 3, ...): what SSE replays and what hub clients catch up from.

/** Entries numbered from 1; only the newest `capacity` are kept. */
export class SeqRing<T> {
  private readonly items: (T | undefined)[];
  private next = 1;

  constructor(private readonly capacity: number) {
    this.items = new Array<T | undefined>(capacity);
  }

  /** The number of the newest entry (0 before the first). */
  get last(): number {
    return this.next - 1;
  }

  /** The number of the oldest entry still kept (last + 1 when empty). */
  get oldest(): number {
    return Math.max(1, this.next - this.capacity);
  }

  /** Appends an entry; returns its number. */
  push(item: T): number {
    const seq = this.next;
    this.items[seq % this.capacity] = item;
    this.next += 1;
    return seq;
  }

  /**
   * The entries numbered above `after`, oldest first, with their numbers; undefined when some of them are no
   * longer kept (after < oldest - 1).
   */
  after(after: number): { readonly seq: number; readonly item: T }[] | undefined {
    if (after < this.oldest - 1) return undefined;
    const out: { seq: number; item: T }[] = [];
    for (let seq = Math.max(after + 1, this.oldest); seq < this.next; seq += 1) {
      const item = this.items[seq % this.capacity];
      if (item !== undefined) out.push({ seq, item });
    }
    return out;
  }
}
