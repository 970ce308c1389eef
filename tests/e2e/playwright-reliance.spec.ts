import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { PROJECT_ROOT } from '../../src/spec/load-spec';
import { DEVIATIONS } from '../../src/mock/deviations';
import { MOCK_DEVIATION } from '../broken-copies';
import { readResults, type SuiteResult } from '../support/run-suite';

/**
 * Two mechanisms of the suite lean on how Playwright behaves, not on its documented API alone
 * (docs/architecture.md). Each is tried here on a throwaway project of a few trivial tests, so that the
 * first Playwright release that changes the behaviour fails this file, with a message saying which.
 */

/** A throwaway Playwright project inside the project (so it resolves @playwright/test and src/), run once. */
async function runThrowaway(files: Record<string, string>, args: readonly string[] = []): Promise<{ exitCode: number | null; results: SuiteResult[]; output: string }> {
  const parent = path.join(PROJECT_ROOT, 'reports', 'playwright-reliance');
  mkdirSync(parent, { recursive: true });
  const directory = mkdtempSync(path.join(parent, 'project-'));
  try {
    for (const [name, text] of Object.entries(files)) writeFileSync(path.join(directory, name), text);
    const child = spawn(process.execPath, [require.resolve('@playwright/test/cli'), 'test', '-c', path.join(directory, 'playwright.config.ts'), ...args], {
      cwd: directory,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? directory, REPORT: path.join(directory, 'report.json') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const exitCode = await new Promise<number | null>((resolve) => child.on('close', resolve));
    let results: SuiteResult[] = [];
    try {
      results = readResults(JSON.parse(readFileSync(path.join(directory, 'report.json'), 'utf8')));
    } catch {
      // No report: `output` says why.
    }
    return { exitCode, results, output };
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

const src = (module: string) => JSON.stringify(path.join(PROJECT_ROOT, 'src', module));

test.describe('what the suite relies on in Playwright', () => {
  test('a failed test marked expected-to-fail keeps its worker, and a first reporter can turn it back into a failure', async () => {
    const config = (firstReporter: boolean) => `export default {
  testDir: __dirname, workers: 1, fullyParallel: false, outputDir: __dirname + '/results',
  reporter: [${firstReporter ? `[${src('report/contract-failures-reporter.ts')}], ` : ''}['json', { outputFile: process.env.REPORT }]],
};\n`;
    const spec = `import { test as base, expect } from '@playwright/test';
import { KEPT_WORKER_NOTE } from ${src('report/contract-failures-reporter.ts')};
const test = base.extend<{ keep: void }>({
  keep: [async ({}, use, testInfo) => { await use(); if (testInfo.status === 'failed' && process.env.KEEP !== '0') testInfo.fail(true, KEPT_WORKER_NOTE); }, { auto: true }],
});
test('fails', () => expect(1).toBe(2));
test('passes', () => expect(1).toBe(1));
`;
    const kept = await runThrowaway({ 'playwright.config.ts': config(true), 'a.spec.ts': spec });
    const byTitle = (run: typeof kept, title: string) => run.results.find((r) => r.title.endsWith(title))!;

    expect(kept.results.map((r) => r.title.split(' › ').pop()), kept.output).toEqual(['fails', 'passes']);
    expect(byTitle(kept, 'fails').workerIndex, 'Playwright kept the worker of a failed test marked expected-to-fail').toBe(byTitle(kept, 'passes').workerIndex);
    expect(byTitle(kept, 'fails').outcome, 'the first reporter turned the expected failure back into a failure for the reporters after it').toBe('unexpected');
    expect(kept.exitCode, 'the run fails as a run with a failed test does').toBe(1);

    const plain = await runThrowaway({ 'playwright.config.ts': config(false), 'a.spec.ts': spec.replace("process.env.KEEP !== '0'", 'false') });
    expect(byTitle(plain, 'fails').workerIndex, 'without the mark Playwright starts a new worker after a failure: the mark is what saves it').not.toBe(byTitle(plain, 'passes').workerIndex);
  });

  test('a Proxy over test.describe declares each outermost block once more per broken mock, with its option set', async () => {
    const config = `export default { testDir: __dirname, workers: 1, outputDir: __dirname + '/results', reporter: [['json', { outputFile: process.env.REPORT }]] };\n`;
    const spec = `import { test as base, expect } from '@playwright/test';
import { withBrokenCopies } from ${JSON.stringify(path.join(PROJECT_ROOT, 'tests', 'broken-copies.ts'))};
const test = withBrokenCopies(base.extend<{ brokenMock: string | undefined }>({ brokenMock: [undefined, { option: true }] }));
test.describe('block', () => {
  test.describe('nested', () => {
    test('inner', ({ brokenMock }, testInfo) => { testInfo.annotations.push({ type: ${JSON.stringify(MOCK_DEVIATION)}, description: brokenMock ?? 'correct' }); });
  });
});
test('outside', ({ brokenMock }, testInfo) => { testInfo.annotations.push({ type: ${JSON.stringify(MOCK_DEVIATION)}, description: brokenMock ?? 'correct' }); });
`;
    const run = await runThrowaway({ 'playwright.config.ts': config, 'copies.spec.ts': spec });

    expect(run.exitCode, run.output).toBe(0);
    const inner = run.results.filter((r) => r.title.endsWith('› inner'));
    const outside = run.results.filter((r) => r.title.endsWith('› outside'));
    const expected = ['correct', ...DEVIATIONS.map((d) => d.id)].sort();
    expect(inner.map((r) => r.project).sort(), 'the nested block rides along in each copy of its outermost block, each with its own brokenMock').toEqual(expected);
    expect(outside.map((r) => r.project).sort(), 'a test outside any block gets its copies too').toEqual(expected);
    expect(inner.find((r) => r.project === DEVIATIONS[0]!.id)!.title).toContain(`block [broken: ${DEVIATIONS[0]!.id}] › nested › inner`);
  });
});
