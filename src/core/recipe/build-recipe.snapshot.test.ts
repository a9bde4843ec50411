// Snapshot mode as docs/recipe-engine.md §5 states it: an overlay whose own error-severity constraint
// fails is excluded with its descendants, except the root overlay, which stays and only reports; a
// warning-severity failure and a value the snapshot lacks never exclude.
import { describe, expect, it } from 'vitest';
import { DEMO_SNAPSHOT_YAML, MINI_CATALOG_FILES } from '../../../test/fixtures/mini-catalog.js';
import { parseWithSchema } from '../shared/documents.js';
import { parseDocumentText } from '../shared/parse-document-text.js';
import { snapshotSchema, type Snapshot } from '../snapshot/snapshot.js';
import { buildRecipe } from './build-recipe.js';
import { parseCriteria } from './criteria.js';
import { parseCatalog } from './parse-catalog.js';

const demo = parseCriteria({
  service: 'eks',
  accelerator: 'h100',
  os: 'ubuntu',
  intent: 'training',
});
const build = (snapshot: Snapshot, files = MINI_CATALOG_FILES) =>
  buildRecipe(parseCatalog(files), {
    criteria: demo,
    snapshot,
    generatedAt: new Date('2026-01-13T13:05:58Z'),
    toolVersion: '0.0.0-test',
  });

/** The demo snapshot with some measured values replaced (or removed, with undefined). */
function demoSnapshotWith(changes: Record<string, string | undefined>): Snapshot {
  const yaml = Object.entries(changes).reduce((text, [line, replacement]) => {
    if (!text.includes(line)) throw new Error(`the demo snapshot has no line ${line}`);
    return text.replace(line, replacement ?? '');
  }, DEMO_SNAPSHOT_YAML);
  return parseWithSchema(snapshotSchema, parseDocumentText(yaml, 'demo'), 'demo', 'Snapshot');
}

const KUBERNETES = 'version: v1.34.1-eks-3025e55';
const KERNEL = '/proc/sys/kernel/osrelease: 6.8.0-1043-aws';

describe('buildRecipe with a snapshot', () => {
  it('keeps the root overlay when its own constraint fails, and reports the failure', () => {
    const recipe = build(demoSnapshotWith({ [KUBERNETES]: 'version: v1.24.17-eks-1' }));
    expect(recipe.metadata.appliedOverlays).toEqual(['base', 'ubuntu-training']);
    expect(recipe.metadata.excludedOverlays).toEqual([
      'eks',
      'eks-training',
      'h100-eks-ubuntu-training',
    ]);
    expect(recipe.metadata.constraintWarnings).toEqual([
      expect.objectContaining({ overlay: 'base', name: 'K8s.server.version', status: 'failed' }),
      expect.objectContaining({ overlay: 'eks', name: 'K8s.server.version', status: 'failed' }),
    ]);
    expect(recipe.deploymentOrder).toEqual(['cert-manager', 'gpu-operator', 'skyhook']);
  });

  it('applies every matched overlay when all their constraints hold', () => {
    const recipe = build(demoSnapshotWith({}));
    expect(recipe.metadata.excludedOverlays).toEqual([]);
    expect(recipe.metadata.constraintWarnings).toBeUndefined();
    expect(recipe.metadata.appliedOverlays).toHaveLength(5);
  });

  it('never excludes for a value the snapshot lacks: the constraint is skipped, not failed', () => {
    const recipe = build(demoSnapshotWith({ [KERNEL]: undefined }));
    expect(recipe.metadata.appliedOverlays).toContain('ubuntu-training');
    expect(recipe.metadata.excludedOverlays).toEqual([]);
    expect(recipe.metadata.constraintWarnings).toBeUndefined();
  });

  it('reports a failing warning-severity constraint without excluding its overlay', () => {
    const files = {
      ...MINI_CATALOG_FILES,
      'overlays/ubuntu-training.yaml': (
        MINI_CATALOG_FILES['overlays/ubuntu-training.yaml'] ?? ''
      ).replace(
        '{ name: OS.sysctl./proc/sys/kernel/osrelease, value: ">= 6.8" }',
        '{ name: OS.sysctl./proc/sys/kernel/osrelease, value: ">= 6.8", severity: warning }',
      ),
    };
    const recipe = build(
      demoSnapshotWith({ [KERNEL]: '/proc/sys/kernel/osrelease: 5.15.0-1050-aws' }),
      files,
    );
    expect(recipe.metadata.appliedOverlays).toContain('ubuntu-training');
    expect(recipe.metadata.excludedOverlays).toEqual([]);
    expect(recipe.metadata.constraintWarnings).toEqual([
      expect.objectContaining({
        overlay: 'ubuntu-training',
        name: 'OS.sysctl./proc/sys/kernel/osrelease',
        actual: '5.15.0-1050-aws',
        status: 'failed',
      }),
    ]);
  });

  it('excludes an overlay whose error constraint fails even when its other constraints hold', () => {
    const recipe = build(
      demoSnapshotWith({ [KERNEL]: '/proc/sys/kernel/osrelease: 5.15.0-1050-aws' }),
    );
    expect(recipe.metadata.excludedOverlays).toEqual(['ubuntu-training']);
    expect(recipe.metadata.appliedOverlays).toEqual([
      'base',
      'eks',
      'eks-training',
      'h100-eks-ubuntu-training',
    ]);
  });
});
