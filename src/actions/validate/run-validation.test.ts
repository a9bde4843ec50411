import { describe, expect, it } from 'vitest';
import { readRecipeFixture, readSnapshotFixture } from '../../../test/validate/read-fixture.js';
import { parseWithSchema } from '../../core/shared/documents.js';
import { validationResultSchema } from '../../core/validate/validation-result.js';
import { runValidation } from './run-validation.js';

const clock = { now: () => new Date('2026-11-26T15:30:00Z') };

function steppingTimer(stepMs: number) {
  let t = 1000;
  return { now: () => (t += stepMs) };
}

describe('runValidation', () => {
  const recipe = readRecipeFixture('validate/recipe-h100-eks-training.yaml');
  const snapshot = readSnapshotFixture('validate/eks-h100-snapshot.yaml');

  it("produces the demo's ValidationResult with the injected clock and timer", () => {
    const result = runValidation(
      {
        recipe,
        snapshot,
        sources: { recipe: 'recipe.yaml', snapshot: 'cm://gpu-operator/cns-snapshot' },
      },
      { clock, timer: steppingTimer(0.0115), toolVersion: '0.1.0' },
    );
    expect(result.metadata).toEqual({
      generatedAt: '2026-11-26T15:30:00.000Z',
      version: '0.1.0',
      recipe: 'recipe.yaml',
      snapshot: 'cm://gpu-operator/cns-snapshot',
      node: 'ip-10-0-182-128.ec2.internal',
    });
    expect(result.summary).toEqual({
      passed: 4,
      failed: 0,
      warnings: 0,
      skipped: 0,
      total: 4,
      status: 'pass',
      duration: '11.5µs',
    });
    expect(parseWithSchema(validationResultSchema, result, 'x', 'ValidationResult')).toEqual(
      result,
    );
  });

  it('records no sources when none are given', () => {
    const result = runValidation(
      { recipe, snapshot },
      { clock, timer: steppingTimer(2), toolVersion: '0.1.0' },
    );
    expect(result.metadata).not.toHaveProperty('recipe');
    expect(result.summary.duration).toBe('2ms');
  });

  it('refuses a bad constraint with BAD_CONSTRAINT before timing anything', () => {
    const timer = steppingTimer(1);
    const bad = { constraints: [{ name: 'GPU.smi.driver', value: '>= r570' }] };
    expect(() =>
      runValidation({ recipe: bad, snapshot }, { clock, timer, toolVersion: '0' }),
    ).toThrow(expect.objectContaining({ code: 'BAD_CONSTRAINT' }));
  });
});
