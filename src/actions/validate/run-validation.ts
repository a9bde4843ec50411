/**
 * @module The validate use case shared by cnsctl and cnsd: check a recipe's constraints against a
 * snapshot, time the evaluation with the injected timer, and return the ValidationResult document.
 * Reading the inputs and choosing the exit code stay with the caller.
 */
import type { Constraint } from '../../core/recipe/catalog-schema.js';
import type { Snapshot } from '../../core/snapshot/snapshot.js';
import { formatDuration } from '../../core/validate/format-duration.js';
import { validateRecipe } from '../../core/validate/validate-recipe.js';
import {
  buildValidationResult,
  type ValidationResult,
} from '../../core/validate/validation-result.js';
import type { Clock, MonotonicTimer } from '../ports.js';

export interface RunValidationRequest {
  readonly recipe: { readonly constraints: readonly Constraint[] };
  readonly snapshot: Snapshot;
  /** Where each document came from, as the user named it; recorded in the result's metadata. */
  readonly sources?: { readonly recipe?: string; readonly snapshot?: string };
}

export interface RunValidationDeps {
  readonly clock: Clock;
  readonly timer: MonotonicTimer;
  readonly toolVersion: string;
}

/**
 * Validates the recipe against the snapshot.
 * @throws CnsError BAD_CONSTRAINT when a constraint cannot be parsed (nothing is evaluated then).
 */
export function runValidation(
  request: RunValidationRequest,
  deps: RunValidationDeps,
): ValidationResult {
  const started = deps.timer.now();
  const { results, counts } = validateRecipe(request.recipe.constraints, request.snapshot);
  const elapsedMs = deps.timer.now() - started;
  const node = request.snapshot.metadata['source-node'];
  return buildValidationResult(results, counts, formatDuration(elapsedMs * 1e6), {
    generatedAt: deps.clock.now().toISOString(),
    version: deps.toolVersion,
    ...(request.sources?.recipe === undefined ? {} : { recipe: request.sources.recipe }),
    ...(request.sources?.snapshot === undefined ? {} : { snapshot: request.sources.snapshot }),
    ...(node === undefined ? {} : { node }),
  });
}
