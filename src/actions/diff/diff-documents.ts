/**
 * @module The diff use case from named documents, as `cnsctl diff` (and a route given locations) runs
 * it: the fleet (directories expanded) and the recipe read at the same time, then diffSnapshots.
 */
import type { KeyFilterOptions } from '../../core/diff/build-key-filter.js';
import type { DiffReport } from '../../core/diff/diff-exit-code.js';
import { readFleet } from '../documents/read-fleet.js';
import { readRecipe } from '../documents/read-recipe.js';
import type { ActionDeps } from '../ports.js';
import { diffSnapshots } from './diff-snapshots.js';

export interface DiffDocumentsRequest {
  /** Snapshot locations; a directory stands for the snapshot files in it. */
  readonly snapshotLocations: readonly string[];
  /** A recipeResult to check one snapshot against for drift. */
  readonly recipeLocation?: string | undefined;
  readonly filter?: KeyFilterOptions;
}

export type DiffDocumentsDeps = Pick<
  ActionDeps,
  'documents' | 'documentLister' | 'clock' | 'toolVersion' | 'signal'
>;

export async function diffDocuments(
  request: DiffDocumentsRequest,
  deps: DiffDocumentsDeps,
): Promise<DiffReport> {
  const [snapshots, recipe] = await Promise.all([
    readFleet(request.snapshotLocations, deps),
    request.recipeLocation === undefined ? undefined : readRecipe(request.recipeLocation, deps),
  ]);
  return diffSnapshots(
    {
      snapshots,
      ...(recipe === undefined
        ? {}
        : { recipe: { source: recipe.source, constraints: recipe.recipe.constraints } }),
      ...(request.filter === undefined ? {} : { filter: request.filter }),
    },
    deps,
  );
}
