import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../../src/spec/load-spec';
import { MOCK_DEVIATION } from '../broken-copies';

/** One test of the conformance suite, as one project of the self-test run saw it. */
export interface SuiteResult {
  readonly project: string;
  readonly title: string;
  readonly status: string;
  /** Playwright's judgement of the status: expected, unexpected (a failure), flaky or skipped. */
  readonly outcome: string;
  /** Which worker process ran it: a new index for each worker Playwright started. */
  readonly workerIndex: number;
  readonly message: string;
}

export interface SuiteRun {
  readonly results: readonly SuiteResult[];
  readonly exitCode: number | null;
  readonly output: string;
  readonly durationMs: number;
  /** reports/conformance.json of the run, if it wrote one. */
  readonly conformance?: unknown;
}

/**
 * Runs the conformance suite (playwright.config.ts) once, in a child process, with the environment
 * given and nothing else of the caller's (no .env, no CONTRACT_ variable); its JSON report is read back
 * test by test. Without a JSON report path the suite writes its usual reports to CONTRACT_REPORTS_DIR.
 */
export async function runSuite(
  env: Record<string, string>,
  {
    args = [],
    jsonReport = true,
    command = 'test',
    onStart,
  }: { args?: readonly string[]; jsonReport?: boolean; command?: 'test' | 'merge-reports'; /** Called with the runner's pid once it is spawned. */ onStart?: (pid: number) => void } = {},
): Promise<SuiteRun> {
  const directory = mkdtempSync(path.join(tmpdir(), 'contract-suite-'));
  const report = path.join(directory, 'report.json');
  const started = performance.now();
  const child = spawn(process.execPath, [require.resolve('@playwright/test/cli'), command, '-c', 'playwright.config.ts', ...args], {
    cwd: PROJECT_ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? directory,
      // Never a developer's .env: what the suite tests is what `env` says.
      CONTRACT_ENV_FILE: path.join(directory, 'no.env'),
      CONTRACT_TARGET: 'mock',
      // Never the project's own reports/: a run of a test writes its reports beside its JSON report.
      CONTRACT_REPORTS_DIR: path.join(directory, 'reports'),
      // These runs test the suite's plumbing; the random-input tests get a few runs (the self-test sets more).
      CONTRACT_FUZZ_RUNS: '10',
      // A live target on loopback gains nothing from more workers on a machine of 2 cores, each of which
      // takes about a second of CPU to start; a test of concurrency sets its own.
      CONTRACT_CONCURRENCY: '1',
      ...(jsonReport ? { CONTRACT_JSON_REPORT: report } : {}),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (child.pid !== undefined) onStart?.(child.pid);
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const exitCode = await new Promise<number | null>((resolve) => child.on('close', resolve));
  const durationMs = performance.now() - started;
  let results: SuiteResult[] = [];
  try {
    results = readResults(JSON.parse(readFileSync(report, 'utf8')));
  } catch {
    // No report: the run stopped before its tests; `output` tells why.
  }
  const reportsDir = env.CONTRACT_REPORTS_DIR ?? path.join(directory, 'reports');
  let conformance: unknown;
  try {
    conformance = JSON.parse(readFileSync(path.join(reportsDir, 'conformance.json'), 'utf8'));
  } catch {
    // Not every run writes one (a JSON-reporter run, a stop before the configuration was read).
  }
  rmSync(directory, { recursive: true, force: true });
  return { results, exitCode, output, durationMs, conformance };
}

interface JsonSuite {
  title: string;
  suites?: JsonSuite[];
  specs?: { title: string; tests: { projectName: string; status: string; annotations?: { type: string; description?: string }[]; results: { status: string; workerIndex: number; errors?: { message?: string }[] }[] }[] }[];
}

export function readResults(report: { suites: JsonSuite[] }): SuiteResult[] {
  const results: SuiteResult[] = [];
  const visit = (suite: JsonSuite, prefix: string) => {
    const here = prefix ? `${prefix} › ${suite.title}` : suite.title;
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests) {
        const last = test.results[test.results.length - 1];
        results.push({
          // A copy of a test judged against a broken mock counts for that mock (tests/broken-copies.ts).
          project: test.annotations?.find((a) => a.type === MOCK_DEVIATION)?.description ?? test.projectName,
          title: `${here} › ${spec.title}`,
          status: last?.status ?? 'skipped',
          outcome: test.status,
          workerIndex: last?.workerIndex ?? -1,
          message: (last?.errors ?? []).map((e) => e.message ?? '').join('\n'),
        });
      }
    }
    for (const child of suite.suites ?? []) visit(child, here);
  };
  for (const suite of report.suites) visit(suite, '');
  return results;
}
