import { describe, expect, it } from 'vitest';
import type { Scalar, Snapshot } from '../snapshot/snapshot.js';
import { indexSnapshot } from './index-snapshot.js';
import { resolveConstraintPath } from './resolve-constraint-path.js';

const gpuSnapshot = (data: Record<string, Scalar>): Snapshot => ({
  kind: 'Snapshot',
  apiVersion: 'cns.nvidia.com/v1alpha1',
  metadata: {},
  measurements: [{ type: 'GPU', subtypes: [{ subtype: 'smi', data }] }],
});

const resolvers = [
  ['resolveConstraintPath', (name: string, s: Snapshot) => resolveConstraintPath(name, s)],
  ['indexSnapshot', (name: string, s: Snapshot) => indexSnapshot(s).resolve(name)],
] as const;

describe.each(resolvers)('%s with measurement aliases', (_resolver, resolve) => {
  it.each([
    ['the seed tool', { 'gpu.name': 'NVIDIA H100 80GB HBM3' }, 'GPU.smi.gpu.model', 'gpu.name'],
    ['aicr', { 'gpu.model': 'NVIDIA GB200' }, 'GPU.smi.gpu.name', 'gpu.model'],
    [
      'cnsctl (both names)',
      { 'gpu.model': 'A', 'gpu.name': 'B' },
      'GPU.smi.gpu.model',
      'gpu.model',
    ],
    ['the seed tool', { 'driver-version': '570.133.20' }, 'GPU.smi.driver', 'driver-version'],
    ['aicr', { 'gpu-count': 8 }, 'GPU.smi.gpu.count', 'gpu-count'],
  ])('finds the value a snapshot of %s holds, for %j, under %s', (_tool, data, name, key) => {
    const resolved = resolve(name, gpuSnapshot(data));
    expect(resolved).toMatchObject({ type: 'GPU', subtype: 'smi', key });
    expect(resolved.value).toBe((data as Record<string, Scalar>)[key]);
  });

  it('reports a miss under the name asked for when no alias holds it either', () => {
    expect(resolve('GPU.smi.gpu.model', gpuSnapshot({ driver: '570' }))).toEqual({
      type: 'GPU',
      subtype: 'smi',
      key: 'gpu.model',
      value: undefined,
      missing: 'key',
    });
  });

  it('leaves names without aliases alone', () => {
    expect(resolve('GPU.smi.gpu.memory', gpuSnapshot({ 'gpu.name': 'x' })).value).toBeUndefined();
  });
});
