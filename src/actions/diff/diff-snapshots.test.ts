import { describe, expect, it } from 'vitest';
import { generateFleet } from '../../../test/diff/generate-fleet.js';
import { readRecipeFixture, readSnapshotFixture } from '../../../test/validate/read-fixture.js';
import { diffSnapshots } from './diff-snapshots.js';

const deps = { clock: { now: () => new Date('2026-11-26T16:00:00Z') }, toolVersion: '0.1.0' };
const before = {
  source: 'before.yaml',
  snapshot: readSnapshotFixture('diff/eks-node-before.yaml'),
};
const after = { source: 'after.yaml', snapshot: readSnapshotFixture('diff/eks-node-after.yaml') };
const recipe = readRecipeFixture('validate/recipe-h100-eks-training.yaml');

describe('diffSnapshots', () => {
  it.each([
    ['two snapshots give a SnapshotDiff', { snapshots: [before, after] }, 'SnapshotDiff'],
    ['three or more give a FleetDiff', { snapshots: generateFleet({ nodes: 3 }) }, 'FleetDiff'],
    [
      'a recipe and one snapshot give a RecipeDrift',
      { snapshots: [after], recipe: { source: 'r.yaml', constraints: recipe.constraints } },
      'RecipeDrift',
    ],
  ])('%s', (_name, request, kind) => {
    const report = diffSnapshots(request, deps);
    expect(report.kind).toBe(kind);
    expect(report.metadata.generatedAt).toBe('2026-11-26T16:00:00.000Z');
    expect(report.metadata.version).toBe('0.1.0');
  });

  it('passes the key filter on', () => {
    const report = diffSnapshots({ snapshots: [before, after], filter: { only: ['GPU.*'] } }, deps);
    expect(report.summary).toMatchObject({ changed: 2 });
  });

  it.each([
    ['no snapshot', { snapshots: [] }],
    ['a single snapshot', { snapshots: [before] }],
    [
      'a recipe with two snapshots',
      { snapshots: [before, after], recipe: { source: 'r', constraints: [] } },
    ],
    ['a recipe without a snapshot', { snapshots: [], recipe: { source: 'r', constraints: [] } }],
  ])('refuses %s with USAGE', (_name, request) => {
    expect(() => diffSnapshots(request, deps)).toThrow(expect.objectContaining({ code: 'USAGE' }));
  });
});
