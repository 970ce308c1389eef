import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, expect, test } from '@playwright/test';
import { buildDataset, DETAIL, HISTORY } from '../../src/mock/dataset';
import { clientEnvironment } from '../../src/mock/client-environment';
import { scenarioById } from '../../src/mock/scenarios';
import type { ConformanceReport } from '../../src/report/conformance-model';
import { startMockProcess } from '../support/mock-process';
import { validateReport } from '../support/report-schema';
import { runClientCheck, sdkClient, type ClientCheckRun } from '../support/run-client-check';

const CHROMIUM = '/usr/bin/chromium';

const failedRulesByOperation = (report: ConformanceReport | undefined) => report?.rules.filter((r) => r.result === 'failed').map((r) => [r.operation, r.id]) ?? [];
const sections = (report: ConformanceReport) => Object.fromEntries(report.operations!.map((o) => [o.operation, o.verdict]));

/** No credential of the mock the client was pointed at, in what the check printed or in any file it wrote. */
function expectNoSecrets(run: ClientCheckRun, scenario = 'none'): void {
  const { facts, iamUser } = buildDataset({ seed: 1, ...scenarioById(scenario)!.dataset?.() });
  const secrets = [facts.token, facts.sk, facts.ak, iamUser.password];
  const texts = [run.output, ...readdirSync(run.reportsDir).map((file) => readFileSync(path.join(run.reportsDir, file), 'utf8'))];
  for (const text of texts) for (const secret of secrets) expect(text.includes(secret), `a secret of the mock (${secret.slice(0, 6)}…) was written`).toBe(false);
  expect(texts.join('\n')).not.toMatch(/Signature=[0-9a-f]{16}/);
}

function expectValidReport(run: ClientCheckRun): ConformanceReport {
  expect(run.report, run.output.slice(-3000)).toBeDefined();
  expect(validateReport(run.report), JSON.stringify(validateReport.errors, null, 2)).toBe(true);
  return run.report!;
}

