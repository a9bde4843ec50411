import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fixturePath } from '../../../test/validate/read-fixture.js';
import type { DocumentStore } from '../ports.js';
import { readRecipeRequest } from './read-recipe-request.js';

const SNAPSHOT = readFileSync(fixturePath('validate/eks-h100-snapshot.yaml'), 'utf8');
const CRITERIA = `kind: recipeCriteria
apiVersion: cns.nvidia.com/v1alpha1
spec:
  service: gke
  nodes: 8
`;

const store = (texts: Readonly<Record<string, string>>): DocumentStore => ({
  read: (location) => Promise.resolve(texts[location] ?? ''),
  write: () => Promise.reject(new Error('not written in these tests')),
});

describe('readRecipeRequest', () => {
  it('passes criteria given directly through, reading nothing', async () => {
    const request = await readRecipeRequest(
      { criteria: { service: 'eks' } },
      { documents: store({}) },
    );
    expect(request).toEqual({
      criteria: { service: 'eks' },
      criteriaDocument: undefined,
      snapshot: undefined,
    });
  });

  it('reads the criteria document and the snapshot from their locations', async () => {
    const request = await readRecipeRequest(
      {
        criteria: { intent: 'training' },
        criteriaLocation: 'criteria.yaml',
        snapshotLocation: '-',
      },
      { documents: store({ 'criteria.yaml': CRITERIA, '-': SNAPSHOT }) },
    );
    expect(request.criteria).toEqual({ intent: 'training' });
    expect(request.criteriaDocument).toEqual({ service: 'gke', nodes: 8 });
    expect(request.snapshot?.kind).toBe('Snapshot');
  });

  it('refuses an empty criteria document, naming stdin as <stdin>', async () => {
    await expect(
      readRecipeRequest(
        { criteria: {}, criteriaLocation: '-' },
        { documents: store({ '-': '  \n' }) },
      ),
    ).rejects.toMatchObject({
      code: 'INPUT_SCHEMA',
      message: '<stdin>: empty, expected a recipeCriteria document',
    });
  });
});
