/**
 * @module What `--fail-on` decides: which failed constraints fail the run. `error` (the default) fails
 * on failed constraints of severity error, `warning` also on those of severity warning, `never` only
 * reports. Skipped constraints never fail a run and never count as passed.
 */
import { EXIT_CHECK_FAILED, EXIT_OK } from '../shared/error-status.js';
import type { ValidationEntry, ValidationResult } from './validation-result.js';

export const FAIL_ON_LEVELS = ['error', 'warning', 'never'] as const;
export type FailOn = (typeof FAIL_ON_LEVELS)[number];
export const DEFAULT_FAIL_ON: FailOn = 'error';

/** Whether this one result fails the run under `failOn` (a result read back without severity is an error). */
export function failsRun(entry: ValidationEntry, failOn: FailOn): boolean {
  if (entry.status !== 'failed' || failOn === 'never') return false;
  return failOn === 'warning' || (entry.severity ?? 'error') === 'error';
}

/**
 * The exit code of a validation under `failOn`: 1 when any result fails the run, else 0.
 * @example validationExitCode(resultWithOnlyAWarning, 'error') // 0
 */
export function validationExitCode(result: ValidationResult, failOn: FailOn): number {
  return result.results.some((entry) => failsRun(entry, failOn)) ? EXIT_CHECK_FAILED : EXIT_OK;
}
