// Stand-in for ink/build/measure-text.js (swapped in at bundle time): the same measurement, but the
// cache is bounded. Ink's own cache keeps every distinct string forever, about 5.7 KB per poll
// render here, which is ~47 MB a month for a monitor that runs for months.
import widestLine from 'widest-line';

const LIMIT = 1024;
const cache = new Map();

const measureText = (text) => {
  if (text.length === 0) return { width: 0, height: 0 };
  const cached = cache.get(text);
  if (cached) return cached;
  const dimensions = { width: widestLine(text), height: text.split('\n').length };
  if (cache.size >= LIMIT) cache.delete(cache.keys().next().value);
  cache.set(text, dimensions);
  return dimensions;
};

export default measureText;
