/**
 * @module A component's fully merged Helm values, lowest precedence first: the registry's base values
 * file, the recipe's values file (a delta over the base), then the recipe's overrides. Keys come out
 * sorted because Helm gives their order no meaning.
 */
import { CnsError } from '../shared/errors.js';
import { sortKeysDeep } from '../shared/serialize.js';
import type { Catalog } from './catalog.js';
import type { Values } from './merge-values.js';
import { mergeValueLayers, type ValuesLayer } from './values-layer.js';

export interface ValuesSource {
  readonly name: string;
  readonly valuesFile?: string | undefined;
  readonly overrides?: Readonly<Values> | undefined;
}

/** The source of a recipe's inline overrides when nothing says which overlay wrote them. */
export const RECIPE_OVERRIDES = 'recipe overrides';

export function componentValues(catalog: Catalog, component: ValuesSource): Values {
  return sortKeysDeep(mergeValueLayers(componentValueLayers(catalog, component)));
}

/** The files and overrides componentValues merges, in order; a layer that adds nothing is left out. */
export function componentValueLayers(catalog: Catalog, component: ValuesSource): ValuesLayer[] {
  const layers: ValuesLayer[] = [];
  const baseFile = catalog.components[component.name]?.valuesFile;
  if (baseFile)
    layers.push({ kind: 'base', source: baseFile, values: catalog.values[baseFile] ?? {} });
  if (component.valuesFile !== undefined && component.valuesFile !== baseFile) {
    const file = catalog.values[component.valuesFile];
    if (!file) {
      throw new CnsError(
        'NOT_FOUND',
        `component "${component.name}": values file ${component.valuesFile} is not in the recipe data`,
        {
          details: { component: component.name, valuesFile: component.valuesFile },
        },
      );
    }
    layers.push({ kind: 'values-file', source: component.valuesFile, values: file });
  }
  if (component.overrides)
    layers.push({ kind: 'override', source: RECIPE_OVERRIDES, values: component.overrides });
  return layers;
}
