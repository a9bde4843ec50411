import { describe, expect, it } from 'vitest';
import { parseWithSchema } from '../shared/documents.js';
import { isCnsError } from '../shared/errors.js';
import { recipeCriteriaDocumentSchema } from './recipe-criteria-document.js';

const envelope = { kind: 'recipeCriteria', apiVersion: 'cns.nvidia.com/v1alpha1' };

function problemOf(value: unknown): { code: string; message: string; path: unknown } {
  try {
    parseWithSchema(recipeCriteriaDocumentSchema, value, 'crit.yaml', 'recipeCriteria');
  } catch (error) {
    if (!isCnsError(error)) throw error;
    return { code: error.code, message: error.message, path: error.details.path };
  }
  return expect.unreachable('the document was accepted');
}

describe('the recipeCriteria document', () => {
  it('reads every dimension, with numbers as text', () => {
    const spec = { service: 'eks', accelerator: 'h100', os: 'ubuntu', intent: 'training' };
    const document = parseWithSchema(
      recipeCriteriaDocumentSchema,
      { ...envelope, metadata: { name: 'demo', owner: 'ops' }, spec: { ...spec, nodes: 8 } },
      'crit.yaml',
      'recipeCriteria',
    );
    expect(document.spec).toEqual({ ...spec, nodes: 8 });
  });

  it.each([
    ['a misspelt dimension', { ...envelope, spec: { servce: 'eks' } }, 'spec', '"servce"'],
    [
      'two unknown dimensions',
      { ...envelope, spec: { service: 'eks', gpu: 'h100', region: 'x' } },
      'spec',
      'unknown keys "gpu", "region"',
    ],
    ['a misspelt top-level key', { ...envelope, spec: {}, sepc: {} }, '', '"sepc"'],
  ])('refuses %s, naming the key and the accepted ones', (_name, value, path, named) => {
    const problem = problemOf(value);
    expect(problem.code).toBe('INPUT_SCHEMA');
    expect(problem.path).toBe(path);
    expect(problem.message).toContain(named);
    expect(problem.message).toMatch(/accepted keys are/);
  });
});
