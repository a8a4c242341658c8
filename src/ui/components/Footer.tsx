// The last line: key hints, or what to do when nothing works.
import React from 'react';
import { fit } from '../render/text.js';
import type { Theme } from '../theme.js';
import { Line } from './Line.js';

export function Footer({ width, theme, demo, notice }: { readonly width: number; readonly theme: Theme; readonly demo: boolean; readonly notice?: string | undefined }): React.JSX.Element {
  if (notice) return <Line segments={[{ text: fit(notice, width), color: theme.accent }]} />;
  const keys = '1-4 views  m metric  u units  Enter detail  r refresh  ? help  q quit';
  const text = demo ? `SAMPLE DATA, not live | ${keys}` : keys;
  return <Line segments={[{ text: fit(text, width), color: demo ? theme.sample : theme.muted }]} />;
}
