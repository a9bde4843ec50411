// The constraint operators against a plain model (docs/constraints.md): for numeric versions, `a OP b`
// holds exactly when comparing `a`, cut or padded with zeros to b's length, with b gives OP's answer.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateExpression } from './evaluate-constraint.js';
import { parseConstraintExpression } from './parse-constraint.js';

const holds = (value: string, actual: string): boolean =>
  evaluateExpression(parseConstraintExpression(value), actual).holds;

/** -1, 0 or 1: `actual` at the operand's precision against the operand. */
function compareModel(actual: readonly number[], operand: readonly number[]): number {
  for (let i = 0; i < operand.length; i++) {
    const diff = (actual[i] ?? 0) - (operand[i] ?? 0);
    if (diff !== 0) return Math.sign(diff);
  }
  return 0;
}

const MODEL = {
  '>=': (order: number) => order >= 0,
  '<=': (order: number) => order <= 0,
  '>': (order: number) => order > 0,
  '<': (order: number) => order < 0,
  '==': (order: number) => order === 0,
  '!=': (order: number) => order !== 0,
} as const;
const OPERATORS = Object.keys(MODEL) as (keyof typeof MODEL)[];

// Small numbers and short tuples, so that equal prefixes and equal versions come up often.
const tuple = fc.array(fc.nat({ max: 3 }), { minLength: 1, maxLength: 4 });
// Suffixes and prefixes a measured value may carry; none of them changes the numbers' order.
const dressing = fc.record({
  v: fc.constantFrom('', 'v'),
  suffix: fc.constantFrom('', '-eks-3025e55', '-1043-aws', '+build.7', '-0'),
});

describe.each(OPERATORS)('the %s operator', (operator) => {
  it('agrees with the model on numeric versions', () => {
    fc.assert(
      fc.property(tuple, tuple, (a, b) => {
        expect(holds(`${operator} ${b.join('.')}`, a.join('.'))).toBe(
          MODEL[operator](compareModel(a, b)),
        );
      }),
    );
  });

  it('ignores a v prefix and any suffix on the measured value when the operand has none', () => {
    fc.assert(
      fc.property(tuple, tuple, dressing, (a, b, { v, suffix }) => {
        expect(holds(`${operator} ${b.join('.')}`, `${v}${a.join('.')}${suffix}`)).toBe(
          MODEL[operator](compareModel(a, b)),
        );
      }),
    );
  });

  it('reads numbers with leading zeros by value', () => {
    fc.assert(
      fc.property(tuple, tuple, (a, b) => {
        const padded = a.map((n) => `0${n}`).join('.');
        expect(holds(`${operator} ${b.join('.')}`, padded)).toBe(
          MODEL[operator](compareModel(a, b)),
        );
      }),
    );
  });
});

describe('clauses joined by commas', () => {
  it('hold exactly when every clause holds', () => {
    const clause = fc.tuple(fc.constantFrom(...OPERATORS), tuple);
    fc.assert(
      fc.property(tuple, fc.array(clause, { minLength: 1, maxLength: 3 }), (a, clauses) => {
        const value = clauses.map(([op, b]) => `${op} ${b.join('.')}`).join(', ');
        const expected = clauses.every(([op, b]) => MODEL[op](compareModel(a, b)));
        expect(holds(value, a.join('.'))).toBe(expected);
      }),
    );
  });
});

describe('values that are not versions', () => {
  const word = fc.constantFrom('ubuntu', 'Ubuntu', 'rhel', 'cos', 'true', 'false', 'always');

  it('== and != compare text when the measured value is not a version', () => {
    fc.assert(
      fc.property(word, word, (actual, operand) => {
        expect(holds(`== ${operand}`, actual)).toBe(actual === operand);
        expect(holds(`!= ${operand}`, actual)).toBe(actual !== operand);
      }),
    );
  });

  it('an ordering operator never holds for a measured value that is not a version', () => {
    fc.assert(
      fc.property(word, fc.constantFrom('>=', '<=', '>', '<'), tuple, (actual, op, b) => {
        expect(holds(`${op} ${b.join('.')}`, actual)).toBe(false);
      }),
    );
  });

  it('a value without an operator is the exact string, even when both read as versions', () => {
    const text = fc.oneof(
      word,
      tuple.map((t) => t.join('.')),
      tuple.map((t) => `v${t.join('.')}`),
    );
    fc.assert(
      fc.property(text, text, (actual, operand) => {
        expect(holds(operand, actual)).toBe(actual === operand);
      }),
    );
  });
});
