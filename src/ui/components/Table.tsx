// A small fixed-width table: columns dropped by priority when narrow, cells truncated, per-cell colour.
// Written instead of ink-table: see README "Design notes".
import React from 'react';
import { fit } from '../render/text.js';
import { Line, type Segment } from './Line.js';

export interface Column {
  readonly key: string;
  readonly title: string;
  /** Fixed width, or the minimum width of the one flexible column. */
  readonly width: number;
  /** The flexible column takes the space left over. At most one. */
  readonly flex?: boolean;
  /** Lower numbers are kept longer when the terminal is narrow. */
  readonly priority: number;
  readonly align?: 'left' | 'right';
}

export interface Cell {
  readonly text: string;
  readonly color?: string | undefined;
}

export interface TableProps {
  readonly columns: readonly Column[];
  readonly rows: readonly Readonly<Record<string, Cell>>[];
  readonly width: number;
  /** Rows beyond this are cut, with a last line saying how many were left out. */
  readonly maxRows: number;
  readonly headerColor?: string;
  readonly ascii?: boolean;
}

/** The columns that fit in `width` (one space between columns), in their original order, with widths. */
export function layoutColumns(columns: readonly Column[], width: number): { column: Column; width: number }[] {
  const byPriority = [...columns].sort((a, b) => a.priority - b.priority);
  const kept: Column[] = [];
  let used = 0;
  for (const c of byPriority) {
    const need = c.width + (kept.length > 0 ? 1 : 0);
    if (used + need > width) continue;
    kept.push(c);
    used += need;
  }
  const spare = width - used;
  return columns
    .filter((c) => kept.includes(c))
    .map((c) => ({ column: c, width: c.flex ? c.width + spare : c.width }));
}

export function Table({ columns, rows, width, maxRows, headerColor, ascii }: TableProps): React.JSX.Element {
  const layout = layoutColumns(columns, width);
  const header: Segment[] = layout.map((l, i) => ({
    text: (i > 0 ? ' ' : '') + fit(l.column.title, l.width, l.column.align),
    color: headerColor,
    bold: true,
  }));
  const visible = rows.length > maxRows ? rows.slice(0, Math.max(0, maxRows - 1)) : rows;
  const ellipsis = ascii ? '~' : '…';
  return (
    <>
      <Line segments={header} />
      {visible.map((row, r) => (
        <Line
          key={r}
          segments={layout.map((l, i) => {
            const cell = row[l.column.key];
            return { text: (i > 0 ? ' ' : '') + fit(cell?.text ?? '', l.width, l.column.align, ellipsis), color: cell?.color };
          })}
        />
      ))}
      {visible.length < rows.length ? <Line segments={[{ text: fit(`… ${rows.length - visible.length} more`, width), dim: true }]} /> : null}
    </>
  );
}
