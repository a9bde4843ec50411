// The constraint value grammar of docs/constraints.md, clause by clause: which operands each operator
// takes, and what a rejected value tells its author.
import { describe, expect, it } from 'vitest';
import { isCnsError } from '../shared/errors.js';
import { evaluateExpression } from './evaluate-constraint.js';
import { parseConstraintExpression } from './parse-constraint.js';

function rejection(value: string, name?: string): { message: string; code: string } {
  try {
    parseConstraintExpression(value, name);
  } catch (error) {
    if (isCnsError(error)) return { message: error.message, code: error.code };
    throw error;
  }
  throw new Error(`"${value}" was accepted`);
}

describe('ordering operators', () => {
  it.each(['>=', '<=', '>', '<'])('%s needs a version operand and says so', (operator) => {
    const { code, message } = rejection(`${operator} ubuntu`, 'OS.release.ID');
    expect(code).toBe('BAD_CONSTRAINT');
    expect(message).toBe(
      `OS.release.ID: "${operator} ubuntu" needs a version after ${operator}, such as 1.30 or 6.8; got "ubuntu"`,
    );
  });
});

describe('== and !=', () => {
  it.each([
    ['== ubuntu', 'ubuntu', true],
    ['!= ubuntu', 'rhel', true],
    ['== console=ttyS0', 'console=ttyS0', true],
    ['!= a<b', 'a<b', false],
    ['== 1.30', 'ubuntu', false],
  ])(
    'take any operand, operator characters inside it included: %s against %s holds: %s',
    (value, actual, holds) => {
      expect(evaluateExpression(parseConstraintExpression(value), actual).holds).toBe(holds);
    },
  );
});

describe('a rejected value', () => {
  it.each([
    ['an empty clause', '>= 1.30,', 'has an empty clause'],
    ['a missing operand', '>=', 'has an empty clause'],
    [
      'an unknown operator',
      '=> 1.30',
      'has an unknown operator in "=> 1.30"; use one of >= <= > < == != ~=',
    ],
  ])('names the constraint, the value and the problem: %s', (_case, value, problem) => {
    const { code, message } = rejection(value, 'K8s.server.version');
    expect(code).toBe('BAD_CONSTRAINT');
    expect(message).toContain('K8s.server.version: ');
    expect(message).toContain(`"${value}"`);
    expect(message).toContain(problem);
  });

  it('is named "constraint" when the caller gives no name', () => {
    expect(rejection('>= ubuntu').message).toMatch(/^constraint: /);
  });
});
