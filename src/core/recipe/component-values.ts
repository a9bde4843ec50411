/**
 * @module A component's fully merged Helm values, lowest precedence first: the registry's base values
 * file, the recipe's values file (a delta over the base), then the recipe's overrides. Keys come out
 * sorted because Helm gives their order no meaning.
 */
import { CnsError } from '../shared/errors.js';
import { sortKeysDeep } from '../shared/serialize.js';
import type { Catalog } from './catalog.js';
import { mergeValues, type Values } from './merge-values.js';

export interface ValuesSource {
  readonly name: string;
  readonly valuesFile?: string | undefined;
  readonly overrides?: Readonly<Values> | undefined;
}

export function componentValues(catalog: Catalog, component: ValuesSource): Values {
  const baseFile = catalog.components[component.name]?.valuesFile;
  let values: Values = baseFile ? (catalog.values[baseFile] ?? {}) : {};
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
    values = mergeValues(values, file);
  }
  if (component.overrides) values = mergeValues(values, component.overrides);
  return sortKeysDeep(values);
}
