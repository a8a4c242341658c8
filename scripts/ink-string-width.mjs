// Stand-in for string-width where Ink, widest-line and cli-truncate import it (swapped in at bundle time):
// the app's displayWidth (src/terminal/display-width.ts), which measures the text the dashboard draws (bars,
// charts, rules, with or without colour codes) without string-width's per-grapheme path and hands anything
// else to string-width. That path cost most of the first frame's layout and output (bench/cold-start.ts).
import realStringWidth from 'l2top:string-width';
import { displayWidth } from '../src/terminal/display-width.ts';

export default function stringWidth(text, options) {
  return typeof text === 'string' && options === undefined ? displayWidth(text) : realStringWidth(text, options);
}
