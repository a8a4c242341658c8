// Help overlay generated from the keymap table, plus what each network's number means.
import React from 'react';
import type { NetworkMeta } from '../../model/types.js';
import type { Binding } from '../keymap.js';
import { fit } from '../render/text.js';
import type { Theme } from '../theme.js';
import { Line } from '../components/Line.js';

export interface HelpViewProps {
  readonly keymap: readonly Binding[];
  readonly networks: readonly NetworkMeta[];
  readonly width: number;
  readonly height: number;
  readonly theme: Theme;
}

export function HelpView(p: HelpViewProps): React.JSX.Element {
  const keyW = Math.max(...p.keymap.map((b) => b.label.length)) + 2;
  const lines: React.JSX.Element[] = [<Line key="h" segments={[{ text: fit('Keys', p.width), bold: true, color: p.theme.accent }]} />];
  for (const b of p.keymap) {
    lines.push(<Line key={b.command} segments={[{ text: '  ' + fit(b.label, keyW), bold: true }, { text: fit(b.help, Math.max(0, p.width - keyW - 2)) }]} />);
  }
  lines.push(<Line key="g" segments={[{ text: '' }]} />);
  lines.push(<Line key="m" segments={[{ text: fit('What "BTC locked" counts', p.width), bold: true, color: p.theme.accent }]} />);
  for (const n of p.networks) {
    lines.push(<Line key={`n${n.id}`} segments={[{ text: fit(`  ${n.name}: ${n.lockedMeaning}`, p.width), dim: true }]} />);
  }
  return <>{lines.slice(0, p.height)}</>;
}
