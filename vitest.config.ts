import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'test/stress/**', 'node_modules/**'],
    globalSetup: ['test/helpers/global-setup.ts', 'test/helpers/contract-report.ts'],
    // The contract hook: every answer of every app a test builds is checked against the OpenAPI document.
    setupFiles: ['test/helpers/contract-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
