// The tests Stryker runs against each mutant of src/core (stryker.config.mjs): every suite except two
// that cannot kill a mutant in reasonable time. test/e2e runs the built bundle, which holds no mutant;
// test/data reads the whole recipe data set and the real charts' values (seconds per file, for every
// mutant it covers), and it checks the data rather than the rules.
import { configDefaults, defineConfig } from 'vitest/config';
import base from './vitest.config.js';

export default defineConfig({
  ...base,
  test: { ...base.test, exclude: [...configDefaults.exclude, 'test/data/**', 'test/e2e/**'] },
});
