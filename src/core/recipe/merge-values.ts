/**
 * @module Helm-style deep merge of values: objects merge key by key; arrays, scalars and type changes
 * replace. A null in the overlay replaces the key with null and is kept, because in the values Helm
 * finally receives, `key: null` is how a chart default is removed. Inputs are never mutated, so
 * catalog data can be shared between builds.
 * @example mergeValues({ driver: { enabled: true, version: '1' } }, { driver: { version: '2' } })
 *   // → { driver: { enabled: true, version: '2' } }
 */

export type Values = Record<string, unknown>;

export function mergeValues(base: Readonly<Values>, overlay: Readonly<Values>): Values {
  const out = cloneValue(base) as Values;
  for (const [key, value] of Object.entries(overlay)) {
    const current = Object.hasOwn(out, key) ? out[key] : undefined;
    defineKey(
      out,
      key,
      isValuesObject(current) && isValuesObject(value)
        ? mergeValues(current, value)
        : cloneValue(value),
    );
  }
  return out;
}

// defineProperty, not assignment: a key named __proto__ must stay data, never become a prototype.
function defineKey(target: Values, key: string, value: unknown): Values {
  return Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

/** Sets `value` at a dotted `path`, creating objects on the way; returns a new object. */
export function setValueAtPath(
  values: Readonly<Values>,
  path: readonly string[],
  value: unknown,
): Values {
  if (path.length === 0) return mergeValues(values, {});
  return mergeValues(values, nestValue(path, value));
}

/** The values object that holds only `value` at a non-empty dotted `path`. */
export function nestValue(path: readonly string[], value: unknown): Values {
  return path.reduceRight<unknown>((inner, key) => defineKey({}, key, inner), value) as Values;
}

/** Reads the value at a dotted `path`, or undefined. */
export function getValueAtPath(values: unknown, path: readonly string[]): unknown {
  let current: unknown = values;
  for (const key of path) {
    if (!isValuesObject(current) || !Object.hasOwn(current, key)) return undefined;
    current = current[key];
  }
  return current;
}

export function isValuesObject(value: unknown): value is Values {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function cloneValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(cloneValue);
  if (isValuesObject(value)) {
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => [key, cloneValue(inner)]),
    );
  }
  return value;
}
