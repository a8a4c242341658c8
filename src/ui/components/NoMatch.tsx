// What the Shares and Trends views say when the filter matches no network.
import React from 'react';
import { fit } from '../render/text.js';
import type { Theme } from '../theme.js';
import { Line } from './Line.js';

export interface NoMatchProps {
  readonly filter: string;
  /** How many networks there are without the filter. */
  readonly count: number;
  /** The key that clears the filter. */
  readonly closeKey: string;
  /** The key that opens the filter prompt. */
  readonly filterKey: string;
  readonly width: number;
  readonly theme: Theme;
}

export function NoMatch(p: NoMatchProps): React.JSX.Element {
  return (
    <>
      <Line segments={[{ text: fit(`No network name contains "${p.filter}" (${p.count} networks in all).`, p.width), color: p.theme.warn, bold: true }]} />
      <Line segments={[{ text: fit(`${p.closeKey} clears the filter; ${p.filterKey} edits it.`, p.width), dim: true }]} />
    </>
  );
}
