import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    // A real kube-apiserver for the cluster tests (started only when a selected test may need it).
    globalSetup: ['test/kube/global-setup.ts'],
    testTimeout: 20_000,
    // Tests spawn processes and read fixtures; two workers fit a 2-core runner without starving them.
    maxWorkers: 2,
  },
});
