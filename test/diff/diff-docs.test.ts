import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { VOLATILE_KEY_PATTERNS } from '../../src/core/diff/volatile-keys.js';
import { FAIL_ON_LEVELS } from '../../src/core/validate/validation-exit-code.js';

const doc = (name: string) =>
  readFileSync(new URL(`../../docs/commands/${name}`, import.meta.url), 'utf8');

describe('docs/commands', () => {
  it('diff.md lists exactly the volatile-key patterns diff ignores by default, with their reasons', () => {
    const section = doc('diff.md').split('### Volatile keys ignored by default')[1] ?? '';
    const table = section.slice(
      section.indexOf('| pattern | why |'),
      section.indexOf('\n\n', section.indexOf('| pattern')),
    );
    const rows = table
      .split('\n')
      .slice(2)
      .map((line) => /^\| `([^`]+)` \| (.+) \|$/.exec(line))
      .map((match) => ({ pattern: match?.[1], reason: match?.[2] }));
    expect(rows).toEqual(VOLATILE_KEY_PATTERNS.map(({ pattern, reason }) => ({ pattern, reason })));
  });

  it('validate.md documents every --fail-on level', () => {
    const text = doc('validate.md');
    for (const level of FAIL_ON_LEVELS) expect(text).toContain(`--fail-on ${level}`);
  });

  it.each([
    ['validate.md', '../../test/validate/golden/h100-checks-table.txt'],
    ['diff.md', '../../test/diff/golden/before-after-table.txt'],
    ['diff.md', '../../test/diff/golden/fleet-50-table.txt'],
  ])('%s shows the real output of %s', (name, golden) => {
    const expected = readFileSync(new URL(golden, import.meta.url), 'utf8').replace(
      / in <duration>\n$/,
      '',
    );
    expect(doc(name)).toContain(expected.trimEnd());
  });
});
