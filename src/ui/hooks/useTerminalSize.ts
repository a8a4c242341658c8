// Terminal size that follows resizes; a 0x0 (or missing) size falls back to 80x24.
import { useStdout } from 'ink';
import { useEffect, useState } from 'react';

export interface Size {
  readonly columns: number;
  readonly rows: number;
}

export const FALLBACK_SIZE: Size = { columns: 80, rows: 24 };

/** Reads a stream's size, falling back per dimension when it reports 0 or nothing. */
export function sizeOf(stream: { columns?: number; rows?: number }): Size {
  const columns = stream.columns && stream.columns > 0 ? stream.columns : FALLBACK_SIZE.columns;
  const rows = stream.rows && stream.rows > 0 ? stream.rows : FALLBACK_SIZE.rows;
  return { columns, rows };
}

export function useTerminalSize(): Size {
  const { stdout } = useStdout();
  const [size, setSize] = useState(() => sizeOf(stdout));
  useEffect(() => {
    const onResize = () => setSize((prev) => {
      const next = sizeOf(stdout);
      return next.columns === prev.columns && next.rows === prev.rows ? prev : next;
    });
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout]);
  return size;
}
