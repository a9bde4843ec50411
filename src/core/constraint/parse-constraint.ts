/**
 * @module The constraint value grammar: `[op] operand`, clauses joined by commas meaning AND.
 * Ordering operators (>= <= > <) need a version operand; == and != compare as versions when both
 * sides are versions and as text otherwise; ~= matches a word in the measured text (GPU models such as
 * H100); no operator means the exact string. A clause must parse completely: text after a version
 * (`>= 6.8 garbage`) or a second operator without a comma (`>=6.8 <6.0`) is refused, never read as a
 * version suffix. docs/constraints.md states the rules with examples.
 * @example parseConstraintExpression('>= 1.30, < 1.36') // two clauses, both must hold
 * @example parseConstraintExpression('~= H100') // holds for "NVIDIA H100 80GB HBM3", not "NVIDIA GB200"
 */
import { CnsError } from '../shared/errors.js';
import { parseLooseVersion, type LooseVersion } from '../version/loose-version.js';

export const CONSTRAINT_OPERATORS = ['>=', '<=', '>', '<', '==', '!=', '~='] as const;
export type ConstraintOperator = (typeof CONSTRAINT_OPERATORS)[number];
export const ORDERING_OPERATORS: readonly ConstraintOperator[] = ['>=', '<=', '>', '<'];
export const MATCH_OPERATOR: ConstraintOperator = '~=';

export interface ConstraintClause {
  /** undefined: exact string match. */
  readonly operator?: ConstraintOperator;
  readonly operand: string;
  /** Set when the operand reads as a version. */
  readonly version?: LooseVersion;
  /** For ~=: the operand as a case-insensitive whole-word pattern. */
  readonly pattern?: RegExp;
}

export interface ConstraintExpression {
  readonly text: string;
  readonly clauses: readonly ConstraintClause[];
}

const CLAUSE = /^(>=|<=|==|!=|~=|>|<)?\s*(.*)$/s;
/** What may follow the numbers of a version operand: a suffix such as `-eks-3025e55`, no spaces. */
const VERSION_SUFFIX = /^[0-9A-Za-z.+~_-]*$/;
/** An operator after a space inside an operand: a second clause whose comma is missing. */
const EMBEDDED_OPERATOR = /\s(>=|<=|==|!=|~=|>|<)/;
/** Letters and digits; a ~= operand must not touch more of them on either side. */
const WORD_EDGE = '[\\p{L}\\p{N}]';

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
  const refuse = (problem: string, details: Record<string, unknown> = {}): never => {
    throw new CnsError('BAD_CONSTRAINT', `${name}: "${text}" ${problem}`, {
      details: { name, value: text, ...details },
    });
  };
  if (operand === '') {
    refuse('has an empty clause; write "[op] operand", e.g. ">= 1.30"');
  }
  if (/^[<>=!~]/.test(operand)) {
    refuse(`has an unknown operator in "${piece}"; use one of ${CONSTRAINT_OPERATORS.join(' ')}`);
  }
  if (operator === undefined) return { operand };
  const embedded = EMBEDDED_OPERATOR.exec(operand);
  if (embedded) {
    refuse(
      `has a second operator (${embedded[1] ?? ''}) inside "${piece}"; join clauses with a comma, e.g. ">= 6.8, < 7"`,
      { operand },
    );
  }
  const version = parseLooseVersion(operand);
  if (operator === MATCH_OPERATOR) {
    if (version) {
      refuse(
        `matches words, and "${operand}" is a version; compare versions with >= <= > < == !=`,
        {
          operand,
        },
      );
    }
    return { operator, operand, pattern: wordPattern(operand) };
  }
  if (ORDERING_OPERATORS.includes(operator) && !version) {
    refuse(`needs a version after ${operator}, such as 1.30 or 6.8; got "${operand}"`, { operand });
  }
  if (version && !VERSION_SUFFIX.test(version.suffix)) {
    refuse(
      `does not parse completely: "${operand.slice(0, operand.length - version.suffix.length)}" is followed by "${version.suffix}", which is not part of a version`,
      { operand },
    );
  }
  return version ? { operator, operand, version } : { operator, operand };
}

/** The operand's words in order, case-insensitive, any run of spaces between them, not inside a word. */
function wordPattern(operand: string): RegExp {
  const words = operand
    .split(/\s+/)
    .map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('\\s+');
  return new RegExp(`(?<!${WORD_EDGE})${words}(?!${WORD_EDGE})`, 'iu');
}
