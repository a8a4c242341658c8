// Metric families written straight into Prometheus text exposition (format 0.0.4), the way prom-client wrote them
// (HELP and TYPE once per family, families apart by a blank line, no timestamps), without its per-sample objects
// and label hashing: serve's state gauges are rebuilt on every new state and prom-client's bookkeeping was most
// of a scrape's CPU (README, design notes).

/** The Content-Type of the exposition. */
export const EXPOSITION_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

/** `\` and newline escaped, as HELP text requires. */
export const escapeHelp = (s: string): string => (/[\\\n]/.test(s) ? s.replace(/\\/g, '\\\\').replace(/\n/g, '\\n') : s);

/** `\`, newline and `"` escaped, as a label value requires. */
export const escapeLabelValue = (s: string): string => (/[\\\n"]/.test(s) ? escapeHelp(s).replace(/"/g, '\\"') : s);

/** `name{k="v",...}` for the label names in order (none: just the name). */
function series<K extends string>(name: string, labelNames: readonly K[], labels: Readonly<Record<K, string>>): string {
  // A loop rather than map/join: this runs for every sample of every fresh scrape (README, Performance).
  let text = name;
  for (let i = 0; i < labelNames.length; i += 1) {
    const k = labelNames[i] as K;
    text += `${i === 0 ? '{' : ','}${k}="${escapeLabelValue(labels[k])}"`;
  }
  return labelNames.length === 0 ? text : `${text}}`;
}

/** Label values (in label-name order) to their written series, one level per label. */
type SeriesTree = Map<string, SeriesTree | string>;
/** Distinct label sets a family remembers the written series of (networks x metrics x sources is far below). */
const SERIES_CACHE_LIMIT = 10_000;

/** One gauge family: its samples, in the order they were set. */
export class GaugeFamily<K extends string> {
  private readonly head: string;
  private samples: string[] = [];
  /**
   * The written `name{...}` of each label set seen: the same few hundred label sets come back on every scrape,
   * and writing them (escaping included) was the largest part of a fresh scrape's CPU.
   */
  private seriesCache: SeriesTree = new Map();
  private cached = 0;

  /** `name` and `labelNames` must be valid metric and label names (they are written as they are). */
  constructor(readonly name: string, help: string, private readonly labelNames: readonly K[]) {
    this.head = `# HELP ${name} ${escapeHelp(help)}\n# TYPE ${name} gauge`;
  }

  /** Adds a sample; a value that is not a finite number is left out (unknown, never a zero). */
  set(labels: Readonly<Record<K, string>>, value: number | undefined): void {
    if (value === undefined || !Number.isFinite(value)) return;
    this.samples.push(`${this.seriesOf(labels)} ${value}`);
  }

  private seriesOf(labels: Readonly<Record<K, string>>): string {
    const n = this.labelNames.length;
    if (n === 0) return this.name;
    let node = this.seriesCache;
    for (let i = 0; i < n - 1; i += 1) {
      const v = labels[this.labelNames[i] as K];
      let next = node.get(v);
      if (typeof next !== 'object') {
        next = new Map();
        node.set(v, next);
      }
      node = next;
    }
    const last = labels[this.labelNames[n - 1] as K];
    let written = node.get(last);
    if (typeof written !== 'string') {
      written = series(this.name, this.labelNames, labels);
      if (this.cached >= SERIES_CACHE_LIMIT) {
        this.seriesCache = new Map();
        this.cached = 0;
      } else {
        node.set(last, written);
        this.cached += 1;
      }
    }
    return written;
  }

  /** Drops every sample. */
  reset(): void {
    this.samples = [];
  }

  /** HELP, TYPE and the samples, without a final newline. */
  text(): string {
    return this.samples.length === 0 ? this.head : `${this.head}\n${this.samples.join('\n')}`;
  }
}

/** One counter family: a count per label set, in the order first seen. */
export class CounterFamily<K extends string> {
  private readonly head: string;
  private readonly counts = new Map<string, number>();

  /** `name` (ending in _total) and `labelNames` must be valid metric and label names. */
  constructor(readonly name: string, help: string, private readonly labelNames: readonly K[]) {
    this.head = `# HELP ${name} ${escapeHelp(help)}\n# TYPE ${name} counter`;
  }

  /** Adds `by` (default 1; 0 makes the series appear at 0) to the label set's count. */
  inc(labels: Readonly<Record<K, string>>, by = 1): void {
    const key = series(this.name, this.labelNames, labels);
    this.counts.set(key, (this.counts.get(key) ?? 0) + by);
  }

  /** HELP, TYPE and the samples, without a final newline. */
  text(): string {
    let text = this.head;
    for (const [key, count] of this.counts) text += `\n${key} ${count}`;
    return text;
  }
}

/** One family of unlabelled or labelled samples given whole: HELP, TYPE and `lines` (already `series value`). */
export function familyText(name: string, help: string, type: 'gauge' | 'counter', lines: readonly string[]): string {
  return [`# HELP ${name} ${escapeHelp(help)}`, `# TYPE ${name} ${type}`, ...lines].join('\n');
}

/** Families as one exposition: apart by a blank line, ending with a newline (as prom-client's registry). */
export function exposition(families: readonly { text(): string }[]): string {
  return `${families.map((f) => f.text()).join('\n\n')}\n`;
}
