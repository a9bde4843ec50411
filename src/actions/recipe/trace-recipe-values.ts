/**
 * @module The values explorer's use case: the recipe a request asks for (criteria, a criteria
 * document, or a snapshot, as makeRecipe takes them) and, per component in deployment order, its fully
 * merged Helm values with the layer that set each leaf. Given bundle options, the values are those the
 * bundle would ship (its --set, node selectors and tolerations on top), and components it drops are
 * left out.
 */
import type { BundleOptions } from '../../core/bundle/bundle-options.js';
import { flagComponents, type FlaggedComponent } from '../../core/bundle/plan-bundle.js';
import type { Values } from '../../core/recipe/merge-values.js';
import type { RecipeResult } from '../../core/recipe/recipe-result.js';
import { VALUES_LAYER_KINDS, type ValuesLayerKind } from '../../core/recipe/values-layer.js';
import { valuesProvenance, type ValuesLeaf } from '../../core/recipe/values-provenance.js';
import { API_VERSION } from '../../core/shared/documents.js';
import { makeAssembledRecipe, type MakeRecipeDeps, type MakeRecipeRequest } from './make-recipe.js';

export interface TraceValuesRequest extends MakeRecipeRequest {
  readonly bundle?: BundleOptions | undefined;
}

export interface ComponentValuesTrace {
  readonly name: string;
  readonly version?: string | undefined;
  readonly chart?: string | undefined;
  readonly namespace?: string | undefined;
  readonly values: Values;
  readonly leaves: readonly ValuesLeaf[];
}

export interface ValuesTrace {
  readonly kind: 'ValuesProvenance';
  readonly apiVersion: typeof API_VERSION;
  readonly criteria: RecipeResult['criteria'];
  /** The layers, lowest precedence first, as the leaves name them. */
  readonly layers: readonly ValuesLayerKind[];
  readonly components: readonly ComponentValuesTrace[];
}

export function traceRecipeValues(request: TraceValuesRequest, deps: MakeRecipeDeps): ValuesTrace {
  const { recipe, origins } = makeAssembledRecipe(request, deps);
  const components: readonly FlaggedComponent[] = request.bundle
    ? flagComponents(recipe, deps.catalog, request.bundle)
    : recipe.componentRefs.map((ref) => ({ ref, flags: [] }));
  return {
    kind: 'ValuesProvenance',
    apiVersion: API_VERSION,
    criteria: recipe.criteria,
    layers: VALUES_LAYER_KINDS,
    components: components.map(({ ref, flags }) => ({
      name: ref.name,
      version: ref.version,
      chart: ref.chart,
      namespace: ref.namespace,
      ...valuesProvenance(deps.catalog, ref, { origins: origins.get(ref.name), flags }),
    })),
  };
}
