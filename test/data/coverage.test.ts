/**
 * Every accelerator × service pair has an overlay or a documented fallback (data/coverage.yaml), and
 * docs/coverage.md shows the matrix generated from the data. UPDATE_GOLDEN=1 rewrites the generated part.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { coverageProblems, renderCoverageMatrix } from '../../src/core/recipe/coverage-matrix.js';
import { parseCatalog } from '../../src/core/recipe/parse-catalog.js';
import { dataFiles, embeddedCatalog } from './data-under-test.js';

const DOC = new URL('../../docs/coverage.md', import.meta.url);
const BEGIN = '<!-- coverage matrix: generated from data/ by test/data/coverage.test.ts -->\n';
const END = '<!-- end of coverage matrix -->';

describe('coverage of accelerators and services', () => {
  it('gives every pair an overlay or a fallback note, and no note to a covered pair', async () => {
    expect(coverageProblems(await embeddedCatalog())).toEqual([]);
  });

  it('reports a pair left without either', async () => {
    const files = await dataFiles();
    const text = files['coverage.yaml'] ?? '';
    const withoutB200OnEks = text.replace(
      / {2}- accelerator: b200\n {4}service: eks\n[\s\S]*?(?=\n {2}- )/,
      '',
    );
    expect(withoutB200OnEks).not.toBe(text);
    const data = parseCatalog({ ...files, 'coverage.yaml': withoutB200OnEks });
    expect(coverageProblems(data).map((p) => p.message)).toEqual([
      'b200 on eks: no overlay names both and no fallback note explains the recipe it gets',
    ]);
  });

  it('is shown as generated in docs/coverage.md', async () => {
    const doc = await readFile(DOC, 'utf8');
    const start = doc.indexOf(BEGIN);
    const end = doc.indexOf(END);
    expect(start, 'docs/coverage.md lacks the generated-matrix markers').toBeGreaterThanOrEqual(0);
    const generated = renderCoverageMatrix(await embeddedCatalog());
    const current = doc.slice(start + BEGIN.length, end);
    if (process.env.UPDATE_GOLDEN === '1') {
      await writeFile(DOC, `${doc.slice(0, start + BEGIN.length)}${generated}${doc.slice(end)}`);
      return;
    }
    expect(current, 'docs/coverage.md is stale: run the tests with UPDATE_GOLDEN=1').toBe(
      generated,
    );
  });
});
