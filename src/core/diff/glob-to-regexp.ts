/**
 * @module The glob dialect of `--ignore` and `--only`, matched against whole `Type.Subtype.Key` names:
 * `*` matches any run of characters, dots and slashes included, because subtypes (`containerd.service`)
 * and keys (`/proc/sys/kernel/hostname`, `gpu.0.memory`) contain both, so a dot-bounded `*` could not
 * name them; `?` matches one character; `[abc]`, `[a-z]` and `[!abc]` match one character of a set;
 * `\` makes the next character literal. Everything else, `.` included, is literal and case matters.
 */
import { CnsError } from '../shared/errors.js';

/**
 * Compiles `pattern` to an anchored RegExp.
 * @throws CnsError USAGE for an unclosed `[` or a trailing `\`.
 * @example globToRegExp('SystemD.*.MainPID').test('SystemD.containerd.service.MainPID') // true
 */
export function globToRegExp(pattern: string): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i] as string;
    if (char === '*') {
      // Runs of stars mean the same as one; collapsing them keeps the RegExp linear.
      while (pattern[i + 1] === '*') i++;
      source += '.*';
    } else if (char === '?') {
      source += '.';
    } else if (char === '\\') {
      const next = pattern[i + 1];
      if (next === undefined) throw badGlob(pattern, 'ends with an escaping \\');
      source += escapeRegExp(next);
      i++;
    } else if (char === '[') {
      const negated = pattern[i + 1] === '!' || pattern[i + 1] === '^';
      const first = i + (negated ? 2 : 1);
      // A ] right after [ or [! is a member, as in POSIX globs, so the search starts after it.
      const close = pattern.indexOf(']', first + 1);
      if (close < 0) throw badGlob(pattern, `has an unclosed [ at position ${i + 1}`);
      const members = pattern.slice(first, close).replace(/[\\\]^]/g, (c) => `\\${c}`);
      source += `[${negated ? '^' : ''}${members}]`;
      i = close;
    } else {
      source += escapeRegExp(char);
    }
  }
  return new RegExp(`^${source}$`, 's');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function badGlob(pattern: string, problem: string): CnsError {
  return new CnsError(
    'USAGE',
    `pattern "${pattern}" ${problem}; escape it with \\ to match it literally`,
    {
      details: { pattern },
    },
  );
}
