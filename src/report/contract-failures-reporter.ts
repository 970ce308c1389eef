import path from 'node:path';
import type { FullConfig, Reporter, TestCase, TestResult } from '@playwright/test/reporter';

/**
 * Playwright starts a new worker after every failed test, and a worker takes the better part of a
 * second of CPU to start: against a server that breaks what nearly every test touches (a page schema),
 * the run that must stop a release would wait three times as long as a correct one. A failure that
 * comes from the contract alone (every error of the test is a failed `toConformToSpec`, judged on
 * exchanges already complete) leaves nothing behind in the worker, so tests/fixtures/evidence.ts marks such a
 * test "expected to fail" with this note, and Playwright keeps the worker. This reporter, the first of
 * the run, turns each one back into the failure it is before any other reporter, `--max-failures` or
 * the exit code sees it: every report shows the same failures as a run without it.
 */
export const KEPT_WORKER_NOTE = 'failed on the contract alone: the worker was kept';

/** The reporter as playwright.config.ts names it. */
export const CONTRACT_FAILURES_REPORTER = './src/report/contract-failures-reporter.ts';

/**
 * Whether the run's first reporter is this one (a worker asks, by its copy of the configuration): only
 * then may a worker mark a failure as expected. A run whose reporters were replaced on the command line
 * (`--reporter blob`, `--reporter dot`) keeps Playwright's own behaviour, a new worker per failure.
 */
export function failuresAreRestored(config: Pick<FullConfig, 'reporter' | 'rootDir' | 'configFile'>): boolean {
  const [first] = config.reporter;
  if (!first) return false;
  const base = config.configFile ? path.dirname(config.configFile) : config.rootDir;
  const expected = path.resolve(base, CONTRACT_FAILURES_REPORTER);
  return path.resolve(base, first[0]) === expected || first[0] === expected;
}

export default class ContractFailuresReporter implements Reporter {
  printsToStdio(): boolean {
    return false;
  }

  onTestEnd(test: TestCase, result: TestResult): void {
    const isNote = (annotation: { type: string; description?: string }) => annotation.type === 'fail' && annotation.description === KEPT_WORKER_NOTE;
    if (!test.annotations.some(isNote)) return;
    test.expectedStatus = 'passed';
    test.annotations = test.annotations.filter((annotation) => !isNote(annotation));
    result.annotations = result.annotations.filter((annotation) => !isNote(annotation));
  }
}
