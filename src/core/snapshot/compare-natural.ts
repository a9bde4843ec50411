/**
 * @module The one ordering of subtypes and keys in a snapshot: code-point order, except that runs of
 * digits compare as numbers, so `gpu-2` sorts before `gpu-10`. Locale-independent on purpose: the same
 * snapshot must serialise to the same bytes on every machine.
 */

const CHUNK = /(\d+)/;

/**
 * Compares two strings in natural order (digit runs as numbers, everything else by code point).
 * @example ['gpu-10', 'gpu-2', 'driver'].sort(compareNatural) // ['driver', 'gpu-2', 'gpu-10']
 */
export function compareNatural(a: string, b: string): number {
  if (a === b) return 0;
  const left = a.split(CHUNK);
  const right = b.split(CHUNK);
  const length = Math.min(left.length, right.length);
  for (let i = 0; i < length; i += 1) {
    const x = left[i] ?? '';
    const y = right[i] ?? '';
    if (x === y) continue;
    // split() with a capture group puts digit runs at odd positions.
    if (i % 2 === 1) {
      const byValue = compareDigitRuns(x, y);
      if (byValue !== 0) return byValue;
    }
    return x < y ? -1 : 1;
  }
  return left.length - right.length || (a < b ? -1 : 1);
}

/** Compares digit strings by numeric value without Number() (runs may exceed 2^53). */
function compareDigitRuns(x: string, y: string): number {
  const a = x.replace(/^0+(?=\d)/, '');
  const b = y.replace(/^0+(?=\d)/, '');
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}
