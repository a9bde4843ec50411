import { describe, expect, it } from 'vitest';
import { readRecipeFixture, readSnapshotFixture } from '../../../test/validate/read-fixture.js';
import { parseWithSchema } from '../shared/documents.js';
import { parseDocumentText } from '../shared/parse-document-text.js';
import { toJson, toYaml } from '../shared/serialize.js';
import { validateRecipe } from './validate-recipe.js';
import { buildValidationResult, validationResultSchema } from './validation-result.js';

const meta = {
  generatedAt: '2026-11-26T15:30:00Z',
  version: '0.1.0',
  recipe: 'recipe.yaml',
  snapshot: 'snapshot.yaml',
  node: 'h100-vm-0',
};

function build() {
  const recipe = readRecipeFixture('validate/recipe-h100-checks.yaml');
  const { results, counts } = validateRecipe(
    recipe.constraints,
    readSnapshotFixture('validate/h100-snapshot.yaml'),
  );
  return buildValidationResult(results, counts, '52.1µs', meta);
}

describe('buildValidationResult', () => {
  it('orders the document as users read it: envelope, metadata, summary, results', () => {
    const doc = build();
    expect(Object.keys(doc)).toEqual(['kind', 'apiVersion', 'metadata', 'summary', 'results']);
    expect(Object.keys(doc.summary)).toEqual([
      'passed',
      'failed',
      'warnings',
      'skipped',
      'total',
      'status',
      'duration',
    ]);
    expect(doc.metadata).toEqual(meta);
    expect(doc.summary.duration).toBe('52.1µs');
  });

  it('writes name, expected, actual, status, severity, message and remediation for each result', () => {
    const swappiness = build().results.find((r) => r.name === 'OS.sysctl./proc/sys/vm/swappiness');
    expect(Object.keys(swappiness ?? {})).toEqual([
      'name',
      'expected',
      'actual',
      'status',
      'severity',
      'message',
      'remediation',
    ]);
    const peermem = build().results.find((r) => r.name === 'OS.kmod.nvidia_peermem');
    expect(peermem).not.toHaveProperty('actual');
  });

  it('names the overlay the recipe left out on the result of a constraint it requires', () => {
    const snapshot = readSnapshotFixture('validate/h100-snapshot.yaml');
    const { results, counts } = validateRecipe(
      [
        { name: 'OS.kmod.nvidia_peermem', value: '== true', excludedOverlay: 'h100-rdma' },
        { name: 'OS.sysctl./proc/sys/vm/swappiness', value: '<= 100' },
      ],
      snapshot,
    );
    const [excluded, kept] = buildValidationResult(results, counts, '1ms', meta).results;
    expect(excluded?.excludedOverlay).toBe('h100-rdma');
    expect(kept).not.toHaveProperty('excludedOverlay');
  });

  it.each([
    ['YAML', toYaml],
    ['JSON', toJson],
  ])('reads back its own %s unchanged', (_format, write) => {
    const doc = build();
    const text = write(doc);
    expect(
      parseWithSchema(
        validationResultSchema,
        parseDocumentText(text, 'x'),
        'x',
        'ValidationResult',
      ),
    ).toEqual(doc);
  });

  it('reads the results the earlier tool wrote (demo report 7.3), without messages or a warnings count', () => {
    const text = `kind: ValidationResult
apiVersion: cns.nvidia.com/v1alpha1
summary:
  passed: 1
  failed: 0
  skipped: 0
  total: 1
  status: pass
  duration: 11.5µs
results:
  - name: OS.release.VERSION_ID
    expected: "24.04"
    actual: "24.04"
    status: passed
`;
    const doc = parseWithSchema(
      validationResultSchema,
      parseDocumentText(text, 'x'),
      'x',
      'ValidationResult',
    );
    expect(doc.summary.warnings).toBe(0);
    expect(doc.results[0]).toEqual({
      name: 'OS.release.VERSION_ID',
      expected: '24.04',
      actual: '24.04',
      status: 'passed',
    });
  });

  it('refuses a result with an unknown status as INPUT_SCHEMA', () => {
    const doc = { ...build(), results: [{ name: 'a.b.c', expected: 'x', status: 'maybe' }] };
    expect(() => parseWithSchema(validationResultSchema, doc, 'x', 'ValidationResult')).toThrow(
      expect.objectContaining({
        code: 'INPUT_SCHEMA',
        details: expect.objectContaining({ path: 'results[0].status' }),
      }),
    );
  });
});
