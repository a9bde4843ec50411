import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { getValueAtPath, mergeValues, setValueAtPath } from './merge-values.js';

describe('mergeValues', () => {
  it.each([
    ['objects merge key by key', { a: { x: 1, y: 2 } }, { a: { y: 3 } }, { a: { x: 1, y: 3 } }],
    [
      'arrays replace',
      { env: [{ name: 'A' }] },
      { env: [{ name: 'B' }] },
      { env: [{ name: 'B' }] },
    ],
    ['a scalar replaces an object', { a: { x: 1 } }, { a: 'off' }, { a: 'off' }],
    ['an object replaces a scalar', { a: 'off' }, { a: { x: 1 } }, { a: { x: 1 } }],
    [
      'null replaces and is kept, so Helm removes the chart default',
      { a: { x: 1 }, b: 2 },
      { a: null },
      { a: null, b: 2 },
    ],
    [
      'a key named __proto__ stays data',
      {},
      JSON.parse('{"__proto__": {"polluted": true}}') as Record<string, unknown>,
      JSON.parse('{"__proto__": {"polluted": true}}') as Record<string, unknown>,
    ],
    ['new keys are added', {}, { a: { b: { c: true } } }, { a: { b: { c: true } } }],
  ])('%s', (_name, base, overlay, expected) => {
    expect(mergeValues(base, overlay)).toEqual(expected);
  });

  it('never changes a prototype, whatever the keys', () => {
    const merged = mergeValues(
      {},
      JSON.parse('{"__proto__": {"polluted": true}}') as Record<string, unknown>,
    );
    expect(Object.getPrototypeOf(merged)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(merged)).toEqual(['__proto__']);
  });

  it('never mutates its inputs', () => {
    const base = { a: { b: [1] } };
    const overlay = { a: { c: 2 } };
    const merged = mergeValues(base, overlay);
    (merged.a as { b: number[] }).b.push(2);
    expect(base).toEqual({ a: { b: [1] } });
    expect(overlay).toEqual({ a: { c: 2 } });
  });

  const values = fc.object({
    maxDepth: 3,
    values: [fc.string(), fc.integer(), fc.boolean(), fc.constant(null)],
  });

  it('is idempotent: merging a values object into itself changes nothing', () => {
    fc.assert(
      fc.property(values, (v) => {
        expect(mergeValues(v, v)).toEqual(v);
      }),
    );
  });

  it('keeps every overlay leaf, and every base leaf the overlay does not touch', () => {
    fc.assert(
      fc.property(values, values, (base, overlay) => {
        const merged = mergeValues(base, overlay);
        for (const [path, leaf] of leaves(overlay))
          expect(getValueAtPath(merged, path)).toEqual(leaf);
        for (const [path, leaf] of leaves(base)) {
          const touched = path.some(
            (_, i) => getValueAtPath(overlay, path.slice(0, i + 1)) !== undefined,
          );
          if (!touched) expect(getValueAtPath(merged, path)).toEqual(leaf);
        }
      }),
    );
  });

  it('lets the overlay win at every leaf it sets', () => {
    fc.assert(
      fc.property(
        values,
        fc.array(fc.stringMatching(/^[a-z]{1,3}$/), { minLength: 1, maxLength: 3 }),
        fc.integer(),
        (v, path, leaf) => {
          expect(getValueAtPath(setValueAtPath(v, path, leaf), path)).toBe(leaf);
        },
      ),
    );
  });
});

function leaves(value: Record<string, unknown>, prefix: string[] = []): [string[], unknown][] {
  return Object.entries(value).flatMap(([key, inner]) =>
    inner !== null && typeof inner === 'object' && !Array.isArray(inner)
      ? leaves(inner as Record<string, unknown>, [...prefix, key])
      : [[[...prefix, key], inner] as [string[], unknown]],
  );
}
