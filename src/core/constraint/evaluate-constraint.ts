/**
 * @module Evaluates constraints against snapshot values. Every constraint gets a result (passed,
 * failed or skipped) with expected, actual and a message saying why; a value absent from the snapshot
 * is skipped with the reason, never passed.
 */
import type { ConstraintSeverity } from '../recipe/catalog-schema.js';
import type { RecipeConstraint } from '../recipe/recipe-result.js';
import type { Scalar, Snapshot } from '../snapshot/snapshot.js';
import { compareAtPrecision, parseLooseVersion } from '../version/loose-version.js';
import {
  parseConstraintExpression,
  type ConstraintClause,
  type ConstraintExpression,
} from './parse-constraint.js';
import { resolveConstraintPath, type ResolvedPath } from './resolve-constraint-path.js';

export const CONSTRAINT_STATUSES = ['passed', 'failed', 'skipped'] as const;
export type ConstraintStatus = (typeof CONSTRAINT_STATUSES)[number];

export interface ConstraintResult {
  readonly name: string;
  readonly expected: string;
  readonly actual?: string;
  readonly status: ConstraintStatus;
  readonly message: string;
  readonly severity: ConstraintSeverity;
  readonly remediation?: string;
  /** The overlay that requires this constraint and that the recipe left out (see RecipeConstraint). */
  readonly excludedOverlay?: string;
}

export interface ExpressionOutcome {
  readonly holds: boolean;
  readonly message: string;
}

/**
 * Whether `actual` satisfies every clause of `expression`.
 * @example evaluateExpression(parseConstraintExpression('>= 6.8'), '6.8.0-1043-aws').holds // true
 */
export function evaluateExpression(
  expression: ConstraintExpression,
  actual: string,
): ExpressionOutcome {
  for (const clause of expression.clauses) {
    const outcome = evaluateClause(clause, actual);
    if (!outcome.holds) return outcome;
  }
  return { holds: true, message: `${actual} satisfies ${expression.text}` };
}

function evaluateClause(clause: ConstraintClause, actual: string): ExpressionOutcome {
  const { operator, operand, version, pattern } = clause;
  if (operator === undefined) {
    return actual === operand
      ? { holds: true, message: `${actual} equals ${operand}` }
      : { holds: false, message: `expected exactly "${operand}", found "${actual}"` };
  }
  if (pattern) {
    return pattern.test(actual)
      ? { holds: true, message: `"${actual}" matches ${operand}` }
      : { holds: false, message: `"${actual}" does not contain the word ${operand}` };
  }
  const actualVersion = version ? parseLooseVersion(actual) : undefined;
  if (operator === '==' || operator === '!=') {
    const equal =
      version && actualVersion
        ? compareAtPrecision(actualVersion, version) === 0
        : actual === operand;
    const holds = operator === '==' ? equal : !equal;
    return {
      holds,
      message: holds
        ? `${actual} ${operator} ${operand}`
        : `${actual} is not ${operator} ${operand}`,
    };
  }
  if (!version || !actualVersion) {
    return {
      holds: false,
      message: `"${actual}" is not a version, so it cannot be compared with ${operator} ${operand}`,
    };
  }
  const order = compareAtPrecision(actualVersion, version);
  const holds =
    operator === '>='
      ? order >= 0
      : operator === '<='
        ? order <= 0
        : operator === '>'
          ? order > 0
          : order < 0;
  const precision = version.parts.length;
  return holds
    ? { holds, message: `${actual} ${operator} ${operand}` }
    : {
        holds,
        message: `${actual} is not ${operator} ${operand} (compared at ${precision} component${precision === 1 ? '' : 's'})`,
      };
}

/**
 * Evaluates one constraint against a snapshot.
 * @throws CnsError BAD_CONSTRAINT when the constraint's value cannot be parsed.
 */
export function evaluateConstraint(
  constraint: RecipeConstraint,
  snapshot: Snapshot,
): ConstraintResult {
  const expression = parseConstraintExpression(constraint.value, constraint.name);
  return evaluateParsedConstraint(constraint, expression, snapshot);
}

/** evaluateConstraint for an expression parsed once up front (validate parses all before evaluating). */
export function evaluateParsedConstraint(
  constraint: RecipeConstraint,
  expression: ConstraintExpression,
  snapshot: Snapshot,
): ConstraintResult {
  return evaluateResolvedConstraint(
    constraint,
    expression,
    resolveConstraintPath(constraint.name, snapshot),
  );
}

/**
 * evaluateParsedConstraint for a path already resolved, e.g. through indexSnapshot when thousands of
 * constraints are checked against one snapshot.
 */
export function evaluateResolvedConstraint(
  constraint: RecipeConstraint,
  expression: ConstraintExpression,
  path: ResolvedPath,
): ConstraintResult {
  const result = evaluateMeasured(constraint, expression, path);
  return constraint.excludedOverlay === undefined ? result : markExcluded(result, constraint);
}

function evaluateMeasured(
  constraint: RecipeConstraint,
  expression: ConstraintExpression,
  path: ResolvedPath,
): ConstraintResult {
  const { name, value: expected, remediation } = constraint;
  const severity = constraint.severity ?? 'error';
  // Literal shapes, not spreads of a conditional spread: validate builds 10,000 of these per run, and
  // spread-built objects here were several times slower to create and to read.
  if (path.value === undefined) {
    const where =
      path.missing === 'type'
        ? `the snapshot has no ${path.type} measurements`
        : path.missing === 'subtype'
          ? `the snapshot has no ${path.type} subtype for ${constraint.name}`
          : `${path.type}.${path.subtype} has no key ${path.key}`;
    const message = `not measured: ${where}`;
    return remediation === undefined
      ? { name, expected, severity, status: 'skipped', message }
      : { name, expected, severity, remediation, status: 'skipped', message };
  }
  const actual = scalarText(path.value);
  const outcome = evaluateExpression(expression, actual);
  const status = outcome.holds ? 'passed' : 'failed';
  const message = outcome.message;
  return remediation === undefined
    ? { name, expected, severity, actual, status, message }
    : { name, expected, severity, remediation, actual, status, message };
}

/**
 * A result for a constraint whose overlay the recipe left out: the message says which overlay needs
 * it, and when the node meets it anyway, that a recipe built for this node would include the overlay.
 */
function markExcluded(result: ConstraintResult, constraint: RecipeConstraint): ConstraintResult {
  const overlay = constraint.excludedOverlay ?? '';
  const because =
    constraint.excludedBecause ?? 'it failed on the snapshot the recipe was built from';
  const causedByThis = `; ${because}`.includes(`; ${constraint.name}: `);
  const required = `required by overlay ${overlay}, which this recipe left out`;
  const note =
    result.status === 'passed'
      ? `${required} (${because}), but this node meets it: build the recipe from this node's snapshot`
      : result.status === 'failed' && causedByThis
        ? `${required} for this failure`
        : `${required} (${because})`;
  return { ...result, message: `${result.message}; ${note}`, excludedOverlay: overlay };
}

export function scalarText(value: Scalar): string {
  return typeof value === 'string' ? value : String(value);
}
