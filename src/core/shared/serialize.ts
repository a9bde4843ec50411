/**
 * @module Deterministic text for documents: YAML written with the 1.1 schema (so Go and Helm readers
 * see "on", "y" and "24.04" as the strings they are), no line folding, no anchors; JSON with two-space
 * indent. Key order is the caller's: builders order keys where order means something and sort the rest.
 */
import { stringify } from 'yaml';

export const OUTPUT_FORMATS = ['yaml', 'json', 'table'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export function toYaml(value: unknown): string {
  return stringify(value, {
    version: '1.1',
    lineWidth: 0,
    aliasDuplicateObjects: false,
    indentSeq: true,
  });
}

export function toJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** Returns a deep copy whose plain-object keys are sorted, for maps where order carries no meaning. */
export function sortKeysDeep<T>(value: T): T {
  if (Array.isArray(value)) return value.map((item: unknown) => sortKeysDeep(item)) as T;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
      a < b ? -1 : a > b ? 1 : 0,
    );
    return Object.fromEntries(entries.map(([k, v]) => [k, sortKeysDeep(v)])) as T;
  }
  return value;
}
