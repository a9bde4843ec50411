/**
 * @module Which `Type.Subtype.Key` names a diff compares: with `--only` patterns, only names matching
 * one of them; never names matching an `--ignore` pattern; and, unless default ignores are off, never
 * names matching a volatile-key pattern. `--only` narrows and does not lift the defaults.
 */
import { globToRegExp } from './glob-to-regexp.js';
import { VOLATILE_KEY_PATTERNS } from './volatile-keys.js';

export interface KeyFilterOptions {
  readonly ignore?: readonly string[];
  readonly only?: readonly string[];
  /** Apply VOLATILE_KEY_PATTERNS (default true). */
  readonly defaultIgnores?: boolean;
}

export interface KeyFilter {
  /** Whether `id` is compared. */
  accepts(id: string): boolean;
  /** How many distinct ids were refused so far. */
  readonly refused: number;
}

/**
 * Compiles the patterns once; answers are remembered per id because a fleet repeats the same few
 * thousand ids on every node.
 * @throws CnsError USAGE for a malformed pattern.
 * @example buildKeyFilter({ only: ['OS.*'] }).accepts('GPU.smi.driver') // false
 */
export function buildKeyFilter(options: KeyFilterOptions = {}): KeyFilter {
  const ignorePatterns = [
    ...(options.defaultIgnores === false ? [] : VOLATILE_KEY_PATTERNS.map((p) => p.pattern)),
    ...(options.ignore ?? []),
  ];
  const ignore = anyOf(ignorePatterns);
  const only = options.only && options.only.length > 0 ? anyOf(options.only) : undefined;
  const answers = new Map<string, boolean>();
  let refused = 0;
  return {
    accepts(id) {
      let answer = answers.get(id);
      if (answer === undefined) {
        answer = (only === undefined || only.test(id)) && !(ignore?.test(id) ?? false);
        answers.set(id, answer);
        if (!answer) refused++;
      }
      return answer;
    },
    get refused() {
      return refused;
    },
  };
}

function anyOf(patterns: readonly string[]): RegExp | undefined {
  if (patterns.length === 0) return undefined;
  // Each compiled glob is anchored; strip the anchors to join them into one alternation.
  const sources = patterns.map((p) => globToRegExp(p).source.slice(1, -1));
  return new RegExp(`^(?:${sources.join('|')})$`, 's');
}
