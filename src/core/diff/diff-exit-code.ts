/**
 * @module The exit code of `cnsctl diff`, like diff(1): 0 when the inputs agree (equal snapshots, a
 * uniform fleet, a snapshot that still meets its recipe), 1 when they differ or drifted.
 */
import { EXIT_CHECK_FAILED, EXIT_OK } from '../shared/error-status.js';
import type { SnapshotDiff } from './compare-snapshots.js';
import type { FleetDiff } from './compare-fleet.js';
import type { RecipeDrift } from './evaluate-drift.js';

/** Any report `cnsctl diff` produces. */
export type DiffReport = SnapshotDiff | FleetDiff | RecipeDrift;

/** 0 when the report found no difference, else 1. */
export function diffExitCode(report: DiffReport): number {
  const status = report.summary.status;
  return status === 'equal' || status === 'uniform' || status === 'in-sync'
    ? EXIT_OK
    : EXIT_CHECK_FAILED;
}
