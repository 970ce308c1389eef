import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, expect, test } from '@playwright/test';
import { PROJECT_ROOT } from '../../src/spec/load-spec';
import type { ConformanceReport } from '../../src/report/conformance-model';
import { TOKEN_MUTATIONS } from '../../src/auth/credential-mutations';
import { buildDataset } from '../../src/mock/dataset';
import { loadContracts } from '../../src/contract';
import { reportProblems, validateReport } from '../support/report-schema';
import { runSuite } from '../support/run-suite';

/** Debian's Chromium (apt-get install -y chromium); Playwright's own browsers cannot be downloaded here. */
const CHROMIUM = '/usr/bin/chromium';

/** Runs the suite against the embedded mock with its usual reports written to a folder of its own. */
async function runWithReports(env: Record<string, string> = {}, args: string[] = []) {
  const reports = mkdtempSync(path.join(tmpdir(), 'conformance-'));
  // 10 random inputs a property: the report's assembly is what these tests judge, not the random tests.
  const run = await runSuite({ CONTRACT_REPORTS_DIR: reports, CONTRACT_FUZZ_RUNS: '10', ...env }, { jsonReport: false, args });
  const file = path.join(reports, 'conformance.json');
  const report = JSON.parse(readFileSync(file, 'utf8')) as ConformanceReport;
  expect(validateReport(report), JSON.stringify(validateReport.errors, null, 2)).toBe(true);
  expect(reportProblems(report)).toEqual([]);
  return { run, report, reports };
}

/** The operations of the spec, in its order: every run judges each. */
const OPERATIONS = loadContracts().all.map((c) => c.operation.operationId);
const [DETAIL, HISTORY] = OPERATIONS as [string, string];

const rule = (report: ConformanceReport, operation: string, id: string) => report.rules.find((r) => r.operation === operation && r.id === id)!;
/** The keys of the rules a deviation of the mock breaks in every operation: each operation's, in the spec's order. */
const inEvery = (...ids: string[]) => OPERATIONS.flatMap((operation) => ids.map((id) => `${operation}/${id}`));

