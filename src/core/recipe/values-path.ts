/**
 * @module Dotted Helm values paths as coherence rules write them: `driver.rdma.enabled`, with list items
 * picked by a field, `devicePlugin.env[name=DEVICE_LIST_STRATEGY].value` (the first item whose `name`
 * is `DEVICE_LIST_STRATEGY`). Keys are letters, digits, `_` and `-`; a selector's value may hold dots.
 * @example readValuesPath({ env: [{ name: 'A', value: '1' }] }, parseValuesPath('env[name=A].value'))
 *   // → '1'
 */
import { isValuesObject } from './merge-values.js';

export interface PathSegment {
  readonly key: string;
  /** Picks the first list item whose `field` equals `equals` (as text). */
  readonly select?: { readonly field: string; readonly equals: string };
}

const SEGMENT = /^([A-Za-z0-9_-]+)(?:\[([A-Za-z0-9_-]+)=([^\]]+)\])?(?:\.|$)/;

/** The grammar as one regular expression, for schemas. */
export const VALUES_PATH_PATTERN =
  /^[A-Za-z0-9_-]+(\[[A-Za-z0-9_-]+=[^\]]+\])?(\.[A-Za-z0-9_-]+(\[[A-Za-z0-9_-]+=[^\]]+\])?)*$/;

/** Splits a path into segments; returns undefined when it does not follow the grammar. */
export function parseValuesPath(path: string): PathSegment[] | undefined {
  if (!VALUES_PATH_PATTERN.test(path)) return undefined;
  const segments: PathSegment[] = [];
  let rest = path;
  while (rest !== '') {
    const match = SEGMENT.exec(rest);
    if (!match) return undefined;
    const [whole, key = '', field, equals] = match;
    segments.push(
      field === undefined || equals === undefined ? { key } : { key, select: { field, equals } },
    );
    rest = rest.slice(whole.length);
  }
  return segments;
}

/** The value at `segments`, or undefined where the path leads nowhere. */
export function readValuesPath(values: unknown, segments: readonly PathSegment[]): unknown {
  let current: unknown = values;
  for (const { key, select } of segments) {
    if (!isValuesObject(current) || !Object.hasOwn(current, key)) return undefined;
    current = current[key];
    if (select) {
      if (!Array.isArray(current)) return undefined;
      current = current.find(
        (item: unknown) =>
          isValuesObject(item) &&
          item[select.field] !== undefined &&
          String(item[select.field]) === select.equals,
      );
    }
  }
  return current;
}
