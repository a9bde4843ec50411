import { describe, expect, it } from 'vitest';
import { API_VERSION } from '../shared/documents.js';
import { failsRun, validationExitCode, type FailOn } from './validation-exit-code.js';
import type { ValidationEntry, ValidationResult } from './validation-result.js';

const entry = (
  status: ValidationEntry['status'],
  severity?: 'error' | 'warning',
): ValidationEntry => ({
  name: 'OS.release.ID',
  expected: 'ubuntu',
  status,
  ...(severity ? { severity } : {}),
});

const result = (results: ValidationEntry[]): ValidationResult => ({
  kind: 'ValidationResult',
  apiVersion: API_VERSION,
  metadata: {},
  summary: { passed: 0, failed: 0, warnings: 0, skipped: 0, total: 0, status: 'pass' },
  results,
});

describe('validationExitCode', () => {
  it.each<[string, ValidationEntry[], FailOn, number]>([
    ['all passed exits 0', [entry('passed')], 'error', 0],
    ['a failed error exits 1 by default', [entry('failed', 'error')], 'error', 1],
    ['a failed warning exits 0 by default', [entry('failed', 'warning')], 'error', 0],
    [
      'a failed warning exits 1 under --fail-on warning',
      [entry('failed', 'warning')],
      'warning',
      1,
    ],
    ['a failed error exits 1 under --fail-on warning', [entry('failed', 'error')], 'warning', 1],
    ['a failed error exits 0 under --fail-on never', [entry('failed', 'error')], 'never', 0],
    ['skipped constraints do not fail a run by default', [entry('skipped', 'error')], 'error', 0],
    ['skipped constraints do not fail under --fail-on warning', [entry('skipped')], 'warning', 0],
    ['a skipped constraint exits 1 under --fail-on skipped', [entry('skipped')], 'skipped', 1],
    [
      'a failed warning exits 1 under --fail-on skipped',
      [entry('failed', 'warning')],
      'skipped',
      1,
    ],
    ['a skipped constraint exits 0 under --fail-on never', [entry('skipped')], 'never', 0],
    ['all passed exits 0 under --fail-on skipped', [entry('passed')], 'skipped', 0],
    [
      'a failed result read back without severity counts as an error',
      [entry('failed')],
      'error',
      1,
    ],
    ['no constraints exits 0', [], 'warning', 0],
  ])('%s', (_name, results, failOn, code) => {
    expect(validationExitCode(result(results), failOn)).toBe(code);
  });

  it('agrees with failsRun on each result', () => {
    expect(failsRun(entry('failed', 'warning'), 'warning')).toBe(true);
    expect(failsRun(entry('passed', 'error'), 'warning')).toBe(false);
  });
});
