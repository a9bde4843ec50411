import { describe, expect, it } from 'vitest';
import { MINI_CATALOG_FILES } from '../../../test/fixtures/mini-catalog.js';
import { coverageCells, coverageProblems, renderCoverageMatrix } from './coverage-matrix.js';
import { parseCatalog } from './parse-catalog.js';

const notes = (lines: string) =>
  `apiVersion: cns.nvidia.com/v1alpha1\nkind: CoverageNotes\nfallbacks:\n${lines}`;

describe('coverage matrix', () => {
  const data = parseCatalog(MINI_CATALOG_FILES);

  it('counts an overlay naming both the accelerator and the service', () => {
    const cell = coverageCells(data).find((c) => c.accelerator === 'h100' && c.service === 'eks');
    expect(cell?.overlays).toEqual(['h100-eks-ubuntu-training']);
  });

  it('reports every pair with neither an overlay nor a note', () => {
    const problems = coverageProblems(data).map((p) => p.message);
    expect(problems).toHaveLength(7 * 6 - 1);
    expect(problems).toContain(
      'h200 on any service: no overlay names both and no fallback note explains the recipe it gets',
    );
  });

  it('reports a note for a covered pair and a pair noted twice', () => {
    const noted = parseCatalog({
      ...MINI_CATALOG_FILES,
      'coverage.yaml': notes(
        '  - {accelerator: h100, service: eks, note: n}\n  - {accelerator: a100, service: kind, note: n}\n  - {accelerator: a100, service: kind, note: m}\n',
      ),
    });
    const problems = coverageProblems(noted).map((p) => p.message);
    expect(problems).toContain(
      'h100 on eks: fallback note for a pair that overlays cover (h100-eks-ubuntu-training): remove it',
    );
    expect(problems).toContain('a100 on kind: noted twice');
  });

  it('renders overlays in cells and numbered fallbacks below', () => {
    const noted = parseCatalog({
      ...MINI_CATALOG_FILES,
      'coverage.yaml': notes('  - {accelerator: a100, service: kind, note: The kind recipe.}\n'),
    });
    const text = renderCoverageMatrix(noted);
    expect(text).toContain('| accelerator | eks | gke | aks | oke | kind | any (self-managed) |');
    expect(text).toContain('| h100 | `h100-eks-ubuntu-training` |');
    expect(text).toContain(
      '| a100 | not covered | not covered | not covered | not covered | fallback (1) |',
    );
    expect(text).toContain('1. **a100 × kind**: The kind recipe.');
  });
});