test.describe('npm run client-check with the official SDK core as the client', () => {
  for (const scenario of ['none', 'throttled', 'unavailable', 'full-last-page']) {
    test(`finds a correct client conformant under scenario ${scenario}, exit 0`, async () => {
      const run = await runClientCheck(['--scenario', scenario, ...sdkClient('correct')]);

      const report = expectValidReport(run);
      expect(run.exitCode, run.output.slice(-3000)).toBe(0);
      expect(report.verdict).toBe('conformant');
      expect(report.target).toMatchObject({ kind: 'client', scenario: { id: scenario } });
      expect(report.run.exitCode).toBe(0);
      expect(run.output).toMatch(/Client conformance: conformant \(\d+ passed, 0 failed/);
      // This client reads one execution's subtasks and never lists a task's executions: that operation is not exercised.
      expect(sections(report)).toEqual({ [DETAIL]: 'conformant', [HISTORY]: 'incomplete' });
      expect(new Set(report.rules.filter((r) => r.operation === HISTORY).map((r) => r.result))).toEqual(new Set(['not-exercised']));
      expect(run.output).toContain(`  ${HISTORY}: not exercised (the client sent no request to ${HISTORY} (GET `);
      if (scenario === 'throttled' || scenario === 'unavailable') {
        expect(report.rules.find((r) => r.id === 'retry-after-honoured' && r.operation === DETAIL)!.result).toBe('passed');
        expect(report.coverage.find((c) => c.operation === DETAIL)!.statuses.find((s) => s.status === (scenario === 'throttled' ? '429' : '503'))).toMatchObject({ documented: true, count: expect.any(Number) });
      }
      expectNoSecrets(run, scenario);
    });
  }

  for (const scenario of ['none', 'throttled', 'full-last-page']) {
    test(`finds a client that lists a task's executions and walks one execution's subtasks conformant under scenario ${scenario}, each operation in its section`, async () => {
      const run = await runClientCheck(['--scenario', scenario, ...sdkClient('task')]);

      const report = expectValidReport(run);
      expect(run.exitCode, run.output.slice(-3000)).toBe(0);
      expect(report.verdict).toBe('conformant');
      expect(sections(report)).toEqual({ [DETAIL]: 'conformant', [HISTORY]: 'conformant' });
      expect(report.rules.filter((r) => r.id === 'paging-advances').map((r) => [r.operation, r.result])).toEqual([[DETAIL, 'passed'], [HISTORY, 'passed']]);
      expect(run.output).toMatch(new RegExp(`^  ${HISTORY}: conformant \\(\\d+ passed, 0 failed`, 'm'));
      expectNoSecrets(run, scenario);
    });
  }

  test("finds a client that skips a page of a task's executions not conformant, naming paging-advances and ListTaskExecuteHistory, exit 1", async () => {
    const run = await runClientCheck(sdkClient('task-skipping-walk'));

    const report = expectValidReport(run);
    expect(run.exitCode, run.output.slice(-3000)).toBe(1);
    expect(failedRulesByOperation(report)).toEqual([[HISTORY, 'paging-advances']]);
    expect(sections(report)).toEqual({ [DETAIL]: 'conformant', [HISTORY]: 'not-conformant' });
    expect(report.rules.find((r) => r.operation === HISTORY && r.id === 'paging-advances')!.evidence[0]!.curl).toMatch(/execute-history\?offset=200&limit=100'/);
    expect(run.output).toContain(`A client of ${HISTORY} (GET /v1/{project_id}/schedule-task/{task_id}/execute-history) broke the contract: 1 violation`);
    expect(run.output).toContain('[paging-advances]');
  });

  test('does not hold the requests of marked negative tests against a correct client', async () => {
    const run = await runClientCheck(sdkClient('negative-tests'));

    expect(run.exitCode, run.output.slice(-3000)).toBe(0);
    expect(expectValidReport(run).requests!.some((r) => r.notes.includes('negative test: rejects a page size of 500'))).toBe(true);
  });

  const broken: [string, string[], string[], RegExp][] = [
    ['a page size of 500', [], ['request-accepted'], /execute-detail\?limit=500'/],
    ['a stale signature', [], ['credentials-accepted'], /-H 'x-sdk-date: \d{8}T\d{6}Z'.*-H 'authorization: SDK-HMAC-SHA256 \[REDACTED\]'/],
    ['a walk that skips subtasks', [], ['paging-advances'], /offset=110&limit=100'/],
    ['a 400 retried unchanged', [], ['request-accepted', 'no-blind-repeat'], /offset=-1&limit=10'/],
    // Without credentials the SDK does not fill in {project_id} either.
    ['no credentials', [], ['credentials-accepted'], /\/v1\/%7Bproject_id%7D\/.*execute-detail\?limit=10'/],
    ['a retry that ignores Retry-After', ['--scenario', 'throttled'], ['retry-after-honoured'], /offset=\d+&limit=10'/],
    ['a retry that ignores Retry-After', ['--scenario', 'unavailable'], ['retry-after-honoured'], /offset=\d+&limit=10'/],
  ];
  const behaviourOf: Record<string, string> = {
    'a page size of 500': 'page-size-500',
    'a stale signature': 'stale-signature',
    'a walk that skips subtasks': 'skipping-walk',
    'a 400 retried unchanged': 'retries-400-unchanged',
    'no credentials': 'no-credentials',
    'a retry that ignores Retry-After': 'ignores-retry-after',
  };
  for (const [what, options, rules, curl] of broken) {
    test(`finds a client with ${what}${options.length ? ` (${options.join(' ')})` : ''} not conformant, names ${rules.join(' and ')} and shows the request, exit 1`, async () => {
      const run = await runClientCheck([...options, ...sdkClient(behaviourOf[what]!)]);

      const report = expectValidReport(run);
      expect(run.exitCode, run.output.slice(-3000)).toBe(1);
      expect(report.verdict).toBe('not-conformant');
      expect(failedRulesByOperation(report)).toEqual(rules.map((rule) => [DETAIL, rule]));
      const evidence = report.rules.find((r) => r.id === rules[0])!.evidence[0]!;
      expect(evidence.curl).toMatch(curl);
      expect(evidence.link).toMatch(/^#request-\d+$/);
      expect(run.output).toContain(`[${rules[0]}]`);
      expect(run.output).toContain(`A client of ${DETAIL} (GET `);
      expect(run.output).toMatch(/rule {6}openapi\/schedule-task\.yaml:\d+ {2}#\/components\/x-client-rules\//);
      expectNoSecrets(run, options[1] ?? 'none');
    });
  }

  test('finds a client that retries a throttled request without end not conformant, and stops it at --timeout', async () => {
    const run = await runClientCheck(['--scenario', 'overloaded', '--timeout', '9', ...sdkClient('retries-forever')]);

    const report = expectValidReport(run);
    expect(run.exitCode).toBe(1);
    expect(failedRulesByOperation(report)).toEqual([[DETAIL, 'retries-bounded']]);
    expect(report.run.exitCode).toBeNull();
    expect(report.problems).toEqual([expect.stringContaining('did not end by itself: stopped after the --timeout of 9 s')]);
  });
});

test.describe('npm run client-check, used wrongly or with a client that does nothing', () => {
  for (const [args, message] of [
    [['--nope', 'node', 'x.js'], 'unknown option --nope; see --help'],
    [['--scenario', 'stormy', 'node', 'x.js'], '--scenario "stormy" is unknown; it is one of none, throttled, unavailable, overloaded, slow, full-last-page'],
    [[], 'name the client to run, e.g. npm run client-check -- node my-client.js'],
    [['no-such-command-anywhere'], 'the command no-such-command-anywhere cannot be started: ENOENT'],
    [['--judge', '/nonexistent/recording.ndjson'], '/nonexistent/recording.ndjson: cannot read the recording (ENOENT)'],
  ] as const) {
    test(`stops with exit 2 and one message: ${message}`, async () => {
      const run = await runClientCheck(args);

      expect(run.exitCode).toBe(2);
      expect(run.output.trim().split('\n').at(-1)).toBe(`client-check cannot run: ${message}`);
      expect(run.output).not.toMatch(/^\s+at /m);
    });
  }

  test('says so, exit 1, when the client sends no request or its command fails', async () => {
    const silent = await runClientCheck([process.execPath, '-e', '']);
    const failing = await runClientCheck([process.execPath, '-e', 'process.exit(3)']);

    expect(silent.exitCode).toBe(1);
    expect(silent.output).toMatch(/The client sent no request to the mock at http:\/\/127\.0\.0\.1:\d+: does it read CONTRACT_BASE_URL/);
    expect(silent.report!.verdict).toBe('incomplete');
    expect(failing.exitCode).toBe(1);
    expect(failing.output).toContain("The client's command failed: it exited with code 3.");
  });
});

test('judges a client that ran elsewhere from the recording of npm run mock -- --record', async () => {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'recorded-')), 'elsewhere.ndjson');
  const mock = await startMockProcess(['--record', file, '--scenario', 'throttled']);
  const { spawnSync } = await import('node:child_process');
  const env = { PATH: process.env.PATH ?? '', ...clientEnvironment(mock.url, mock) };
  const client = spawnSync(sdkClient('correct')[0]!, sdkClient('correct').slice(1), { env, encoding: 'utf8' });
  await mock.stop();

  const run = await runClientCheck(['--judge', file]);

  expect(client.status, client.stderr).toBe(0);
  expect(run.exitCode, run.output).toBe(0);
  expect(expectValidReport(run)).toMatchObject({ verdict: 'conformant', target: { kind: 'client', scenario: { id: 'throttled' } } });
  expect(run.report!.target.command).toBeUndefined();
});

test('the client report reads right in Chromium, at 1280 px and at phone width', async () => {
  test.skip(!existsSync(CHROMIUM), 'Debian chromium is not installed (apt-get install -y chromium)');
  const run = await runClientCheck(['--scenario', 'throttled', ...sdkClient('ignores-retry-after')]);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  try {
    for (const width of [1280, 390]) {
      const page = await browser.newPage({ viewport: { width, height: 900 } });
      const requests: string[] = [];
      page.on('request', (request) => requests.push(request.url()));
      await page.goto(pathToFileURL(path.join(run.reportsDir, 'client-conformance.html')).href);

      await expect(page.locator('#verdict h1')).toHaveText(/Not conformant/);
      await expect(page.locator('#verdict .eyebrow')).toContainText('Conformance of a client of');
      await expect(page.locator('article.failed-rule[data-rule="retry-after-honoured"] .curl').first()).toContainText('curl -X GET');
      await expect(page.locator('#requests tbody tr')).toHaveCount(run.report!.requests!.length);
      await page.locator('article.failed-rule[data-rule="retry-after-honoured"] .evidence-test a').first().click();
      expect(page.url()).toMatch(/#request-\d+$/);
      const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
      expect(overflow, `the page scrolls sideways at ${width} px`).toBeLessThanOrEqual(0);
      await page.screenshot({ path: path.join(run.reportsDir, `client-conformance-${width}.png`), fullPage: false });
      expect(requests.filter((url) => !url.startsWith('file:'))).toEqual([]);
      await page.close();
    }
  } finally {
    await browser.close();
  }
  test.info().annotations.push({ type: 'screenshots', description: run.reportsDir });
});
