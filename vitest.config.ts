import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // Prints the plain `N passed, N failed` line CI reads, after vitest's own summary.
    reporters: ['default', './tests/support/count-reporter.ts'],
    // Tests that run dist/index.js or dist/cli.js get bundles built from the current sources.
    globalSetup: ['./tests/support/build-once.ts'],
  },
});
