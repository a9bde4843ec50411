// The tests Stryker runs against each mutant of src/core (stryker.config.mjs): the core's own tests.
// The pure core must be pinned down by them alone. The suites that drive it through the CLI and the
// built bundle would kill more, but each of their files compiles the whole recipe data set again for
// every mutant it covers: about ten seconds a mutant on two shared cores, against two or three.
import { defineConfig } from 'vitest/config';
import base from './vitest.config.js';

export default defineConfig({
  ...base,
  test: { ...base.test, include: ['src/core/**/*.test.ts'] },
});
