import { describe, expect, it } from 'vitest';
import {
  AICR_API_VERSION,
  fromAicrRecipeCriteria,
  fromAicrRecipeResult,
  fromAicrSnapshot,
} from './aicr-documents.js';
import { API_VERSION } from './documents.js';

const aicr = (kind: string, rest: Record<string, unknown> = {}) => ({
  kind,
  apiVersion: AICR_API_VERSION,
  ...rest,
});

describe('documents of aicr', () => {
  it.each([
    ['a Snapshot', fromAicrSnapshot, aicr('Snapshot', { measurements: [] }), 'Snapshot'],
    ['a RecipeResult', fromAicrRecipeResult, aicr('RecipeResult'), 'recipeResult'],
    [
      'a RecipeCriteria',
      fromAicrRecipeCriteria,
      aicr('RecipeCriteria', { spec: {} }),
      'recipeCriteria',
    ],
  ])('turns %s into ours', (_name, convert, document, kind) => {
    expect(convert(document)).toMatchObject({ kind, apiVersion: API_VERSION });
  });

  it.each([
    ['our own snapshot', fromAicrSnapshot, { kind: 'Snapshot', apiVersion: API_VERSION }],
    ['another kind of aicr', fromAicrSnapshot, aicr('RecipeResult')],
    [
      'a RecipeResult of another apiVersion',
      fromAicrRecipeResult,
      { kind: 'RecipeResult', apiVersion: 'v1' },
    ],
    ['text', fromAicrRecipeResult, 'kind: RecipeResult'],
    ['nothing', fromAicrRecipeCriteria, null],
  ])('leaves %s as it is, for the schema to judge', (_name, convert, value) => {
    expect(convert(value)).toBe(value);
  });

  it('renames constraint warnings to our fields', () => {
    const converted = fromAicrRecipeResult(
      aicr('RecipeResult', {
        metadata: {
          appliedOverlays: ['base'],
          constraintWarnings: [
            {
              overlay: 'x',
              constraint: 'OS.release.ID',
              expected: 'ubuntu',
              actual: 'rhel',
              reason: 'no',
            },
          ],
        },
      }),
    );
    expect(converted).toMatchObject({
      metadata: {
        appliedOverlays: ['base'],
        constraintWarnings: [
          {
            overlay: 'x',
            name: 'OS.release.ID',
            expected: 'ubuntu',
            actual: 'rhel',
            status: 'failed',
            message: 'no',
          },
        ],
      },
    });
  });

  it('leaves out components aicr switches off with overrides.enabled: false, and empty severities', () => {
    const converted = fromAicrRecipeResult(
      aicr('RecipeResult', {
        constraints: [{ name: 'K8s.server.version', value: '>= 1.30', severity: '' }],
        componentRefs: [
          { name: 'cert-manager', overrides: { enabled: true } },
          { name: 'aws-ebs-csi-driver', overrides: { enabled: false } },
          { name: 'gpu-operator' },
        ],
        deploymentOrder: ['cert-manager', 'aws-ebs-csi-driver', 'gpu-operator'],
      }),
    );
    expect(converted).toMatchObject({
      constraints: [{ name: 'K8s.server.version', value: '>= 1.30' }],
      componentRefs: [{ name: 'cert-manager' }, { name: 'gpu-operator' }],
      deploymentOrder: ['cert-manager', 'gpu-operator'],
    });
    expect((converted as { constraints: object[] }).constraints[0]).not.toHaveProperty('severity');
  });
});

describe('documents of aicr: what is left as it is', () => {
  const recipe = aicr('RecipeResult');

  it("converts only aicr's apiVersion, not a missing one", () => {
    const snapshot = { apiVersion: '', kind: 'Snapshot' };
    expect(fromAicrSnapshot(snapshot)).toBe(snapshot);
  });

  it('keeps warnings already in our form, and anything that is not a warning', () => {
    const ours = { name: 'K8s.server.version', status: 'failed', message: 'too old' };
    const result = fromAicrRecipeResult({
      ...recipe,
      metadata: { constraintWarnings: [ours, 'text', null] },
    }) as { metadata: { constraintWarnings: unknown[] } };
    expect(result.metadata.constraintWarnings).toEqual([ours, 'text', null]);
  });

  it('keeps a severity that is set, and constraints that are not maps', () => {
    const result = fromAicrRecipeResult({
      ...recipe,
      constraints: [{ name: 'a', value: '>= 1', severity: 'warning' }, 'text', null],
    }) as { constraints: unknown[] };
    expect(result.constraints).toEqual([
      { name: 'a', value: '>= 1', severity: 'warning' },
      'text',
      null,
    ]);
  });

  it('adds no deployment order where there was none', () => {
    const result = fromAicrRecipeResult({ ...recipe, componentRefs: [{ name: 'a' }] });
    expect(result).not.toHaveProperty('deploymentOrder');
    expect(result).toHaveProperty('componentRefs', [{ name: 'a' }]);
  });
});
