/**
 * @module What `--fail-on` decides: which results fail the run. Each level adds to the one before:
 * `error` (the default) fails on failed constraints of severity error, `warning` also on those of
 * severity warning, `skipped` also on constraints the snapshot has no value for (an incomplete
 * validation), and `never` only reports. Skipped constraints never count as passed.
 */
import { EXIT_CHECK_FAILED, EXIT_OK } from '../shared/error-status.js';
import type { ValidationEntry, ValidationResult } from './validation-result.js';

export const FAIL_ON_LEVELS = ['error', 'warning', 'skipped', 'never'] as const;
export type FailOn = (typeof FAIL_ON_LEVELS)[number];
export const DEFAULT_FAIL_ON: FailOn = 'error';

/** Whether this one result fails the run under `failOn` (a result read back without severity is an error). */
export function failsRun(entry: ValidationEntry, failOn: FailOn): boolean {
  if (failOn === 'never' || entry.status === 'passed') return false;
  if (entry.status === 'skipped') return failOn === 'skipped';
  return failOn !== 'error' || (entry.severity ?? 'error') === 'error';
}

/**
 * The exit code of a validation under `failOn`: 1 when any result fails the run, else 0.
 * @example validationExitCode(resultWithOnlyAWarning, 'error') // 0
 */
export function validationExitCode(result: ValidationResult, failOn: FailOn): number {
  return result.results.some((entry) => failsRun(entry, failOn)) ? EXIT_CHECK_FAILED : EXIT_OK;
}
