// Edges of validate that docs/commands/validate.md promises: which constraint names are refused and
// what the refusal says, the default --fail-on, duration text at its unit boundaries, and result
// documents that leave out what they do not know.
import { describe, expect, it } from 'vitest';
import { parseDocumentText } from '../shared/parse-document-text.js';
import { isCnsError } from '../shared/errors.js';
import type { Snapshot } from '../snapshot/snapshot.js';
import { formatDuration, parseDuration } from './format-duration.js';
import { validateRecipe } from './validate-recipe.js';
import { DEFAULT_FAIL_ON } from './validation-exit-code.js';
import { buildValidationResult, validationResultSchema } from './validation-result.js';

const snapshot: Snapshot = {
  kind: 'Snapshot',
  apiVersion: 'cns.nvidia.com/v1alpha1',
  metadata: {},
  measurements: [{ type: 'OS', subtypes: [{ subtype: 'release', data: { ID: 'ubuntu' } }] }],
};

function refusal(constraints: { name: string; value: string }[]): string {
  try {
    validateRecipe(constraints, snapshot);
  } catch (error) {
    if (isCnsError(error) && error.code === 'BAD_CONSTRAINT') return error.message;
    throw error;
  }
  throw new Error('the constraints were accepted');
}

describe('validateRecipe refuses a name that is not Type.Subtype.Key', () => {
  it.each([
    ['two parts', 'OS.release'],
    ['an empty subtype', 'OS..ID'],
    ['a leading dot', '.OS.release.ID'],
    ['a leading space', ' OS.release.ID'],
    ['a line break in the key', 'OS.release.ID\nmore'],
  ])('%s: %j', (_case, name) => {
    expect(refusal([{ name, value: 'ubuntu' }])).toBe(
      `recipe constraint 1: name "${name}" is not of the form Type.Subtype.Key; fix the recipe and run again`,
    );
  });
});

describe('the refusal of bad constraints', () => {
  it('names the first by its position and counts the others', () => {
    const message = refusal([
      { name: 'OS.release.ID', value: 'ubuntu' },
      { name: 'K8s.server.version', value: '>= latest' },
      { name: 'OS.release', value: 'x' },
      { name: 'GPU.smi.driver', value: '<' },
    ]);
    expect(message).toMatch(/^recipe constraint 2: K8s\.server\.version: /);
    expect(message).toMatch(/ \(and 2 more bad constraints\); fix the recipe and run again$/);
  });

  it('says nothing of others when there is one', () => {
    const message = refusal([{ name: 'OS.release', value: 'x' }]);
    expect(message).not.toContain('more bad constraints');
  });
});

describe('--fail-on', () => {
  it('defaults to error, as the docs say', () => {
    expect(DEFAULT_FAIL_ON).toBe('error');
  });
});

describe('durations at the boundaries of their units', () => {
  it.each([
    [999_999, '999.999µs'],
    [1_000_000, '1ms'],
    [999_999_999, '999.999999ms'],
    [1_000_000_000, '1s'],
  ])('%d ns is %s', (ns, text) => {
    expect(formatDuration(ns)).toBe(text);
  });

  it.each(['x1s', '1sx', '1s 2ms'])('%j is not a duration', (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });
});

describe('a ValidationResult', () => {
  it('leaves out the recipe, snapshot, node and remediation it was not given', () => {
    const { results, counts } = validateRecipe(
      [{ name: 'OS.release.ID', value: 'rhel' }],
      snapshot,
    );
    const doc = buildValidationResult(results, counts, '1µs', {
      generatedAt: '2026-11-26T15:30:00Z',
      version: '0.1.0',
    });
    expect(doc.metadata).toStrictEqual({ generatedAt: '2026-11-26T15:30:00Z', version: '0.1.0' });
    expect(Object.keys(doc.results[0] ?? {})).toEqual([
      'name',
      'expected',
      'actual',
      'status',
      'severity',
      'message',
    ]);
  });

  it('reads a document without results as having none', () => {
    const text = `kind: ValidationResult
apiVersion: cns.nvidia.com/v1alpha1
summary: { passed: 0, failed: 0, skipped: 0, total: 0, status: pass }
`;
    expect(validationResultSchema.parse(parseDocumentText(text, 'x')).results).toEqual([]);
  });

  it('reads a timestamp tagged as such in YAML as ISO text', () => {
    const text = `kind: ValidationResult
apiVersion: cns.nvidia.com/v1alpha1
metadata: { generatedAt: !!timestamp 2026-11-26T15:30:00Z }
summary: { passed: 0, failed: 0, skipped: 0, total: 0, status: pass }
`;
    expect(validationResultSchema.parse(parseDocumentText(text, 'x')).metadata.generatedAt).toBe(
      '2026-11-26T15:30:00.000Z',
    );
  });
});
