// The whole screen in screen-reader mode: summary sentences, one line per item, the keys; no bars or tables.
import { Box, Text } from 'ink';
import React, { memo } from 'react';
import type { HeaderInfo, NetworkRow, SourceRow } from '../../model/selectors.js';
import type { State } from '../../model/state.js';
import type { Hint } from '../footerHints.js';
import { shorten } from '../layout/fitLine.js';
import { wrap } from '../render/text.js';
import { summaryLines, viewLines } from '../screenReaderText.js';

export interface ScreenReaderViewProps {
  readonly state: State;
  readonly header: HeaderInfo;
  /** The rows as sorted and filtered. */
  readonly rows: readonly NetworkRow[];
  readonly sources: readonly SourceRow[];
  readonly hints: readonly Hint[];
  readonly width: number;
  /** Rows available (the frame stays one line shorter than the terminal). */
  readonly height: number;
  /** The selected list line to keep in view (Shares, Trends), or... */
  readonly focus?: number | undefined;
  /** ...the first list line shown (Sources, Alerts scroll). */
  readonly offset?: number;
}

/** One plain line; memoised so a re-render with the same text leaves Ink's tree untouched. */
const PlainLine = memo(function PlainLine({ text }: { readonly text: string }): React.JSX.Element {
  return <Text>{text === '' ? ' ' : text}</Text>;
});

export function ScreenReaderView(p: ScreenReaderViewProps): React.JSX.Element {
  const fitLine = (text: string) => shorten(text, p.width, '...');
  const top = summaryLines(p.state, p.header, p.rows).flatMap((l) => wrap(l, p.width, 2));
  const keys = wrap(`Keys: ${p.hints.map((h) => `${h.keys} ${h.text}`).join(', ')}.`, p.width, 3);
  const list = viewLines(p.state, p.rows, p.sources, p.header.priceUsd).map(fitLine);
  const room = Math.max(1, p.height - top.length - keys.length);
  const fits = list.length <= room;
  const space = fits ? list.length : room - 1;
  const wanted = p.focus !== undefined ? p.focus - space + 1 : (p.offset ?? 0);
  const first = fits ? 0 : Math.max(0, Math.min(wanted, list.length - space));
  const shown = list.slice(first, first + space);
  const more = fits ? [] : [`Items ${first + 1} to ${first + shown.length} of ${list.length}; Up and Down scroll.`];
  return (
    <Box flexDirection="column">
      {[...top, ...shown, ...more, ...keys].map((line, i) => <PlainLine key={i} text={line} />)}
    </Box>
  );
}
