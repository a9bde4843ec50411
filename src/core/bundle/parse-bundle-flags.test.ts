import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CnsError } from '../shared/errors.js';
import {
  parseNodeSelector,
  parseToleration,
  parseValueSetting,
  typedValue,
} from './parse-bundle-flags.js';

function usageError(run: () => unknown): CnsError {
  try {
    run();
  } catch (error) {
    if (error instanceof CnsError) return error;
    throw error;
  }
  throw new Error('expected a USAGE error');
}

describe('parseToleration', () => {
  it.each([
    [
      'key=value:Effect matches that taint exactly',
      'dedicated=user-workload:NoSchedule',
      { key: 'dedicated', operator: 'Equal', value: 'user-workload', effect: 'NoSchedule' },
    ],
    [
      'key:Effect tolerates any value of the key for that effect',
      'nvidia.com/gpu:NoExecute',
      { key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoExecute' },
    ],
    [
      'key=value tolerates every effect',
      'pool=gpu',
      { key: 'pool', operator: 'Equal', value: 'gpu' },
    ],
    [
      'key alone tolerates any value and effect',
      'dedicated',
      { key: 'dedicated', operator: 'Exists' },
    ],
    [
      'an empty value is a value',
      'pool=:PreferNoSchedule',
      { key: 'pool', operator: 'Equal', value: '', effect: 'PreferNoSchedule' },
    ],
  ])('%s', (_, text, expected) => {
    expect(parseToleration('--accelerated-node-toleration', text)).toEqual(expected);
  });

  it.each([
    ['an unknown effect', 'dedicated=x:NoScheduled', 'NoSchedule, PreferNoSchedule, NoExecute'],
    ['an empty key', '=x:NoSchedule', 'expected key=value:Effect'],
    ['a key with spaces', 'my key=x', 'not a valid label key'],
    ['a value too long for a label', `k=${'v'.repeat(64)}`, 'not a valid label value'],
  ])('refuses %s, naming the flag', (_, text, fix) => {
    const error = usageError(() => parseToleration('--system-node-toleration', text));
    expect(error.code).toBe('USAGE');
    expect(error.message).toContain(`--system-node-toleration "${text}"`);
    expect(error.message).toContain(fix);
  });
});

describe('parseNodeSelector', () => {
  it.each([
    ['nodeGroup=customer-gpu', ['nodeGroup', 'customer-gpu']],
    [
      'node.kubernetes.io/instance-type=p5.48xlarge',
      ['node.kubernetes.io/instance-type', 'p5.48xlarge'],
    ],
    ['nvidia.com/gpu.present=true', ['nvidia.com/gpu.present', 'true']],
  ])('reads %s', (text, expected) => {
    expect(parseNodeSelector('--system-node-selector', text)).toEqual(expected);
  });

  it.each(['nodeGroup', 'nodeGroup:gpu', '=gpu', 'a b=c', 'k=v w'])('refuses "%s"', (text) => {
    expect(usageError(() => parseNodeSelector('--system-node-selector', text)).code).toBe('USAGE');
  });
});

describe('parseValueSetting', () => {
  it.each([
    [
      'a dotted path and a string',
      'gpu-operator:driver.version=580.82.07',
      ['driver', 'version'],
      '580.82.07',
    ],
    [
      'an integer',
      'gpu-operator:driver.upgradePolicy.maxParallelUpgrades=3',
      ['driver', 'upgradePolicy', 'maxParallelUpgrades'],
      3,
    ],
    ['a boolean', 'nvsentinel:enabled=false', ['enabled'], false],
    [
      'a quoted number, which stays text',
      'gpu-operator:devicePlugin.x="5"',
      ['devicePlugin', 'x'],
      '5',
    ],
    ['a float, which stays text as in Helm', 'a:k=1.30', ['k'], '1.30'],
    [
      'an escaped dot inside a key',
      'a:nodeSelector.kubernetes\\.io/os=linux',
      ['nodeSelector', 'kubernetes.io/os'],
      'linux',
    ],
    ['an equals sign in the value', 'a:env.X=a=b', ['env', 'X'], 'a=b'],
    [
      'null, which removes a chart default',
      'a:operator.resources=null',
      ['operator', 'resources'],
      null,
    ],
  ])('reads %s', (_, text, path, value) => {
    expect(parseValueSetting('--set', text)).toMatchObject({ path, value });
  });

  it.each([
    ['no component', 'driver.version=1', 'expected component:path=value'],
    ['no value', 'gpu-operator:driver.version', 'expected component:path=value'],
    ['an empty key', 'gpu-operator:driver..version=1', 'empty key'],
  ])('refuses %s', (_, text, fix) => {
    const error = usageError(() => parseValueSetting('--set', text));
    expect(error.code).toBe('USAGE');
    expect(error.message).toContain(fix);
  });

  it('types integers as numbers and keeps everything else as given (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1_000_000, max: 1_000_000 }), (n) => {
        expect(typedValue(String(n))).toBe(n);
        expect(typedValue(`"${n}"`)).toBe(String(n));
      }),
    );
    fc.assert(
      fc.property(
        fc
          .string()
          .filter(
            (s) =>
              !/^(0|-?[1-9][0-9]*)$/.test(s) &&
              !/^(true|false|null)$/i.test(s) &&
              !/^(".*"|'.*')$/s.test(s),
          ),
        (s) => {
          expect(typedValue(s)).toBe(s);
        },
      ),
    );
  });
});
