/**
 * @module Gathers what a recipe is built from: the criteria given directly (CLI flags, a request's
 * fields), and the criteria document and snapshot read from wherever they are (file, `-`, URL,
 * `cm://`), read at the same time.
 */
import type { LooseCriteria } from '../../core/recipe/criteria.js';
import { readCriteriaDocument } from '../documents/read-criteria-document.js';
import { readSnapshot } from '../documents/read-snapshot.js';
import type { DocumentReading } from '../documents/read-typed-document.js';
import type { MakeRecipeRequest } from './make-recipe.js';

/** The inputs of a recipe as a caller names them: criteria values and document locations. */
export interface RecipeInputs {
  /** Criteria given directly; they win over the document's and the snapshot's. */
  readonly criteria: LooseCriteria;
  /** Where to read a recipeCriteria document. */
  readonly criteriaLocation?: string | undefined;
  /** Where to read a Snapshot to detect criteria from and screen overlays against. */
  readonly snapshotLocation?: string | undefined;
}

export async function readRecipeRequest(
  inputs: RecipeInputs,
  reading: DocumentReading,
): Promise<MakeRecipeRequest> {
  const [snapshot, criteriaDocument] = await Promise.all([
    inputs.snapshotLocation === undefined
      ? undefined
      : readSnapshot(inputs.snapshotLocation, reading),
    inputs.criteriaLocation === undefined
      ? undefined
      : readCriteriaDocument(inputs.criteriaLocation, reading),
  ]);
  return {
    criteria: inputs.criteria,
    criteriaDocument: criteriaDocument?.spec,
    snapshot: snapshot?.snapshot,
  };
}
