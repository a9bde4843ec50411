// Keeps docs/constraints.md true: every row of its examples table is evaluated here.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isCnsError } from '../shared/errors.js';
import { evaluateExpression } from './evaluate-constraint.js';
import { parseConstraintExpression } from './parse-constraint.js';

const doc = readFileSync(new URL('../../../docs/constraints.md', import.meta.url), 'utf8');
const examples = doc.slice(doc.indexOf('## Examples'));
const rows = examples
  .split('\n')
  .filter(
    (line) =>
      line.startsWith('| `') || line.startsWith('| (absent)') || line.startsWith('| anything'),
  )
  .map((line) =>
    line
      .split('|')
      .slice(1, 4)
      .map((cell) => cell.trim().replace(/^`|`$/g, '')),
  );

describe('docs/constraints.md examples', () => {
  it('has examples', () => {
    expect(rows.length).toBeGreaterThan(10);
  });

  it.each(rows.filter(([measured]) => measured !== '(absent)' && measured !== 'anything'))(
    '%s against %s is %s',
    (measured, constraint, result) => {
      const outcome = evaluateExpression(
        parseConstraintExpression(constraint ?? ''),
        measured ?? '',
      );
      expect(outcome.holds ? 'passed' : 'failed').toBe(result);
    },
  );

  it.each(rows.filter(([measured]) => measured === 'anything'))(
    '%s %s is rejected',
    (_m, constraint) => {
      try {
        parseConstraintExpression(constraint ?? '');
        expect.unreachable();
      } catch (error) {
        expect(isCnsError(error) && error.code).toBe('BAD_CONSTRAINT');
      }
    },
  );
});
