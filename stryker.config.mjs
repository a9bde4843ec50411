// Mutation testing of the pure core: npm run mutate (scripts/mutate.mjs, one run per folder of
// src/core). Not part of npm test or CI: it takes hours on two cores. docs/testing.md has the scores
// per folder and the surviving mutants judged equivalent. One test process at a time, because the
// machine's cores are shared; perTest coverage runs only the tests that reach each mutant.
const report = `reports/mutation/${process.env.CNS_MUTATE_REPORT ?? 'core'}`;

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  plugins: ['@stryker-mutator/vitest-runner'],
  vitest: { configFile: 'vitest.mutation.config.ts' },
  mutate: ['src/core/**/*.ts', '!src/core/**/*.test.ts'],
  coverageAnalysis: 'perTest',
  concurrency: 1,
  // Generous: a mutant that every test reaches reloads every test file, and under load that alone
  // passed 10 s, which Stryker would count as a timeout (detected) rather than a result.
  timeoutMS: 30_000,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: `${report}.html` },
  jsonReporter: { fileName: `${report}.json` },
  // A rerun of a folder tests again only the mutants whose code or covering tests changed since.
  incremental: true,
  incrementalFile: `${report}.incremental.json`,
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
  ignorePatterns: ['dist', 'coverage', 'reports', '.cache', 'demo-output', 'bench/results'],
  thresholds: { high: 90, low: 80, break: null },
};
