/**
 * @module Which Helm values paths a chart reads, from what the chart ships: its values.yaml, its
 * subcharts' values.yaml under their key (their `global` shared with the parent), and a list of the
 * `.Values` paths its templates read, where `free: true` leaves everything below the path to the user
 * (a map or list passed on whole, a Kubernetes-typed field). Pure: an adapter reads the files.
 */
import { isValuesObject } from './merge-values.js';

export interface TemplatePath {
  readonly path: readonly string[];
  readonly free: boolean;
}

/** A chart's values as shipped, one folder of a charts directory. */
export interface ChartValuesSource {
  readonly values: unknown;
  /** Subchart values by key path under the parent (charts/a/charts/b → ['a', 'b']). */
  readonly subcharts: readonly { readonly key: readonly string[]; readonly values: unknown }[];
  readonly templatePaths: readonly TemplatePath[];
}

/** Whether the chart reads `path` (dot-free segments). */
export function chartKnowsPath(chart: ChartValuesSource, path: readonly string[]): boolean {
  return (
    hasPath(chart.values, path) ||
    chart.subcharts.some(
      ({ key, values }) =>
        (startsWith(path, key) && hasPath(values, path.slice(key.length))) ||
        (path[0] === 'global' && hasPath(values, path)),
    ) ||
    chart.templatePaths.some(
      (t) => (t.path.length === path.length || t.free) && startsWith(path, t.path),
    )
  );
}

/** Leaf paths of a values object; lists, scalars and empty maps are leaves (Helm replaces them whole). */
export function leafPaths(values: unknown, prefix: readonly string[] = []): string[][] {
  if (!isValuesObject(values) || Object.keys(values).length === 0)
    return prefix.length > 0 ? [[...prefix]] : [];
  return Object.entries(values).flatMap(([key, value]) => leafPaths(value, [...prefix, key]));
}

function hasPath(values: unknown, path: readonly string[]): boolean {
  let current: unknown = values;
  for (const key of path) {
    if (!isValuesObject(current) || !Object.hasOwn(current, key)) return false;
    current = current[key];
  }
  return true;
}

function startsWith(path: readonly string[], prefix: readonly string[]): boolean {
  return prefix.length <= path.length && prefix.every((key, index) => path[index] === key);
}
