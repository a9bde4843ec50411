/**
 * @module The constraint value grammar: `[op] operand`, clauses joined by commas meaning AND.
 * Ordering operators (>= <= > <) need a version operand; == and != compare as versions when both
 * sides are versions and as text otherwise; no operator means the exact string.
 * @example parseConstraintExpression('>= 1.30, < 1.36') // two clauses, both must hold
 */
import { CnsError } from '../shared/errors.js';
import { parseLooseVersion, type LooseVersion } from '../version/loose-version.js';

export const CONSTRAINT_OPERATORS = ['>=', '<=', '>', '<', '==', '!='] as const;
export type ConstraintOperator = (typeof CONSTRAINT_OPERATORS)[number];
export const ORDERING_OPERATORS: readonly ConstraintOperator[] = ['>=', '<=', '>', '<'];

export interface ConstraintClause {
  /** undefined: exact string match. */
  readonly operator?: ConstraintOperator;
  readonly operand: string;
  /** Set when the operand reads as a version. */
  readonly version?: LooseVersion;
}

export interface ConstraintExpression {
  readonly text: string;
  readonly clauses: readonly ConstraintClause[];
}

const CLAUSE = /^(>=|<=|==|!=|>|<)?\s*(.*)$/s;

/** Parses a constraint value. @throws CnsError BAD_CONSTRAINT naming the value and the problem. */
export function parseConstraintExpression(text: string, name = 'constraint'): ConstraintExpression {
  const pieces = text.includes(',') ? text.split(',') : [text];
  const clauses = pieces.map((piece) => parseClause(piece.trim(), text, name));
  return { text, clauses };
}

function parseClause(piece: string, text: string, name: string): ConstraintClause {
  const match = CLAUSE.exec(piece);
  const operator = match?.[1] as ConstraintOperator | undefined;
  const operand = (match?.[2] ?? '').trim();
  if (operand === '') {
    throw new CnsError(
      'BAD_CONSTRAINT',
      `${name}: "${text}" has an empty clause; write "[op] operand", e.g. ">= 1.30"`,
      {
        details: { name, value: text },
      },
    );
  }
  if (/^[<>=!]/.test(operand)) {
    throw new CnsError(
      'BAD_CONSTRAINT',
      `${name}: "${piece}" has an unknown operator; use one of ${CONSTRAINT_OPERATORS.join(' ')}`,
      {
        details: { name, value: text },
      },
    );
  }
  const version = parseLooseVersion(operand);
  if (operator && ORDERING_OPERATORS.includes(operator) && !version) {
    throw new CnsError(
      'BAD_CONSTRAINT',
      `${name}: "${piece}": ${operator} needs a version operand such as 1.30 or 6.8, got "${operand}"`,
      {
        details: { name, value: text, operand },
      },
    );
  }
  const clause: ConstraintClause = operator ? { operator, operand } : { operand };
  return version ? { ...clause, version } : clause;
}
