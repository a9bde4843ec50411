/**
 * @module A chart's known Helm values paths, read from an oracle folder (oracles/charts/<chart>): the
 * chart's values.yaml, its subcharts' values.yaml under their key (and their `global`, shared with the
 * parent), and template-values.json, where `free: true` leaves everything below the path to the user.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { isValuesObject, type Values } from '../../src/core/recipe/merge-values.js';

interface TemplatePath {
  readonly path: readonly string[];
  readonly free: boolean;
}

export interface ChartOracle {
  /** Whether the chart reads `path` (dot-free segments). */
  readonly knows: (path: readonly string[]) => boolean;
}

export function readChartOracle(chartDir: string): ChartOracle {
  const values = readValues(join(chartDir, 'values.yaml'));
  const subcharts = readSubcharts(join(chartDir, 'charts'));
  const templatePaths = readTemplatePaths(join(chartDir, 'template-values.json'));
  return {
    knows: (path) =>
      hasPath(values, path) ||
      knownToSubchart(subcharts, path) ||
      templatePaths.some(
        (t) => (t.path.length === path.length || t.free) && startsWith(path, t.path),
      ),
  };
}

/** Leaf paths of a values object; lists and scalars are leaves (Helm replaces them whole). */
export function leafPaths(values: unknown, prefix: readonly string[] = []): string[][] {
  if (!isValuesObject(values) || Object.keys(values).length === 0)
    return prefix.length > 0 ? [[...prefix]] : [];
  return Object.entries(values).flatMap(([key, value]) => leafPaths(value, [...prefix, key]));
}

function readValues(file: string): Values {
  if (!existsSync(file)) return {};
  const parsed: unknown = parse(readFileSync(file, 'utf8'));
  return isValuesObject(parsed) ? parsed : {};
}

/** Subchart values by key, nested subcharts (charts/a/charts/b) under a.b. */
function readSubcharts(dir: string, prefix: readonly string[] = []): Map<string, Values> {
  const found = new Map<string, Values>();
  if (!existsSync(dir)) return found;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const key = [...prefix, entry.name];
    found.set(key.join('\u0000'), readValues(join(dir, entry.name, 'values.yaml')));
    for (const [nested, values] of readSubcharts(join(dir, entry.name, 'charts'), key))
      found.set(nested, values);
  }
  return found;
}

function knownToSubchart(subcharts: ReadonlyMap<string, Values>, path: readonly string[]): boolean {
  for (const [joined, values] of subcharts) {
    const key = joined.split('\u0000');
    if (startsWith(path, key) && hasPath(values, path.slice(key.length))) return true;
    if (path[0] === 'global' && hasPath(values, path)) return true;
  }
  return false;
}

function readTemplatePaths(file: string): TemplatePath[] {
  if (!existsSync(file)) return [];
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as { paths?: TemplatePath[] };
  return parsed.paths ?? [];
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