test.describe('the conformance report', () => {
  test('says "conformant" for the correct mock, every rule of every operation exercised, in JSON valid against its documented schema', async () => {
    const { run, report } = await runWithReports();

    expect(run.exitCode, run.output.slice(-2000)).toBe(0);
    expect(report.verdict).toBe('conformant');
    expect(report.operations!.map((o) => [o.operation, o.verdict])).toEqual(OPERATIONS.map((operation) => [operation, 'conformant']));
    expect(report.rules.filter((r) => r.result !== 'passed').map((r) => `${r.key}: ${r.result} ${r.reason ?? ''}`)).toEqual([]);
    for (const operation of report.operations!) expect(operation.summary.rules, operation.operation).toBeGreaterThan(50);
    // A rule both operations share is judged in each, on its own tests.
    expect(rule(report, DETAIL, 'count-is-total').tests.length).toBeGreaterThan(0);
    expect(rule(report, HISTORY, 'count-is-total').tests.length).toBeGreaterThan(0);
    expect(rule(report, HISTORY, 'counts-match-subtasks').result).toBe('passed');
    expect(report.run.requests).toBeGreaterThan(100);
    expect(report.coverage.map((c) => c.operation)).toEqual(OPERATIONS);
    for (const coverage of report.coverage) {
      expect(coverage.statuses.filter((s) => s.documented && s.count === 0), coverage.operation).toEqual([]);
      // Every cell of the input matrix is judged on every run, whatever the random seed.
      expect(coverage.inputs!.filter((i) => i.count === 0), coverage.operation).toEqual([]);
      expect(coverage.inputs, coverage.operation).toContainEqual({ family: 'query-path-values', parameter: 'project_id', class: 'max+1', expected: ['400', '403', '404'], count: 1 });
    }
    expect(report.spec).toMatchObject({ file: 'openapi/schedule-task.yaml', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    for (const operation of OPERATIONS) expect(run.output).toMatch(new RegExp(`^  ${operation} \\(GET [^)]+\\): conformant \\(`, 'm'));
  });

  test('says "not conformant" for a broken mock, with the rule, where it is written and how to reproduce it', async () => {
    const { run, report, reports } = await runWithReports({ CONTRACT_MOCK_DEVIATION: 'limit-above-maximum-accepted' });

    expect(run.exitCode).toBe(1);
    expect(report.verdict).toBe('not-conformant');
    // 101 is accepted in every spelling and by every operation, so the matrix's percent-encoded cells fail with it.
    expect(report.rules.filter((r) => r.result === 'failed').map((r) => r.key)).toEqual(inEvery('limit-max+1', 'invalid-parameter', 'invalid-parameter:percent-encoded', 'invalid-parameter:query-escapes'));
    expect(report.operations!.map((o) => [o.operation, o.verdict])).toEqual(OPERATIONS.map((operation) => [operation, 'not-conformant']));
    expect(rule(report, HISTORY, 'limit-max+1').evidence[0]).toMatchObject({ operation: HISTORY, curl: expect.stringMatching(/\/execute-history\?limit=101' /) });
    const failed = rule(report, DETAIL, 'limit-max+1');
    expect(failed.location).toMatch(/^openapi\/schedule-task\.yaml:\d+$/);
    expect(failed.pointer).toBe('#/components/parameters/Limit/schema/maximum');
    expect(failed.evidence).toEqual([
      expect.objectContaining({
        operation: DETAIL,
        check: 'expected-status',
        expected: '400 (limit=101 is above maximum 100)',
        actual: '200 OK',
        curl: expect.stringMatching(/^curl -X GET 'http:\/\/127\.0\.0\.1:\d+\/v1\/\w+\/schedule-task\/[\w-]+\/execute-detail\?limit=101' -H 'X-Auth-Token: \[REDACTED\]'$/),
        link: expect.stringMatching(/^html\/index\.html#\?testId=/),
      }),
    ]);
    const junit = readFileSync(path.join(reports, 'junit.xml'), 'utf8');
    // A test's name in JUnit starts with its operation (after its project) and ends with the rules it exercises.
    for (const operation of OPERATIONS) expect(junit).toMatch(new RegExp(`<testcase name="\\[mock\\] ${operation} › [^"]*limit=101 \\(max\\+1\\) is answered 400 \\[limit-max\\+1\\]"`));
    // A broken contract is a test's failure, not an error of the suite; JUnit shows the line that stands alone.
    for (const operation of OPERATIONS) expect(junit).toMatch(new RegExp(`<failure message="${operation} \\(GET [^"]+\\) broke the contract: \\d+ violations?" type="expect.toConformToSpec">`));
    expect(junit).toMatch(/<testsuites [^>]*failures="[1-9]\d*"[^>]* errors="0"/);

    await test.step('and reads right in a real browser: the verdict, the matrix, the evidence', async () => {
      test.skip(!existsSync(CHROMIUM), 'Debian chromium is not installed (apt-get install -y chromium)');
      const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
      try {
        const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
        const requested: string[] = [];
        page.on('request', (request) => requested.push(request.url()));

        await page.goto(pathToFileURL(path.join(reports, 'conformance.html')).href);

        await expect(page.locator('#verdict')).toHaveAttribute('data-verdict', 'not-conformant');
        await expect(page.locator('#verdict')).toContainText('Not conformant');
        await expect(page.locator('#rules tr[data-rule]')).toHaveCount(report.rules.length);
        await expect(page.locator('#rules tr[data-result="failed"]')).toHaveCount(8);
        await expect(page.locator('#rules tr[data-result="failed"]').first()).toHaveAttribute('data-rule', 'limit-max+1');
        for (const operation of OPERATIONS) await expect(page.locator(`#operation-${operation} tr[data-result="failed"]`)).toHaveCount(4);
        await expect(page.locator('#verdict .operation-verdict')).toHaveCount(OPERATIONS.length);
        const evidence = page.locator('#failed-rules');
        await expect(evidence).toContainText('400 (limit=101 is above maximum 100)');
        await expect(evidence).toContainText(/curl -X GET 'http:\/\/127\.0\.0\.1:\d+\/v1\/.*\?limit=101' -H 'X-Auth-Token: \[REDACTED\]'/);
        await expect(evidence).toContainText('openapi/schedule-task.yaml:');
        expect(requested.every((url) => url.startsWith('file:')), requested.join('\n')).toBe(true);
        mkdirSync(path.join(PROJECT_ROOT, 'reports'), { recursive: true });
        await page.screenshot({ path: path.join(PROJECT_ROOT, 'reports', 'conformance-broken-run.png') });
      } finally {
        await browser.close();
      }
    });
  });

  test('with the huawei-apigw preset, shows a gateway answering 404 to other methods as waived, and the run passes', async () => {
    const { run, report } = await runWithReports({ CONTRACT_MOCK_DEVIATION: 'wrong-method-not-found', CONTRACT_PRESETS: 'huawei-apigw' }, ['--grep', '@status']);

    expect(run.exitCode, run.output.slice(-2000)).toBe(0);
    // The preset's waivers name no operation: they cover the rule in each.
    for (const operation of OPERATIONS) expect(rule(report, operation, 'method-not-allowed'), operation).toMatchObject({ result: 'waived', reason: expect.stringContaining('404 APIGW.0101') });
    expect(report.waivers).toEqual([
      expect.objectContaining({ rule: 'method-not-allowed', state: 'applied', source: 'openapi/presets/huawei-apigw.yaml' }),
      expect.objectContaining({ rule: 'schema-401', at: 'body.error_msg', state: 'stale' }),
    ]);
  });

  test("with the huawei-apigw preset, waives only the gateway's long error_msg of a bad signature's 401, nothing else of the 401", async () => {
    const deviation = 'signature-error-quotes-canonical-request';
    // The authentication tests: every failure of a signature, in each operation (not the families' cells).
    const auth = ['--grep', '@auth', '--grep-invert', '@inputs'];
    const without = await runWithReports({ CONTRACT_MOCK_DEVIATION: deviation }, auth);
    expect(without.run.exitCode, 'the gateway deviation fails the run without the preset').toBe(1);
    expect(rule(without.report, DETAIL, 'schema-401').evidence[0]).toMatchObject({ at: 'body.error_msg', expected: expect.stringContaining('255') });

    const { run, report } = await runWithReports({ CONTRACT_MOCK_DEVIATION: deviation, CONTRACT_PRESETS: 'huawei-apigw' }, auth);

    expect(run.exitCode, run.output.slice(-2000)).toBe(0);
    for (const operation of OPERATIONS) expect(rule(report, operation, 'schema-401'), operation).toMatchObject({ result: 'waived', reason: expect.stringContaining('quotes the canonical request') });
    expect(report.waivers).toContainEqual(expect.objectContaining({ rule: 'schema-401', at: 'body.error_msg', state: 'applied' }));

    const other = await runWithReports({ CONTRACT_MOCK_DEVIATION: 'error-without-code', CONTRACT_PRESETS: 'huawei-apigw' }, auth);
    expect(other.run.exitCode, 'another fault of the 401 body is still judged').toBe(1);
    for (const operation of OPERATIONS) expect(rule(other.report, operation, 'schema-401').result, operation).toBe('failed');
  });

  test('is not written by a listing of the tests (--list), which judges nothing', async () => {
    const reports = mkdtempSync(path.join(tmpdir(), 'conformance-'));
    const run = await runSuite({ CONTRACT_REPORTS_DIR: reports }, { jsonReport: false, args: ['--list'] });

    expect(run.exitCode, run.output.slice(-1000)).toBe(0);
    expect(run.output).toMatch(/Total: \d+ tests? in \d+ files?/);
    expect(existsSync(path.join(reports, 'conformance.json'))).toBe(false);
  });

  test('fails the run on an expired waiver and reports one that matches no failure as stale', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'waivers-')), 'waivers.yaml');
    writeFileSync(
      file,
      [
        'waivers:',
        '  - { rule: end-after-begin, reason: old ticket, owner: team-a, expires: 2020-01-31 }',
        `  - { rule: owner-matches-path, operation: ${HISTORY}, reason: never needed, owner: team-b, expires: 2099-12-31 }`,
      ].join('\n'),
    );

    const { run, report } = await runWithReports({ CONTRACT_WAIVERS: file }, ['--grep', '@semantics']);

    expect(run.exitCode).toBe(1);
    expect(run.output).toContain('The waiver of rule end-after-begin in');
    expect(report.problems).toEqual([expect.stringMatching(/waiver of rule end-after-begin .* expired on 2020-01-31/)]);
    expect(report.waivers.map((w) => [w.rule, w.operation, w.state])).toEqual([['end-after-begin', undefined, 'expired'], ['owner-matches-path', HISTORY, 'stale']]);
  });

  test('refuses a waiver that names no rule of the contract, or an operation the spec lacks, before any test runs', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'waivers-')), 'waivers.yaml');
    writeFileSync(
      file,
      [
        'waivers:',
        '  - { rule: no-such-rule, reason: r, owner: o, expires: 2099-01-01 }',
        '  - { rule: count-is-total, operation: ListTasks, reason: r, owner: o, expires: 2099-01-01 }',
        `  - { rule: unknown-record, operation: ${HISTORY}, reason: r, owner: o, expires: 2099-01-01 }`,
      ].join('\n'),
    );

    const run = await runSuite({ CONTRACT_WAIVERS: file });

    expect(run.exitCode).toBe(2);
    expect(run.output).toMatch(/The waivers have 3 problems:/);
    expect(run.output).toMatch(/waivers\[0\]: no rule "no-such-rule" in the contract/);
    expect(run.output).toMatch(/waivers\[1\]: no operation "ListTasks" in the spec/);
    expect(run.output).toMatch(new RegExp(`waivers\\[2\\]: operation ${HISTORY} has no rule "unknown-record" \\(${DETAIL} has it\\)`));
    expect(run.output).not.toMatch(/^\s+at /m);
  });

  test('comes out the same from a run in two shards merged with merge-reports, timings aside', async () => {
    const deviation = 'count-as-string';
    const blobs = mkdtempSync(path.join(tmpdir(), 'blobs-'));
    // A part of the suite keeps it quick; the merge does not care which tests ran.
    const part = ['--grep', '@semantics|status codes'];
    const whole = await runWithReports({ CONTRACT_MOCK_DEVIATION: deviation }, part);
    // Each shard as a CI machine runs it: its own blob folder, collected in one place for merging.
    for (const shard of [1, 2]) {
      const own = mkdtempSync(path.join(tmpdir(), `shard-${shard}-`));
      await runSuite({ CONTRACT_MOCK_DEVIATION: deviation, PLAYWRIGHT_BLOB_OUTPUT_DIR: own }, { jsonReport: false, args: [...part, `--shard=${shard}/2`, '--reporter=blob'] });
      for (const file of readdirSync(own)) copyFileSync(path.join(own, file), path.join(blobs, file));
    }
    expect(readdirSync(blobs)).toHaveLength(2);
    const merged = mkdtempSync(path.join(tmpdir(), 'merged-'));

    const merge = await runSuite({ CONTRACT_REPORTS_DIR: merged }, { jsonReport: false, command: 'merge-reports', args: [blobs] });

    expect(merge.exitCode, merge.output.slice(-2000)).toBe(0);
    const fromShards = JSON.parse(readFileSync(path.join(merged, 'conformance.json'), 'utf8')) as ConformanceReport;
    // What differs between any two runs: timings, and in evidence the mock's port, request ids and response times.
    const withoutTimings = (report: ConformanceReport) =>
      JSON.parse(
        JSON.stringify({ ...report, run: { ...report.run, startedAt: 'x', durationMs: 0 } })
          .replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:PORT')
          .replace(/X-Request-Id [0-9a-f]{32}/g, 'X-Request-Id ID')
          .replace(/ \d+ ms /g, ' N ms '),
      ) as unknown;
    expect(withoutTimings(fromShards)).toEqual(withoutTimings(whole.report));
    expect(fromShards.verdict).toBe('not-conformant');
  });
});

