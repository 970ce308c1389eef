import { defineConfig } from '@playwright/test';

/**
 * The project's own tests: unit tests of the modules of src/ (tests/unit, in process), end-to-end tests
 * that start the suite, the mock or a command as a user would (tests/e2e, child processes), and the
 * self-test, which runs the conformance suite (playwright.config.ts) against the correct mock and against
 * every deliberately broken one.
 */
export default defineConfig({
  testDir: '.',
  fullyParallel: true,
  // More than the cores: these tests mostly wait on child processes (on retries, Retry-After, deadlines,
  // latency), and a third worker fills those waits (measured: 2.1 min with two, under 2 with three).
  workers: 3,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  reporter: [['list'], ['json', { outputFile: '../reports/project-tests.json' }]],
  outputDir: '../reports/project-test-results',
  globalSetup: './warm-up.ts',
  use: { trace: 'off' },
  projects: [
    // The self-test runs the suite in a child process; it starts first, beside the other tests, whose
    // child processes often wait (on retries, timeouts, latency) and leave a core to it. Its tests read
    // one run, in one worker.
    { name: 'self-test', testMatch: 'self-test/**/*.spec.ts', fullyParallel: false, workers: 1 },
    { name: 'unit', testMatch: 'unit/**/*.spec.ts' },
    { name: 'e2e', testMatch: 'e2e/**/*.spec.ts' },
  ],
});
