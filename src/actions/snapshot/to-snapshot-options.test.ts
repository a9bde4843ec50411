import { describe, expect, it } from 'vitest';
import {
  parseCollectors,
  parseTimeout,
  parseUnits,
  toSnapshotOptions,
} from './to-snapshot-options.js';

describe('toSnapshotOptions', () => {
  it('gives the documented defaults for no flags', () => {
    expect(toSnapshotOptions({}, {})).toEqual({
      hostRoot: '/',
      options: {
        includeNetSysctl: false,
        systemdUnits: ['containerd.service', 'docker.service', 'kubelet.service'],
        allProperties: false,
        requireGpu: false,
        timeoutMs: 30_000,
      },
    });
  });

  it('takes the node name from NODE_NAME unless --node-name is given', () => {
    expect(toSnapshotOptions({}, { NODE_NAME: 'gpu-1' }).options.nodeName).toBe('gpu-1');
    expect(toSnapshotOptions({ nodeName: 'gpu-2' }, { NODE_NAME: 'gpu-1' }).options.nodeName).toBe(
      'gpu-2',
    );
    expect(toSnapshotOptions({}, { NODE_NAME: '' }).options).not.toHaveProperty('nodeName');
  });

  it.each([
    ['a relative host root', { hostRoot: 'host' }],
    ['an empty host root', { hostRoot: '' }],
    ['a timeout that is not a duration', { timeout: 'soon' }],
    ['a unit name with a space', { systemdUnits: 'containerd service' }],
  ])('refuses %s with USAGE', (_name, flags) => {
    expect(() => toSnapshotOptions(flags, {})).toThrow(expect.objectContaining({ code: 'USAGE' }));
  });
});

describe('parseCollectors', () => {
  it.each([
    ['one collector', 'k8s', ['k8s']],
    ['several, in the default order whatever the order given', 'gpu,os', ['os', 'gpu']],
    ['spaces and repeats', ' k8s , k8s ', ['k8s']],
  ])('reads %s', (_name, value, expected) => {
    expect(parseCollectors(value)).toEqual(expected);
  });

  it.each([
    ['an unknown collector', 'network'],
    ['no collector at all', ','],
  ])('refuses %s with USAGE', (_name, value) => {
    expect(() => parseCollectors(value)).toThrow(expect.objectContaining({ code: 'USAGE' }));
  });
});

describe('parseUnits', () => {
  it.each([
    [
      'names without a type become services',
      'containerd,kubelet',
      ['containerd.service', 'kubelet.service'],
    ],
    [
      'typed names are kept',
      'nvidia-persistenced.service,docker.socket',
      ['nvidia-persistenced.service', 'docker.socket'],
    ],
    [
      'spaces and empty items are ignored, duplicates collapse',
      ' kubelet , ,kubelet.service',
      ['kubelet.service'],
    ],
    ['an empty list asks for no units', '', []],
    ['template instances are unit names', 'getty@tty1.service', ['getty@tty1.service']],
  ])('%s', (_name, value, expected) => {
    expect(parseUnits(value)).toEqual(expected);
  });
});

describe('parseTimeout', () => {
  it.each([
    ['30s', 30_000],
    ['500ms', 500],
    ['2m', 120_000],
    ['45', 45_000],
    ['1.5s', 1500],
    ['10m', 600_000],
  ])('reads %s as %i ms', (value, ms) => {
    expect(parseTimeout(value)).toBe(ms);
  });

  it.each(['0s', '11m', '-1s', '5h', 's', ''])('refuses %j', (value) => {
    expect(() => parseTimeout(value)).toThrow(expect.objectContaining({ code: 'USAGE' }));
  });
});
