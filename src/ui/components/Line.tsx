// One terminal line built from styled segments; the caller has already fitted the text to the width.
import { Text } from 'ink';
import React, { createContext, useContext } from 'react';
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

/** Renders segments on one line, never wrapping. An empty line still takes its row. */
export function Line({ segments }: { readonly segments: readonly Segment[] }): React.JSX.Element {
  const ascii = useContext(AsciiContext);
  if (!segments.some((s) => s.text.length > 0)) return <Text> </Text>;
  return (
    <Text wrap="truncate-end">
      {segments.map((s, i) => (
        <Text key={i} {...(s.color ? { color: s.color } : {})} bold={s.bold ?? false} dimColor={s.dim ?? false} inverse={s.inverse ?? false}>
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