test.describe('credentials quoted by the service', () => {
  test('never reach a report, a log or an attachment, derived ones included, even when every 401 fails', async () => {
    const { facts } = buildDataset({ seed: 1 });
    const derived = TOKEN_MUTATIONS.map((m) => m.apply(facts.token)).filter((t) => t.length > 8);
    // The service quotes the token in its 401 and 403 messages, and every error body breaks the
    // contract, so each of those answers is shown in full as evidence.
    const { run, reports } = await runWithReports({ CONTRACT_MOCK_VARIANTS: 'error-quotes-credential', CONTRACT_MOCK_DEVIATION: 'error-code-too-long' }, ['tests/conformance/input-matrix.spec.ts']);

    expect(run.exitCode).toBe(1);
    const written = [run.output, ...filesUnder(reports).map((file) => readFileSync(file, 'utf8'))].join('\n');
    expect(written).toContain('(X-Auth-Token: [REDACTED])');
    for (const secret of [facts.token, facts.otherProjectToken, ...derived]) expect(written.includes(secret), `a report holds ${secret.slice(0, 6)}...`).toBe(false);
  });
});

function filesUnder(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(directory, entry.name);
    return entry.isDirectory() ? filesUnder(full) : /\.(png|zip|webm)$/.test(entry.name) ? [] : [full];
  });
}
