// The screen's fixed rows: header lines, the body and the footer, shared by the frame and mouse hit-testing.
import type { Size } from '../hooks/useTerminalSize.js';

/** Header lines: title, sector, status, tabs, rule. */
export const HEADER_LINES = 5;
/** The 0-based screen row of the tab line. */
export const TAB_ROW = 3;
export const FOOTER_LINES = 1;

/** Body rows: the frame is one line shorter than the terminal (Ink redraws everything otherwise). */
export function bodyHeight(size: Size): number {
  return size.rows - 1 - HEADER_LINES - FOOTER_LINES;
}
