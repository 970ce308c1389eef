import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { test as base, expect } from '@playwright/test';
import { caughtMarker, DEVIATIONS } from '../../src/mock/deviations';
import { FRONTS, frontMissing, HIDDEN_BY } from '../../src/mock/fronts';
import { VARIANTS } from '../../src/mock/variants';
import { PROJECT_ROOT } from '../../src/spec/load-spec';
import { runSuite, type SuiteResult, type SuiteRun } from '../support/run-suite';

/**
 * The suite's worth is what it catches. One run of the whole conformance suite covers the correct
 * mock, the mock with other data, and every deliberately broken mock (a project each, see
 * playwright.config.ts); each test here reads that run's verdict on one of them.
 */
const test = base.extend<{}, { suiteRun: SuiteRun }>({
  suiteRun: [
    async ({}, use, workerInfo) => {
      // Playwright starts a new worker after a failed test; the run is kept in this run's output folder
      // so that the next worker reads it instead of running the whole self-test again.
      const saved = path.join(workerInfo.project.outputDir, 'self-test-run.json');
      if (existsSync(saved)) return use(JSON.parse(readFileSync(saved, 'utf8')) as SuiteRun);
      // Every core: the broken mocks are shares of copies of the tests, a project a core (playwright.config.ts);
      // 10 random inputs per property and mock keep the run short. The mocks that hang a request
      // (page-never-answered, page-drips) are caught at a deadline: short ones here, still some hundred
      // times what the embedded mock takes to answer.
      const run = await runSuite(
        { CONTRACT_SELF_TEST: '1', CONTRACT_FUZZ_RUNS: '10', CONTRACT_TIMEOUT_MS: '4000', CONTRACT_BODY_TIMEOUT_MS: '2000' },
        { args: ['--workers', String(availableParallelism())] },
      );
      mkdirSync(workerInfo.project.outputDir, { recursive: true });
      writeFileSync(saved, JSON.stringify(run));
      await use(run);
    },
    { scope: 'worker', timeout: 600_000 },
  ],
});


function ofProject(run: SuiteRun, project: string): SuiteResult[] {
  return run.results.filter((r) => r.project === project);
}

function describeFailures(results: readonly SuiteResult[]): string {
  return results
    .filter((r) => r.status !== 'passed')
    .map((r) => `- ${r.status}: ${r.title}\n    ${r.message.split('\n').slice(0, 12).join('\n    ')}`)
    .join('\n');
}

test('the suite passes against the correct mock, every test exercised', async ({ suiteRun }) => {
  const results = ofProject(suiteRun, 'correct');

  expect(results.length, `the suite ran no test; its output:\n${suiteRun.output.slice(-3000)}`).toBeGreaterThan(0);
  expect(describeFailures(results), 'tests that did not pass against the correct mock').toBe('');
});

test('the suite passes against a mock holding other data (no check depends on the mock’s data)', async ({ suiteRun }) => {
  const results = ofProject(suiteRun, 'other-data');

  expect(results.length).toBe(ofProject(suiteRun, 'correct').length);
  expect(describeFailures(results), 'tests that did not pass against the mock with other data').toBe('');
});

test(`the suite passes against every correct variant of the mock at once (${VARIANTS.map((v) => v.id).join(', ')})`, async ({ suiteRun }) => {
  const results = ofProject(suiteRun, 'correct-variants');

  expect(results.length).toBe(ofProject(suiteRun, 'correct').length);
  // A rule that cannot apply to a variant (a 204 where OPTIONS is answered 405) is skipped as not applicable.
  expect(describeFailures(results.filter((r) => r.status !== 'skipped')), 'tests that did not pass against the correct variants').toBe('');
});

test('the suite passes against the mock answering what its parser refuses as Node\'s own server does (a Node service without a gateway)', async ({ suiteRun }) => {
  const results = ofProject(suiteRun, 'node-parser');

  expect(results.length).toBe(ofProject(suiteRun, 'correct').length);
  expect(describeFailures(results), 'tests that did not pass with Node\'s own answers to what its parser refuses').toBe('');
});

for (const front of FRONTS) {
  /** A gateway that is not installed is skipped, saying so, in a local run; CI installs it (.ci/run), so there it fails. */
  const requireFront = () => {
    const missing = frontMissing(front);
    if (missing && process.env.CI) throw new Error(`${missing}: the self-test's run behind ${front} is part of CI`);
    if (missing) {
      process.stderr.write(`\nWARNING: the self-test skips its runs behind ${front}: ${missing}\n`);
      test.skip(true, missing);
    }
  };

  test(`the suite passes against the mock behind ${front} with stock settings (what the gateway answers itself is judged as the transport's)`, async ({ suiteRun }) => {
    requireFront();
    const results = ofProject(suiteRun, `behind-${front}`);

    expect(results.length).toBe(ofProject(suiteRun, 'correct').length);
    expect(describeFailures(results), `tests that did not pass behind ${front}`).toBe('');
  });

  test(`behind ${front}, every fault of how an answer is framed, labelled and headed that ${front} lets through is caught`, async ({ suiteRun }) => {
    requireFront();
    const judged = behindFront(suiteRun, front);

    expect(judged.length, 'the faults judged behind the gateway').toBeGreaterThan(0);
    const missed = judged.filter((row) => row.failed === 0 && !row.hidden).map((row) => row.deviation);
    expect(missed, `faults ${front} lets through that no test caught behind it`).toEqual([]);
  });
}

