import { describe, expect, it } from 'vitest';
import { isCnsError } from '../shared/errors.js';
import { selectPath } from './select-path.js';

const root = {
  components: {
    'gpu-operator': {
      values: { driver: { version: '570.133.20' }, 'node-feature-discovery': { worker: {} } },
    },
  },
  constraints: [{ name: 'OS.sysctl./proc/sys/kernel/osrelease', value: '>= 6.8' }],
  data: { '/proc/sys/kernel/osrelease': '6.8.0', '/proc/sys/kernel': 'shadowed' },
};

describe('selectPath', () => {
  it.each([
    ['components.gpu-operator.values.driver.version', '570.133.20'],
    ['components.gpu-operator.values.node-feature-discovery.worker', {}],
    ['constraints.0.value', '>= 6.8'],
    ['data./proc/sys/kernel/osrelease', '6.8.0'],
    ['', root],
    ['.constraints.0.name', 'OS.sysctl./proc/sys/kernel/osrelease'],
  ])('selects %j', (selector, expected) => {
    expect(selectPath(root, selector)).toEqual(expected);
  });

  it.each([
    [
      'components.gpu-operator.values.driver.branch',
      'components.gpu-operator.values.driver',
      ['version'],
    ],
    ['constraints.3', 'constraints', ['0']],
    ['components.nope', 'components', ['gpu-operator']],
    [
      'components.gpu-operator.values.driver.version.major',
      'components.gpu-operator.values.driver.version',
      [],
    ],
  ])('reports %j as NOT_FOUND with the keys that exist', (selector, at, available) => {
    try {
      selectPath(root, selector);
      expect.unreachable();
    } catch (error) {
      expect(isCnsError(error) && error.code).toBe('NOT_FOUND');
      expect(isCnsError(error) && error.details).toMatchObject({ selector, at, available });
    }
  });
});
