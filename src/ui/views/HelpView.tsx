// Help overlay generated from the keymap table (the keys in use), plus what each network's number means.
// Taller than the screen, it scrolls (Up/Down, PgUp/PgDn) with a "more" marker on its last line.
import React from 'react';
import type { NetworkMeta } from '../../model/types.js';
import type { Binding } from '../keymap.js';
import { fit, widthOf, wrap } from '../render/text.js';
import type { Theme } from '../theme.js';
import { Line, type Segment } from '../components/Line.js';

export interface HelpViewProps {
  readonly keymap: readonly Binding[];
  readonly networks: readonly NetworkMeta[];
  readonly width: number;
  readonly height: number;
  readonly theme: Theme;
  /** First line shown (scrolled); clamped to the last page. */
  readonly offset?: number;
}

/** Every line of help at `width`, before scrolling. */
export function helpLines(p: Pick<HelpViewProps, 'keymap' | 'networks' | 'width' | 'theme'>): Segment[][] {
  const keyW = Math.max(...p.keymap.map((b) => widthOf(b.label))) + 2;
  const lines: Segment[][] = [[{ text: 'Keys (the keys in use, with remaps from the config file)', bold: true, color: p.theme.accent }]];
  for (const b of p.keymap) {
    const text = wrap(b.help, Math.max(10, p.width - keyW - 2), 2);
    text.forEach((t, i) => lines.push([{ text: '  ' + fit(i === 0 ? b.label : '', keyW), bold: true }, { text: t }]));
  }
  const extra = [
    'Filter prompt: type to filter, Backspace deletes, Enter keeps the filter, Esc clears it.',
    'Mouse (where the terminal reports it; off with --no-mouse): click a tab or a row, the wheel scrolls.',
  ];
  for (const e of extra) for (const t of wrap(e, p.width - 2, 3)) lines.push([{ text: `  ${t}`, dim: true }]);
  lines.push([{ text: '' }]);
  lines.push([{ text: 'What "BTC locked" counts', bold: true, color: p.theme.accent }]);
  for (const n of p.networks) {
    for (const t of wrap(`${n.name}: ${n.lockedMeaning}`, p.width - 2, 3)) lines.push([{ text: `  ${t}`, dim: true }]);
  }
  return lines;
}

/** How many lines show at once and the largest offset, for `total` lines in `height` rows. */
export function helpWindow(total: number, height: number): { readonly visible: number; readonly max: number } {
  if (total <= height) return { visible: total, max: 0 };
  const visible = Math.max(1, height - 1);
  return { visible, max: total - visible };
}

export function HelpView(p: HelpViewProps): React.JSX.Element {
  const all = helpLines(p);
  const { visible, max } = helpWindow(all.length, p.height);
  const first = Math.max(0, Math.min(p.offset ?? 0, max));
  const shown = all.slice(first, first + visible);
  const out = shown.map((segments, i) => <Line key={`h${first + i}`} segments={segments} />);
  if (max > 0) {
    const below = first < max;
    const where = `lines ${first + 1}-${first + shown.length} of ${all.length}`;
    const text = below ? `▼ more below (${where}): Up/Down, PgUp/PgDn; Esc closes` : `▲ end of help (${where}); Esc closes`;
    out.push(<Line key="more" segments={[{ text: fit(text, p.width), bold: true, color: p.theme.warn }]} />);
  }
  return <>{out}</>;
}