/** The deviations judged behind a gateway (projects broken-behind-<front>), each with its failures and whether the gateway hides it. */
function behindFront(run: SuiteRun, front: string) {
  const ids = [...new Set(run.results.filter((r) => r.project.endsWith(`@${front}`)).map((r) => r.project.slice(0, -front.length - 1)))];
  return ids.map((deviation) => {
    const failed = ofProject(run, `${deviation}@${front}`).filter((r) => r.status === 'failed');
    const named = failed.some((r) => r.message.includes(caughtMarker(DEVIATIONS.find((d) => d.id === deviation)!)));
    const hidden = HIDDEN_BY[front as keyof typeof HIDDEN_BY]?.[deviation];
    return { deviation, failed: failed.length, named, hidden, seen: failed[0]?.message.match(/^\d+\) (.+)$/m)?.[1] ?? failed[0]?.message.split('\n')[0] ?? '' };
  });
}

for (const deviation of DEVIATIONS) {
  test(`catches the broken mock "${deviation.id}": ${deviation.description}`, async ({ suiteRun }) => {
    const results = ofProject(suiteRun, deviation.id);
    const failed = results.filter((r) => r.status === 'failed');
    const named = failed.filter((r) => r.message.includes(caughtMarker(deviation)));

    expect(results.length, 'the suite ran against this broken mock').toBeGreaterThan(0);
    expect(failed.length, 'tests that failed against this broken mock (0 means the fault survived)').toBeGreaterThan(0);
    expect(named.map((r) => r.title), `a failure message that names ${caughtMarker(deviation)}; the failures were:\n${describeFailures(failed)}`).not.toEqual([]);
  });
}

test.afterAll(async ({ suiteRun }) => {
  const rows = DEVIATIONS.map((deviation) => {
    const failed = ofProject(suiteRun, deviation.id).filter((r) => r.status === 'failed');
    const checks = [...new Set(failed.flatMap((r) => [...r.message.matchAll(/\[([a-z-]+)\]\n/g)].map((m) => m[1]!)))].sort();
    return { deviation, failed: failed.length, checks };
  });
  const killed = rows.filter((row) => row.failed > 0).length;
  const cell = (text: string) => text.replace(/\|/g, '\\|');
  const correctRuns = [
    ['correct', 'the embedded mock'],
    ['other-data', 'the mock holding other data'],
    ['correct-variants', `every correct variant at once: ${VARIANTS.map((v) => v.id).join(', ')}`],
    ['node-parser', 'the mock answering what its parser refuses as Node\'s own server does (a bare 400, 431 or 408)'],
    ...FRONTS.map((front) => [`behind-${front}`, `the mock behind ${front}, stock settings plus the upstream`]),
  ] as const;
  const runOf = (project: string) => {
    const results = ofProject(suiteRun, project);
    if (results.length === 0) return project.startsWith('behind-') ? `not run: ${frontMissing(project.slice(7) as (typeof FRONTS)[number]) ?? 'no test ran'}` : 'no test ran';
    const failed = results.filter((r) => r.status !== 'passed' && r.status !== 'skipped').length;
    return `${results.length - failed} of ${results.length} passed or not applicable${failed ? `, **${failed} failed**` : ''}`;
  };
  const lines = [
    '# Self-test: the conformance suite against correct and broken servers',
    '',
    `Kill rate: ${killed}/${rows.length} (${Math.round((killed / rows.length) * 100)}%); whole run ${Math.round(suiteRun.durationMs / 1000)} s.`,
    '',
    '## Correct runs (none may fail)',
    '',
    '| run | what serves the suite | tests |',
    '|---|---|---|',
    ...correctRuns.map(([project, what]) => `| ${project} | ${cell(what)} | ${runOf(project)} |`),
    '',
    '## Broken mocks',
    '',
    '| fault | what the mock does wrong | lists it changes | tests failed until it was caught | caught by |',
    '|---|---|---|---|---|',
    ...rows.map((row) => `| ${row.deviation.id} | ${cell(row.deviation.description)} | ${row.deviation.operation ?? 'every list'} | ${row.failed} | ${row.checks.join(', ') || '**survived**'} |`),
    ...FRONTS.flatMap((front) => {
      const judged = behindFront(suiteRun, front);
      if (!judged.length) return [];
      return [
        '',
        `## Broken mocks behind ${front}`,
        '',
        '| fault | behind the gateway |',
        '|---|---|',
        ...judged.map((row) => `| ${row.deviation} | ${row.hidden ? `hidden: ${cell(row.hidden)}` : row.failed === 0 ? '**survived**' : row.named ? 'caught by its rule' : `caught as what ${front} makes of it: ${cell(row.seen.slice(0, 160))}`} |`),
      ];
    }),
  ];
  mkdirSync(path.join(PROJECT_ROOT, 'reports'), { recursive: true });
  writeFileSync(path.join(PROJECT_ROOT, 'reports', 'self-test.md'), lines.join('\n') + '\n');
  process.stdout.write(`\n${lines.slice(2).join('\n')}\n(also in reports/self-test.md)\n`);
});
