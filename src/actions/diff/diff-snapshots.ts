/**
 * @module The diff use case shared by cnsctl and cnsd. Which comparison runs follows from the inputs:
 * a recipe and one snapshot → recipe drift; two snapshots → a key-by-key diff; three or more → the
 * fleet view with majority values and outlier nodes. Reading the inputs (files, directories, URLs)
 * stays with the caller.
 */
import type { KeyFilterOptions } from '../../core/diff/build-key-filter.js';
import { compareFleet } from '../../core/diff/compare-fleet.js';
import { compareSnapshots } from '../../core/diff/compare-snapshots.js';
import type { DiffReport } from '../../core/diff/diff-exit-code.js';
import { evaluateDrift } from '../../core/diff/evaluate-drift.js';
import type { NamedSnapshot } from '../../core/diff/name-nodes.js';
import type { Constraint } from '../../core/recipe/catalog-schema.js';
import { CnsError } from '../../core/shared/errors.js';
import type { Clock } from '../ports.js';

export interface DiffSnapshotsRequest {
  readonly snapshots: readonly NamedSnapshot[];
  readonly recipe?: { readonly source: string; readonly constraints: readonly Constraint[] };
  readonly filter?: KeyFilterOptions;
}

export interface DiffSnapshotsDeps {
  readonly clock: Clock;
  readonly toolVersion: string;
}

/**
 * Compares the snapshots with each other, or one snapshot with a recipe.
 * @throws CnsError USAGE for the wrong number of snapshots or a malformed pattern; BAD_CONSTRAINT for
 *   an unparsable recipe constraint.
 */
export function diffSnapshots(request: DiffSnapshotsRequest, deps: DiffSnapshotsDeps): DiffReport {
  const meta = { generatedAt: deps.clock.now().toISOString(), version: deps.toolVersion };
  const filter = request.filter ?? {};
  const { snapshots, recipe } = request;
  if (recipe) {
    const [snapshot] = snapshots;
    if (!snapshot || snapshots.length > 1) {
      throw new CnsError(
        'USAGE',
        `diff --recipe compares one snapshot with the recipe, got ${snapshots.length}; run it once per snapshot`,
        { details: { snapshots: snapshots.length } },
      );
    }
    return evaluateDrift({ recipe, snapshot }, filter, meta);
  }
  const [a, b] = snapshots;
  if (!a || !b) {
    throw new CnsError(
      'USAGE',
      `diff needs two or more snapshots (or a directory of them), or --recipe and one snapshot; got ${snapshots.length}`,
      { details: { snapshots: snapshots.length } },
    );
  }
  return snapshots.length === 2
    ? compareSnapshots(a, b, filter, meta)
    : compareFleet(snapshots, filter, meta);
}
