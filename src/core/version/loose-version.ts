/**
 * @module Versions as found in the wild (`v1.34.1-eks-3025e55`, `6.8.0-1043-aws`, `570.133.20`, `24.04`,
 * `1.30`): a leading `v`, one or more dotted numbers, then any suffix. The numbers decide the order; a
 * suffix never changes it and only breaks ties. semver is not used because it reads `-eks-…` as a
 * pre-release (sorting v1.34.1-eks below 1.34.1) and cannot compare at the precision an operand gives.
 * docs/constraints.md has the rules and a table of examples.
 */

export interface LooseVersion {
  /** The numeric components, at least one; `1.30` → [1, 30]. */
  readonly parts: readonly number[];
  /** Everything after the numeric part, e.g. `-eks-3025e55`; '' when none. */
  readonly suffix: string;
  /** Whether the text had a leading `v` (kept for round trips only; it never affects order). */
  readonly prefixed: boolean;
}

// Components longer than 15 digits would lose precision as numbers; such text is not a version here.
const VERSION = /^([vV]?)(\d{1,15}(?:\.\d{1,15})*)(?![\d])(.*)$/s;

/** Parses loose version text, or returns undefined when it does not start with a number. */
export function parseLooseVersion(text: string): LooseVersion | undefined {
  const match = VERSION.exec(text.trim());
  if (!match) return undefined;
  const [, v = '', numbers = '', suffix = ''] = match;
  return { parts: numbers.split('.').map(Number), suffix, prefixed: v !== '' };
}

/** Writes a parsed version back as text (leading zeros of components are not kept). */
export function formatLooseVersion(version: LooseVersion): string {
  return `${version.prefixed ? 'v' : ''}${version.parts.join('.')}${version.suffix}`;
}

/**
 * Compares `actual` with `operand` at the operand's precision: `actual` is cut to as many components
 * as the operand has (missing ones count as 0), so `6.8.0-1043-aws` equals `6.8` and
 * `v1.30.14-eks-x` is below `1.31`. The suffix matters only when the operand has one.
 */
export function compareAtPrecision(actual: LooseVersion, operand: LooseVersion): number {
  const numeric = compareParts(actual.parts, operand.parts, operand.parts.length);
  if (numeric !== 0 || operand.suffix === '') return numeric;
  return compareSuffixes(actual.suffix, operand.suffix);
}

function compareParts(a: readonly number[], b: readonly number[], length: number): number {
  for (let i = 0; i < length; i++) {
    const diff = (a[i] ?? 0) - (b[i] ?? 0);
    if (diff !== 0) return diff < 0 ? -1 : 1;
  }
  return 0;
}

const CHUNK = /(\d+)|(\D+)/g;

/**
 * Natural order: digit runs compare as numbers, other runs as text, a suffix that continues another
 * comes after it (so no suffix comes first); identical text ties.
 */
function compareSuffixes(a: string, b: string): number {
  if (a === b) return 0;
  const left = a.match(CHUNK) ?? [];
  const right = b.match(CHUNK) ?? [];
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    const x = left[i] as string;
    const y = right[i] as string;
    const bothDigits = /^\d/.test(x) && /^\d/.test(y);
    const diff = bothDigits ? compareDigitRuns(x, y) : x < y ? -1 : x > y ? 1 : 0;
    if (diff !== 0) return diff;
  }
  if (left.length !== right.length) return left.length - right.length < 0 ? -1 : 1;
  return a < b ? -1 : 1;
}

function compareDigitRuns(x: string, y: string): number {
  const a = x.replace(/^0+(?=\d)/, '');
  const b = y.replace(/^0+(?=\d)/, '');
  if (a.length !== b.length) return a.length < b.length ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}
