/**
 * @module Documents of NVIDIA's Go tool aicr (`apiVersion: aicr.nvidia.com/v1alpha1`) turned into ours
 * at the schema edge, so every reader (validate, diff, recipe --snapshot, bundle) takes them unchanged.
 * The measurement model is the same; the differences are the apiVersion, the kind's spelling
 * (`RecipeResult`, `RecipeCriteria`), constraint warnings (`constraint`/`reason` for our
 * `name`/`message`) and aicr's way of switching a component off (`overrides.enabled: false`).
 * Each function takes a parsed document and returns it converted, or unchanged when it is not aicr's.
 */
import { API_VERSION, KINDS } from './documents.js';

export const AICR_API_VERSION = 'aicr.nvidia.com/v1alpha1';

type Document = Record<string, unknown>;

function isAicr(value: unknown, kind: string): value is Document {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as Document).apiVersion === AICR_API_VERSION &&
    (value as Document).kind === kind
  );
}

const isObject = (value: unknown): value is Document =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** An aicr Snapshot: only the apiVersion differs (subtype `context` maps are not read). */
export function fromAicrSnapshot(value: unknown): unknown {
  return isAicr(value, 'Snapshot') ? { ...value, apiVersion: API_VERSION } : value;
}

/** An aicr RecipeCriteria: kind and apiVersion. */
export function fromAicrRecipeCriteria(value: unknown): unknown {
  return isAicr(value, 'RecipeCriteria')
    ? { ...value, kind: KINDS.recipeCriteria, apiVersion: API_VERSION }
    : value;
}

/**
 * An aicr RecipeResult: kind and apiVersion; constraint warnings renamed; components aicr switches off
 * with `overrides.enabled: false` left out, as aicr leaves them out of its bundles, and empty
 * severities (Go's zero value) dropped. Fields we do not model (tag, patches, expectedResources,
 * validation) are kept as they are.
 */
export function fromAicrRecipeResult(value: unknown): unknown {
  if (!isAicr(value, 'RecipeResult')) return value;
  const converted: Document = { ...value, kind: KINDS.recipeResult, apiVersion: API_VERSION };
  if (isObject(value.metadata) && Array.isArray(value.metadata.constraintWarnings)) {
    converted.metadata = {
      ...value.metadata,
      constraintWarnings: value.metadata.constraintWarnings.map(fromAicrWarning),
    };
  }
  if (Array.isArray(value.constraints)) {
    converted.constraints = value.constraints.map((c: unknown) =>
      isObject(c) && c.severity === '' ? withoutKey(c, 'severity') : c,
    );
  }
  if (Array.isArray(value.componentRefs)) {
    const disabled = new Set(
      value.componentRefs
        .filter(
          (ref: unknown) =>
            isObject(ref) && isObject(ref.overrides) && ref.overrides.enabled === false,
        )
        .map((ref) => (ref as Document).name),
    );
    converted.componentRefs = value.componentRefs.filter(
      (ref: unknown) => !(isObject(ref) && disabled.has(ref.name)),
    );
    if (Array.isArray(value.deploymentOrder)) {
      converted.deploymentOrder = value.deploymentOrder.filter(
        (name: unknown) => !disabled.has(name),
      );
    }
  }
  return converted;
}

function fromAicrWarning(warning: unknown): unknown {
  if (!isObject(warning) || 'name' in warning) return warning;
  const { constraint, reason, ...rest } = warning;
  return {
    ...rest,
    name: constraint,
    status: 'failed',
    message: reason,
  };
}

function withoutKey(value: Document, key: string): Document {
  const { [key]: _dropped, ...rest } = value;
  return rest;
}
