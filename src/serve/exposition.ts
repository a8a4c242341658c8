// Gauge families written straight into Prometheus text exposition (format 0.0.4), the way prom-client writes them
// (HELP and TYPE once per family, families apart by a blank line, no timestamps), without its per-sample objects
// and label hashing: serve's state gauges are rebuilt on every new state and prom-client's bookkeeping was most
// of a scrape's CPU (README, design notes).

/** `\` and newline escaped, as HELP text requires. */
export const escapeHelp = (s: string): string => s.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');

/** `\`, newline and `"` escaped, as a label value requires. */
export const escapeLabelValue = (s: string): string => escapeHelp(s).replace(/"/g, '\\"');

/** One gauge family: its samples, in the order they were set. */
export class GaugeFamily<K extends string> {
  private readonly head: string;
  private samples: string[] = [];

  /** `name` and `labelNames` must be valid metric and label names (they are written as they are). */
  constructor(readonly name: string, help: string, private readonly labelNames: readonly K[]) {
    this.head = `# HELP ${name} ${escapeHelp(help)}\n# TYPE ${name} gauge`;
  }

  /** Adds a sample; a value that is not a finite number is left out (unknown, never a zero). */
  set(labels: Readonly<Record<K, string>>, value: number | undefined): void {
    if (value === undefined || !Number.isFinite(value)) return;
    let text = this.name;
    if (this.labelNames.length > 0) text += `{${this.labelNames.map((k) => `${k}="${escapeLabelValue(labels[k])}"`).join(',')}}`;
    this.samples.push(`${text} ${value}`);
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

/** Families as one exposition: apart by a blank line, ending with a newline (as prom-client's registry). */
export function exposition(families: readonly { text(): string }[]): string {
  return `${families.map((f) => f.text()).join('\n\n')}\n`;
}
