/**
 * @module The validate use case from named documents, as `cnsctl validate` (and a route given
 * locations) runs it: the recipe and the snapshot read at the same time, then runValidation, with
 * where each came from recorded in the result.
 */
import type { ValidationResult } from '../../core/validate/validation-result.js';
import { readRecipe } from '../documents/read-recipe.js';
import { readSnapshot } from '../documents/read-snapshot.js';
import type { ActionDeps } from '../ports.js';
import { runValidation } from './run-validation.js';

export interface ValidateDocumentsRequest {
  readonly recipeLocation: string;
  readonly snapshotLocation: string;
}

export type ValidateDocumentsDeps = Pick<
  ActionDeps,
  'documents' | 'clock' | 'timer' | 'toolVersion' | 'signal'
>;

export async function validateDocuments(
  request: ValidateDocumentsRequest,
  deps: ValidateDocumentsDeps,
): Promise<ValidationResult> {
  const [recipe, snapshot] = await Promise.all([
    readRecipe(request.recipeLocation, deps),
    readSnapshot(request.snapshotLocation, deps),
  ]);
  return runValidation(
    {
      recipe: recipe.recipe,
      snapshot: snapshot.snapshot,
      sources: { recipe: recipe.source, snapshot: snapshot.source },
    },
    deps,
  );
}
