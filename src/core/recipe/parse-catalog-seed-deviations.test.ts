import { describe, expect, it } from 'vitest';
import { MINI_CATALOG_FILES } from '../../../test/fixtures/mini-catalog.js';
import { CnsError } from '../shared/errors.js';
import { parseCatalog } from './parse-catalog.js';

const DEVIATIONS = `
apiVersion: cns.nvidia.com/v1alpha1
kind: SeedDeviations
component: gpu-operator
deviations:
  - path: dcgmExporter.serviceMonitor.enabled
    demo: true
    ours: false
    reason: the ServiceMonitor CRD is not installed by this recipe
    source: oracles/charts/gpu-operator/values.yaml
`;

function problemsOf(files: Record<string, string>): string[] {
  try {
    parseCatalog(files);
  } catch (error) {
    if (error instanceof CnsError && error.code === 'BAD_DATA')
      return (error.details.problems as { file: string; message: string }[]).map(
        (p) => `${p.file}: ${p.message}`,
      );
    throw error;
  }
  return [];
}

describe('parseCatalog with seed-deviations.yaml', () => {
  it('carries the parsed deviations in the catalog', () => {
    const catalog = parseCatalog({ ...MINI_CATALOG_FILES, 'seed-deviations.yaml': DEVIATIONS });
    expect(catalog.seedDeviations).toEqual({
      apiVersion: 'cns.nvidia.com/v1alpha1',
      kind: 'SeedDeviations',
      component: 'gpu-operator',
      deviations: [
        {
          path: 'dcgmExporter.serviceMonitor.enabled',
          demo: true,
          ours: false,
          reason: 'the ServiceMonitor CRD is not installed by this recipe',
          source: 'oracles/charts/gpu-operator/values.yaml',
        },
      ],
    });
  });

  it('leaves seedDeviations out when the file is absent', () => {
    expect(parseCatalog(MINI_CATALOG_FILES)).not.toHaveProperty('seedDeviations');
  });

  it.each([
    ['an unknown field', DEVIATIONS.replace('source:', 'evidence:'), 'deviations[0]'],
    ['a reason left empty', DEVIATIONS.replace(/reason: .*/, 'reason: ""'), 'reason'],
    ['a path that is not dotted', DEVIATIONS.replace('path: dcgm', 'path: ..dcgm'), 'path'],
    ['a component not in the registry', DEVIATIONS.replace('gpu-operator', 'nope'), 'nope'],
  ])('reports %s with the file name', (_, text, expected) => {
    const problems = problemsOf({ ...MINI_CATALOG_FILES, 'seed-deviations.yaml': text });
    expect(problems.length).toBeGreaterThan(0);
    for (const problem of problems) expect(problem).toMatch(/^seed-deviations\.yaml: /);
    expect(problems.join('\n')).toContain(expected);
  });
});
