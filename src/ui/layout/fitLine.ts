// Fitting one line to a width by priority: drop the least important parts, shorten text at word boundaries.
import type { Segment } from '../components/Line.js';
import { widthOf } from '../render/text.js';

/**
 * `text` cut to at most `width` columns at a word boundary, with `ellipsis` when anything was cut; a first
 * word longer than the width is dropped whole rather than cut in the middle ('' when nothing fits), and so is
 * a bracketed group that would be left open.
 */
export function shorten(text: string, width: number, ellipsis = '…'): string {
  if (widthOf(text) <= width) return text;
  const room = width - widthOf(ellipsis);
  const words = text.split(' ');
  let out = '';
  for (const word of words) {
    const next = out === '' ? word : `${out} ${word}`;
    if (widthOf(next) > room) break;
    out = next;
  }
  // A bracket left open would read as a broken word ("(3…"): drop the whole bracketed group instead.
  if ((out.match(/\(/g) ?? []).length > (out.match(/\)/g) ?? []).length) out = out.slice(0, out.lastIndexOf('('));
  out = out.replace(/[\s,;:(-]+$/, '');
  return out === '' ? '' : out + ellipsis;
}

/** A part of a line: lower `priority` numbers stay longest; `shrink` parts may be shortened at word boundaries. */
export interface Part {
  readonly segments: readonly Segment[];
  readonly priority: number;
  readonly shrink?: boolean;
}

const partWidth = (p: Part): number => p.segments.reduce((n, s) => n + widthOf(s.text), 0);

/**
 * The parts that fit in `width`, in their original order, separated by `gap`: the highest priority numbers are
 * dropped first; when only must-keep parts are left, a shrinkable one is shortened (word boundary) to fit.
 */
export function fitParts(parts: readonly Part[], width: number, gap = '  ', ellipsis = '…'): Segment[] {
  let kept = [...parts];
  const total = (list: readonly Part[]) => list.reduce((n, p) => n + partWidth(p), 0) + Math.max(0, list.length - 1) * widthOf(gap);
  const shrinkToFit = (target: Part): boolean => {
    const room = width - total(kept.filter((p) => p !== target)) - (kept.length > 1 ? widthOf(gap) : 0);
    const segments = room > 0 ? shortenSegments(target.segments, room, ellipsis) : [];
    if (segments.length === 0) return false;
    kept = kept.map((p) => (p === target ? { ...p, shrink: false, segments } : p));
    return true;
  };
  while (total(kept) > width) {
    const optional = kept.filter((p) => p.priority > 0);
    if (optional.length > 0) {
      // The least important part goes first; a shrinkable one is shortened instead when something of it fits.
      const worst = Math.max(...optional.map((p) => p.priority));
      const victim = optional.filter((p) => p.priority === worst).pop() as Part;
      if (!(victim.shrink && shrinkToFit(victim))) kept = kept.filter((p) => p !== victim);
      continue;
    }
    const target = kept.filter((p) => p.shrink).pop();
    if (!target || !shrinkToFit(target)) break;
  }
  const out: Segment[] = [];
  kept.forEach((p, i) => {
    if (i > 0) out.push({ text: gap });
    out.push(...p.segments);
  });
  return out;
}

/** Segments shortened to `width` as one text (word boundary); each keeps its style. */
function shortenSegments(segments: readonly Segment[], width: number, ellipsis: string): Segment[] {
  const text = segments.map((s) => s.text).join('');
  const short = shorten(text, width, ellipsis);
  const out: Segment[] = [];
  let left = widthOf(short) - (short.endsWith(ellipsis) ? widthOf(ellipsis) : 0);
  for (const s of segments) {
    if (left <= 0) break;
    const chars = [...s.text];
    const take = chars.slice(0, left).join('');
    out.push({ ...s, text: take });
    left -= widthOf(take);
  }
  if (short.endsWith(ellipsis) && out.length > 0) {
    const last = out[out.length - 1] as Segment;
    out[out.length - 1] = { ...last, text: last.text.replace(/[\s,;:(-]+$/, '') + ellipsis };
  }
  return out;
}
