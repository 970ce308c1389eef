import { defineConfig } from '@playwright/test';

/**
 * The project's own tests: unit tests of src/ and the self-test, which runs the conformance suite
 * (playwright.config.ts) against the correct mock and against every deliberately broken one.
 */
export default defineConfig({
  testDir: '.',
  testMatch: ['unit/**/*.spec.ts', 'self-test/**/*.spec.ts'],
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  reporter: [['list'], ['json', { outputFile: '../reports/project-tests.json' }]],
  outputDir: '../reports/project-test-results',
  use: { trace: 'off' },
});
