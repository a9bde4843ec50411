import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseValuesPath, readValuesPath } from './values-path.js';

const VALUES = {
  driver: { enabled: false, version: null, rdma: { enabled: true } },
  devicePlugin: {
    env: [
      { name: 'DP_DISABLE_HEALTHCHECKS', value: '109' },
      { name: 'DEVICE_LIST_STRATEGY', value: 'volume-mounts' },
    ],
  },
  'node-feature-discovery': { worker: { config: { 'a.b': 1 } } },
};

describe('values paths', () => {
  it.each([
    ['driver.rdma.enabled', true],
    ['driver.version', null],
    ['driver.absent', undefined],
    ['driver.rdma.enabled.deeper', undefined],
    ['devicePlugin.env[name=DEVICE_LIST_STRATEGY].value', 'volume-mounts'],
    [
      'devicePlugin.env[name=DP_DISABLE_HEALTHCHECKS]',
      { name: 'DP_DISABLE_HEALTHCHECKS', value: '109' },
    ],
    ['devicePlugin.env[name=MISSING].value', undefined],
    ['devicePlugin.env[undefined=undefined]', undefined],
    ['driver[name=x]', undefined],
    ['node-feature-discovery.worker.config', { 'a.b': 1 }],
  ])('read %s as %j', (path, expected) => {
    const segments = parseValuesPath(path);
    expect(segments).toBeDefined();
    expect(readValuesPath(VALUES, segments ?? [])).toEqual(expected);
  });

  it('keeps dots inside a selector value', () => {
    expect(parseValuesPath('env[name=a.b].value')).toEqual([
      { key: 'env', select: { field: 'name', equals: 'a.b' } },
      { key: 'value' },
    ]);
  });

  it.each([
    '',
    '.driver',
    'driver.',
    'driver..version',
    'env[name]',
    'env[=x]',
    'a b',
    'env[name=x]x',
  ])('refuses %j', (path) => {
    expect(parseValuesPath(path)).toBeUndefined();
  });

  it('reads back what a plain dotted path names (property)', () => {
    const key = fc.stringMatching(/^[A-Za-z0-9_-]{1,8}$/);
    fc.assert(
      fc.property(fc.array(key, { minLength: 1, maxLength: 5 }), fc.jsonValue(), (keys, leaf) => {
        const values = keys.reduceRight<unknown>((inner, k) => ({ [k]: inner }), leaf);
        expect(readValuesPath(values, parseValuesPath(keys.join('.')) ?? [])).toEqual(leaf);
      }),
    );
  });
});
