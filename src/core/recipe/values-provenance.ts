/**
 * @module Where each of a component's merged Helm values comes from. The layers are the ones the
 * values are really merged from (componentValueLayers, the overlays' overrides and snapshot locks that
 * assembleRecipe recorded, the bundle flags of flagComponents), merged by the one mergeValueLayers;
 * each leaf is then credited to the last layer that holds its path. That layer's value is the leaf's
 * value: a later layer can only remove a path (replacing an ancestor with a scalar), never change it.
 * @example traceValues([{ kind: 'base', source: 'v.yaml', values: { a: 1, b: 2 } },
 *                       { kind: 'override', source: 'eks', values: { b: 3 } }]).leaves
 *   // → [{ path: ['a'], value: 1, layer: 'base', source: 'v.yaml' },
 *   //    { path: ['b'], value: 3, layer: 'override', source: 'eks' }]
 */
import { CnsError } from '../shared/errors.js';
import { sortKeysDeep } from '../shared/serialize.js';
import type { ComponentOrigins } from './build-recipe.js';
import type { Catalog } from './catalog.js';
import { componentValueLayers, type ValuesSource } from './component-values.js';
import { getValueAtPath, isValuesObject, nestValue, type Values } from './merge-values.js';
import { mergeValueLayers, type ValuesLayer, type ValuesLayerKind } from './values-layer.js';

/**
 * A value with nothing below it: a scalar, null, a list (lists replace whole, so a list has one
 * origin) or an empty map.
 */
export interface ValuesLeaf {
  readonly path: readonly string[];
  readonly value: unknown;
  readonly layer: ValuesLayerKind;
  readonly source: string;
}

export interface ValuesProvenance {
  /** The merged values, keys sorted (what componentValues, or with flags planBundle, gives). */
  readonly values: Values;
  /** Every leaf of `values`, in key order, with the layer that set it. */
  readonly leaves: readonly ValuesLeaf[];
}

export interface ProvenanceExtras {
  /** What assembleRecipe recorded: the recipe's overrides split by overlay, and snapshot locks. */
  readonly origins?: ComponentOrigins | undefined;
  /** Bundle flags for this component (flagComponents), applied last. */
  readonly flags?: readonly ValuesLayer[] | undefined;
}

/** The provenance of one recipe component's values. */
export function valuesProvenance(
  catalog: Catalog,
  component: ValuesSource,
  extras: ProvenanceExtras = {},
): ValuesProvenance {
  return traceValues(valuesLayers(catalog, component, extras));
}

/**
 * The component's layers: without origins, the recipe's overrides are one layer; with them, one
 * layer per overlay that wrote overrides, then one per snapshot lock (the recipe's overrides are
 * exactly these merged, which the tests prove for every recipe).
 */
export function valuesLayers(
  catalog: Catalog,
  component: ValuesSource,
  { origins, flags = [] }: ProvenanceExtras,
): ValuesLayer[] {
  const layers = componentValueLayers(catalog, component);
  const ownLayers = origins
    ? [
        ...layers.filter((layer) => layer.kind !== 'override'),
        ...origins.overrides.map(({ overlay, values }): ValuesLayer => ({
          kind: 'override',
          source: overlay,
          values,
        })),
        ...origins.locks.map(({ path, value, measurement }): ValuesLayer => ({
          kind: 'snapshot-lock',
          source: measurement,
          values: nestValue(path, value),
        })),
      ]
    : layers;
  return [...ownLayers, ...flags];
}

/** Merges `layers` and credits each leaf of the result to the last layer holding its path. */
export function traceValues(layers: readonly ValuesLayer[]): ValuesProvenance {
  const values = sortKeysDeep(mergeValueLayers(layers));
  const leaves: ValuesLeaf[] = [];
  const visit = (value: unknown, path: string[]): void => {
    if (isValuesObject(value) && Object.keys(value).length > 0) {
      for (const [key, inner] of Object.entries(value)) visit(inner, [...path, key]);
      return;
    }
    const layer = layers.findLast((candidate) => holdsPath(candidate.values, path));
    if (layer === undefined) {
      throw new CnsError('INTERNAL', `values path ${path.join('.')} has no layer that sets it`, {
        details: { path },
      });
    }
    leaves.push({ path, value, layer: layer.kind, source: layer.source });
  };
  for (const [key, inner] of Object.entries(values)) visit(inner, [key]);
  return { values, leaves };
}

// Values come from YAML, JSON or flags, none of which can hold undefined, so undefined means absent.
function holdsPath(values: Readonly<Values>, path: readonly string[]): boolean {
  return getValueAtPath(values, path) !== undefined;
}
