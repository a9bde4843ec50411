/**
 * @module The criteria values one server serves (CNSD_ALLOWED_<DIMENSION>): a recipe for any other
 * value is refused with the values that are allowed, whether the value was asked for or detected
 * from a snapshot. Without a list a dimension serves all of its values.
 */
import {
  CRITERIA_DIMENSIONS,
  DIMENSION_NAMES,
  type CriteriaDimension,
  type RecipeCriteria,
} from '../core/recipe/criteria.js';
import { CnsError } from '../core/shared/errors.js';
import type { CriteriaAllowlist } from './config.js';

/** Every dimension's values as this server serves them. */
export function servedValues(
  allowlist: CriteriaAllowlist,
): Readonly<Record<CriteriaDimension, readonly string[]>> {
  return Object.fromEntries(
    DIMENSION_NAMES.map((d) => [d, allowlist[d] ?? CRITERIA_DIMENSIONS[d]]),
  ) as Record<CriteriaDimension, readonly string[]>;
}

/** @throws CnsError UNKNOWN_CRITERIA naming the dimension, the value and the allowed values. */
export function assertServed(criteria: RecipeCriteria, allowlist: CriteriaAllowlist): void {
  for (const dimension of DIMENSION_NAMES) {
    const allowed = allowlist[dimension];
    const value = criteria[dimension];
    if (allowed === undefined || allowed.includes(value)) continue;
    throw new CnsError(
      'UNKNOWN_CRITERIA',
      `${dimension} "${value}" is not served here: allowed values are ${allowed.join(', ')}`,
      { details: { dimension, value, allowed } },
    );
  }
}
