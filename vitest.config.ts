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
    // GitHub's workflow parser imports its schema JSON without `with { type: 'json' }`, which
    // Node refuses; letting vite transform it makes the import work (tests/workflows.test.ts).
    server: { deps: { inline: ['@actions/workflow-parser'] } },
  },
});
