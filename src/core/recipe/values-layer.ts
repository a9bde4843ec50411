/**
 * @module The layers a component's Helm values are merged from, lowest precedence first, and the one
 * way they are merged (mergeValues, layer after layer). componentValues, planBundle and
 * valuesProvenance all fold their layers here, so the values a bundle ships and the values whose
 * origin the explorer shows cannot come from two different merges.
 */
import { mergeValues, type Values } from './merge-values.js';

/** Lowest precedence first; keep in step with docs/recipe-engine.md (values precedence). */
export const VALUES_LAYER_KINDS = [
  'base',
  'values-file',
  'override',
  'snapshot-lock',
  'bundle-flag',
] as const;
export type ValuesLayerKind = (typeof VALUES_LAYER_KINDS)[number];

export interface ValuesLayer {
  readonly kind: ValuesLayerKind;
  /**
   * Where the layer comes from: the data path of a values file, the overlay whose inline overrides
   * these are, the snapshot measurement a lock read, or the bundle flag as given.
   */
  readonly source: string;
  readonly values: Readonly<Values>;
}

/** `layers` merged in order over `start`; inputs are never mutated. */
export function mergeValueLayers(
  layers: readonly ValuesLayer[],
  start: Readonly<Values> = {},
): Values {
  return layers.reduce<Values>((merged, layer) => mergeValues(merged, layer.values), {
    ...start,
  });
}
