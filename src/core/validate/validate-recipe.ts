/**
 * @module Checks a recipe's constraints against a snapshot. Every constraint is parsed before any is
 * evaluated, so a typo in the recipe is an input error rather than a half-finished report; then every
 * constraint gets a result, in recipe order, and the first failure never stops the run.
 */
import {
  evaluateResolvedConstraint,
  type ConstraintResult,
} from '../constraint/evaluate-constraint.js';
import { indexSnapshot } from '../constraint/index-snapshot.js';
import {
  parseConstraintExpression,
  type ConstraintExpression,
} from '../constraint/parse-constraint.js';
import type { RecipeConstraint } from '../recipe/recipe-result.js';
import { CnsError, isCnsError } from '../shared/errors.js';
import type { Snapshot } from '../snapshot/snapshot.js';
import { countResults, type ValidationCounts } from './validation-result.js';

export interface ValidationOutcome {
  readonly results: readonly ConstraintResult[];
  readonly counts: ValidationCounts;
}

const NAME = /^[^.\s]+\.[^.\s]+\..+$/;

interface BadConstraint {
  readonly index: number;
  readonly name: string;
  readonly value: string;
  readonly problem: string;
}

/**
 * Evaluates every constraint against `snapshot`.
 * @throws CnsError BAD_CONSTRAINT naming the first bad constraint (details list them all), before
 *   anything is evaluated.
 * @example validateRecipe([{ name: 'K8s.server.version', value: '>= 1.30' }], snapshot).counts.status
 */
export function validateRecipe(
  constraints: readonly RecipeConstraint[],
  snapshot: Snapshot,
): ValidationOutcome {
  const expressions = parseAll(constraints);
  const index = indexSnapshot(snapshot);
  const results = constraints.map((constraint, i) =>
    evaluateResolvedConstraint(
      constraint,
      expressions[i] as ConstraintExpression,
      index.resolve(constraint.name),
    ),
  );
  return { results, counts: countResults(results) };
}

function parseAll(constraints: readonly RecipeConstraint[]): ConstraintExpression[] {
  // Recipes repeat a few values ('>= 1.30', 'true') across many keys; parse each text once.
  const cache = new Map<string, ConstraintExpression>();
  const bad: BadConstraint[] = [];
  const expressions = constraints.map((constraint, index) => {
    const { name, value } = constraint;
    if (!NAME.test(name)) {
      bad.push({
        index,
        name,
        value,
        problem: `name "${name}" is not of the form Type.Subtype.Key`,
      });
      return undefined;
    }
    const cached = cache.get(value);
    if (cached) return cached;
    try {
      const expression = parseConstraintExpression(value, name);
      cache.set(value, expression);
      return expression;
    } catch (error) {
      if (!isCnsError(error)) throw error;
      bad.push({ index, name, value, problem: error.message });
      return undefined;
    }
  });
  const first = bad[0];
  if (first) {
    const more = bad.length > 1 ? ` (and ${bad.length - 1} more bad constraints)` : '';
    throw new CnsError(
      'BAD_CONSTRAINT',
      `recipe constraint ${first.index + 1}: ${first.problem}${more}; fix the recipe and run again`,
      {
        details: {
          name: first.name,
          value: first.value,
          index: first.index,
          constraints: bad.map(({ index, name, value }) => ({ index, name, value })),
        },
      },
    );
  }
  return expressions as ConstraintExpression[];
}
