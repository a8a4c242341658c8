// Semantic colour tokens: views ask for "ok" or "muted", never for a raw colour name.
import type { SourceStatus } from '../model/health.js';

export interface Theme {
  readonly accent: string;
  readonly muted: string;
  readonly ok: string;
  readonly warn: string;
  readonly error: string;
  readonly up: string;
  readonly down: string;
  readonly sample: string;
  /** Bar colours by row, cycled. */
  readonly bars: readonly string[];
}

export const DARK: Theme = {
  accent: 'cyan',
  muted: 'gray',
  ok: 'green',
  warn: 'yellow',
  error: 'red',
  up: 'green',
  down: 'red',
  sample: 'magenta',
  bars: ['yellow', 'cyan', 'green', 'magenta', 'blue', 'red'],
};

/** The colour for a source status. */
export function statusColor(theme: Theme, status: SourceStatus): string {
  switch (status) {
    case 'ok':
      return theme.ok;
    case 'stale':
    case 'pending':
      return theme.warn;
    case 'down':
    case 'bad-data':
      return theme.error;
  }
}
