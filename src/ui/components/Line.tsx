// One terminal line built from styled segments; the caller has already fitted the text to the width.
import { Text } from 'ink';
import React, { createContext, memo, useContext } from 'react';
import { toAscii } from '../render/ascii.js';
import { widthOf } from '../render/text.js';

/** True in --ascii (and screen-reader) mode: every line is transliterated to ASCII. */
export const AsciiContext = createContext(false);

/** A run of text with optional style. */
export interface Segment {
  readonly text: string;
  readonly color?: string | undefined;
  readonly bold?: boolean;
  readonly dim?: boolean;
  readonly inverse?: boolean;
}

function sameSegments(a: readonly Segment[], b: readonly Segment[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i += 1) {
    const x = a[i];
    const y = b[i];
    if (x === y) continue;
    if (!x || !y || x.text !== y.text || x.color !== y.color || (x.bold ?? false) !== (y.bold ?? false)
      || (x.dim ?? false) !== (y.dim ?? false) || (x.inverse ?? false) !== (y.inverse ?? false)) return false;
  }
  return true;
}

/**
 * Renders segments on one line, never wrapping. An empty line still takes its row. Memoised on the
 * segments' values: a re-render that draws the same line (a clock tick) leaves Ink's tree untouched, and
 * the bundle's Ink then skips laying out and drawing the frame (scripts/esbuild-plugins.mjs).
 */
export const Line = memo(LineText, (a, b) => sameSegments(a.segments, b.segments));

function LineText({ segments }: { readonly segments: readonly Segment[] }): React.JSX.Element {
  const ascii = useContext(AsciiContext);
  if (!segments.some((s) => s.text.length > 0)) return <Text> </Text>;
  // Props written out, not spread: a spread in this per-segment path made it the hottest line of a render.
  return (
    <Text wrap="truncate-end">
      {segments.map((s, i) => (
        <Text key={i} color={s.color || undefined} bold={s.bold ?? false} dimColor={s.dim ?? false} inverse={s.inverse ?? false}>
          {ascii ? toAscii(s.text) : s.text}
        </Text>
      ))}
    </Text>
  );
}

/** Total width of segments in display columns. */
export function segmentsWidth(segments: readonly Segment[]): number {
  return segments.reduce((n, s) => n + widthOf(s.text), 0);
}
