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

/** For light terminal backgrounds: no yellow or bright text that vanishes on white. */
export const LIGHT: Theme = {
  accent: 'blue',
  muted: 'blackBright',
  ok: 'green',
  warn: '#B35C00',
  error: 'red',
  up: 'green',
  down: 'red',
  sample: 'magenta',
  bars: ['blue', 'magenta', 'green', '#B35C00', 'cyan', 'red'],
};

/**
 * Colour-blind safe (Okabe-Ito palette): up is blue, down is vermillion, never red against green.
 * Direction is always shown by a glyph as well (▲ ▼ / ^ v), so colour is never the only signal.
 */
export const COLORBLIND: Theme = {
  accent: '#56B4E9',
  muted: 'gray',
  ok: '#0072B2',
  warn: '#E69F00',
  error: '#D55E00',
  up: '#0072B2',
  down: '#D55E00',
  sample: '#CC79A7',
  bars: ['#E69F00', '#56B4E9', '#009E73', '#F0E442', '#0072B2', '#D55E00', '#CC79A7'],
};

export const THEMES: Readonly<Record<'dark' | 'light' | 'colorblind', Theme>> = { dark: DARK, light: LIGHT, colorblind: COLORBLIND };

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
