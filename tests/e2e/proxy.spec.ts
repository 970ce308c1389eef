import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, expect } from '@playwright/test';
import { DETAIL, HISTORY } from '../../src/mock/dataset';
import type { ConformanceReport } from '../../src/report/conformance-model';
import { PROJECT_ROOT } from '../../src/spec/load-spec';
import { liveEnv, pageUrl, testWithMockProcesses as test, type MockProcess } from '../support/mock-process';
import { validateReport } from '../support/report-schema';
import { runClientCheck, sdkClient, type ClientCheckRun } from '../support/run-client-check';

const CHROMIUM = '/usr/bin/chromium';
const tokenClient = (limit: number) => [process.execPath, '--import', 'tsx', 'tests/clients/token-client.ts', String(limit)];

/** The verdict of each side, and the rules each broke (with their operation: byOperation). */
function sides(report: ConformanceReport) {
  const of = (name: string) => report.targets!.find((t) => t.name === name)!;
  const failing = (name: string) => report.rules.filter((r) => r.byTarget?.[name]?.result === 'failed');
  return {
    server: of('server').verdict,
    client: of('client').verdict,
    serverFailed: failing('server').map((r) => r.id),
    clientFailed: failing('client').map((r) => r.id),
    byOperation: { server: failing('server').map((r) => [r.operation, r.id]), client: failing('client').map((r) => [r.operation, r.id]) },
    sections: Object.fromEntries(report.operations!.map((o) => [o.operation, o.verdict])),
  };
}

/** A rule's row of one side and one operation. */
const ruleOf = (report: ConformanceReport, side: string, operation: string, id: string) => report.rules.find((r) => r.operation === operation && r.id === id && r.byTarget?.[side])!;

function expectProxyReport(run: ClientCheckRun, mock: MockProcess, recorded = ['proxy-recording.ndjson']): ConformanceReport {
  expect(run.proxyReport, run.output.slice(-3000)).toBeDefined();
  expect(validateReport(run.proxyReport), JSON.stringify(validateReport.errors, null, 2)).toBe(true);
  const files = readdirSync(run.reportsDir).map((file) => readFileSync(path.join(run.reportsDir, file), 'utf8'));
  for (const text of [run.output, ...files]) {
    for (const secret of [mock.facts.token, mock.facts.sk]) expect(text.includes(secret), 'a credential was written').toBe(false);
    expect(text).not.toMatch(/Signature=[0-9a-f]{16}/);
  }
  expect(readdirSync(run.reportsDir)).toEqual(expect.arrayContaining(['proxy-conformance.json', 'proxy-conformance.html', 'proxy-conformance.md', ...recorded]));
  return run.proxyReport!;
}

test.describe('npm run client-check --upstream: the recording proxy before a service run as its own process', () => {
  test('finds the official SDK core client (AK/SK, re-signed for the upstream) and the service both conformant, exit 0; its HAR, credentials redacted, judges alike', async ({ startMockProcess }) => {
    const mock = await startMockProcess([]);
    const har = path.join(mkdtempSync(path.join(tmpdir(), 'proxy-har-')), 'traffic.har');
    const run = await runClientCheck(['--upstream', mock.url, '--record', har, ...sdkClient('correct')], liveEnv(mock, 'aksk'));
    const again = await runClientCheck(['--judge', har], {}, 'src/proxy/cli.ts');

    const report = expectProxyReport(run, mock, []);
    expect(run.exitCode, run.output.slice(-3000)).toBe(0);
    expect(sides(report)).toMatchObject({ server: 'conformant', client: 'conformant' });
    expect(ruleOf(report, 'server', DETAIL, 'walk-complete').result).toBe('passed');
    expect(ruleOf(report, 'client', DETAIL, 'credentials-accepted').result).toBe('passed');
    // This client never lists a task's executions: that operation is not exercised, on either side.
    expect(sides(report).sections).toEqual({ [DETAIL]: 'conformant', [HISTORY]: 'incomplete' });
    expect(report.operations!.find((o) => o.operation === HISTORY)!.byTarget).toMatchObject({ server: { verdict: 'incomplete' }, client: { verdict: 'incomplete' } });
    expect(report.requests!.every((r) => r.status === 200)).toBe(true);
    const harText = readFileSync(har, 'utf8');
    expect(JSON.parse(harText)).toMatchObject({ log: { version: '1.2', entries: expect.any(Array) } });
    expect(harText).not.toContain(mock.facts.sk);
    expect(harText).not.toMatch(/Signature=[0-9a-f]{16}/);
    expect(again.exitCode, again.output.slice(-3000)).toBe(0);
    expect(again.proxyReport!.rules.map((r) => [r.operation, r.id, r.result])).toEqual(report.rules.map((r) => [r.operation, r.id, r.result]));
  });

  test("judges both operations of a client listing a task's executions and walking one execution's subtasks, both sides, and the counts of the execution against its subtasks once it stands still", async ({ startMockProcess }) => {
    const mock = await startMockProcess([]);
    const recorded = path.join(mkdtempSync(path.join(tmpdir(), 'proxy-task-')), 'task.ndjson');
    const run = await runClientCheck(['--upstream', mock.url, '--record', recorded, ...sdkClient('task')], liveEnv(mock, 'aksk'));

    const report = expectProxyReport(run, mock, []);
    expect(run.exitCode, run.output.slice(-3000)).toBe(0);
    expect(sides(report)).toMatchObject({ server: 'conformant', client: 'conformant', sections: { [DETAIL]: 'conformant', [HISTORY]: 'conformant' } });
    for (const operation of [DETAIL, HISTORY]) {
      expect(ruleOf(report, 'server', operation, 'walk-complete').result).toBe('passed');
      expect(ruleOf(report, 'client', operation, 'paging-advances').result).toBe('passed');
    }
    // The execution the client walked is the newest, still running: it moves on between the two lists on
    // a real service, so the traffic, which holds no second read of it, is no snapshot to judge it by.
    expect(ruleOf(report, 'server', HISTORY, 'counts-match-subtasks')).toMatchObject({ result: 'not-exercised', exercised: 0, reason: expect.stringMatching(/none of them status SUCCESS or FAILED nor read again unchanged/) });

    // The same traffic, the execution ended: judged, and conformant; then one subtask more than it has: not.
    const lines = readFileSync(recorded, 'utf8').trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, any>);
    const first = lines.find((line) => line.operationId === HISTORY)!;
    const judgeWith = async (name: string, change: (execution: Record<string, any>) => void) => {
      const changed = structuredClone(lines);
      const history = changed.find((line) => line.operationId === HISTORY)!;
      change(history.response.json.items[0]);
      history.response.text = JSON.stringify(history.response.json);
      const file = recorded.replace(/\.ndjson$/, `-${name}.ndjson`);
      writeFileSync(file, changed.map((line) => `${JSON.stringify(line)}\n`).join(''));
      return runClientCheck(['--judge', file], {}, 'src/proxy/cli.ts');
    };
    expect(first.response.json.items[0].status).toBe('RUNNING');
    const ended = await judgeWith('ended', (execution) => (execution.status = 'SUCCESS'));
    expect(ended.exitCode, ended.output.slice(-3000)).toBe(0);
    expect(ruleOf(ended.proxyReport!, 'server', HISTORY, 'counts-match-subtasks')).toMatchObject({ result: 'passed', exercised: 1 });

    // Still running, but read again unchanged after its subtasks: the two reads hold one snapshot.
    const seqs = lines.filter((line) => typeof line.seq === 'number').map((line) => line.seq as number);
    const readAgain = path.join(path.dirname(recorded), 'read-again.ndjson');
    writeFileSync(readAgain, [...lines, { ...first, seq: Math.max(...seqs) + 1 }].map((line) => `${JSON.stringify(line)}\n`).join(''));
    const reread = await runClientCheck(['--judge', readAgain], {}, 'src/proxy/cli.ts');
    expect(ruleOf(reread.proxyReport!, 'server', HISTORY, 'counts-match-subtasks')).toMatchObject({ result: 'passed', exercised: 1 });

    const again = await judgeWith('tampered', (execution) => Object.assign(execution, { status: 'SUCCESS', total_count: execution.total_count + 1 }));

    expect(again.exitCode, again.output.slice(-3000)).toBe(1);
    expect(sides(again.proxyReport!)).toMatchObject({ server: 'not-conformant', client: 'conformant', byOperation: { server: [[HISTORY, 'counts-match-subtasks']], client: [] } });
    expect(again.output).toContain(`The service of ${HISTORY}`);
    expect(again.output).toMatch(/at {8}body\.items\[0\]\.total_count/);
  });

  test("leaves the gateway's throttling (429 with Retry-After) to the client's side: a throttled service and a client that honours it are both conformant", async ({ startMockProcess }) => {
    // Requests 2, 5, 8 ... answered 429 APIGW.0308, as the API gateway throttles: not a status the operations document.
    const mock = await startMockProcess(['--scenario', 'throttled']);
    const run = await runClientCheck(['--upstream', mock.url, ...sdkClient('task')], liveEnv(mock, 'aksk'));

    const report = expectProxyReport(run, mock);
    expect(run.exitCode, run.output.slice(-3000)).toBe(0);
    expect(sides(report)).toMatchObject({ server: 'conformant', client: 'conformant', serverFailed: [], clientFailed: [] });
    expect(report.requests!.filter((r) => r.status === 429).length, 'the gateway throttled the client').toBeGreaterThan(0);
    for (const operation of [DETAIL, HISTORY]) expect(ruleOf(report, 'client', operation, 'retry-after-honoured').result).toBe('passed');
  });

  test("judges a HAR written by Playwright's recordHar (Chromium fetching through the proxy) on both sides", async ({ startMockProcess }) => {
    test.skip(!existsSync(CHROMIUM), 'Debian chromium is not installed (apt-get install -y chromium)');
    const mock = await startMockProcess([]);
    const har = path.join(mkdtempSync(path.join(tmpdir(), 'playwright-har-')), 'browser.har');
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
    try {
      // Only the API calls: the page load that gives the fetches an origin is the browser's, not the client's.
      const context = await browser.newContext({ recordHar: { path: har, urlFilter: /execute-detail/ } });
      const page = await context.newPage();
      await page.goto(`${mock.url}/`);
      await page.evaluate(async ({ url, token }) => {
        for (let offset = 0; ; ) {
          const { items } = (await (await fetch(`${url}?offset=${offset}&limit=100`, { headers: { 'X-Auth-Token': token } })).json()) as { items: unknown[] };
          if (items.length < 100) return;
          offset += items.length;
        }
      }, { url: pageUrl(mock), token: mock.facts.token });
      await context.close();
    } finally {
      await browser.close();
    }

    const run = await runClientCheck(['--judge', har], {}, 'src/proxy/cli.ts');

    const report = expectProxyReport(run, mock, []);
    expect(run.exitCode, run.output.slice(-3000)).toBe(0);
    expect(sides(report)).toMatchObject({ server: 'conformant', client: 'conformant' });
    expect(ruleOf(report, 'server', DETAIL, 'walk-complete').result).toBe('passed');
    expect(report.requests).toHaveLength(2);
  });

  test('finds a token client that stops at count after a full last page conformant on both sides', async ({ startMockProcess }) => {
    const mock = await startMockProcess(['--large-count', '200']);
    const run = await runClientCheck(['--upstream', mock.url, ...tokenClient(100)], liveEnv(mock, 'token'));

    const report = expectProxyReport(run, mock);
    expect(run.exitCode, run.output.slice(-3000)).toBe(0);
    expect(sides(report)).toMatchObject({ server: 'conformant', client: 'conformant' });
    expect(ruleOf(report, 'client', DETAIL, 'paging-stops').result).toBe('passed');
    expect(report.requests!.map((r) => r.target)).toHaveLength(2);
  });

  for (const [deviation, rule] of [['status-outside-enum', 'schema-200'], ['overlapping-pages', 'unique-ids'], ['page-in-latin1', 'json-text']] as const) {
    test(`names ${rule} on the server side of a service started with ${deviation}, and keeps the client conformant, exit 1`, async ({ startMockProcess }) => {
      const mock = await startMockProcess(['--deviation', deviation]);
      const run = await runClientCheck(['--upstream', mock.url, ...tokenClient(10)], liveEnv(mock, 'token'));

      const report = expectProxyReport(run, mock);
      expect(run.exitCode, run.output.slice(-3000)).toBe(1);
      expect(sides(report)).toMatchObject({ server: 'not-conformant', client: 'conformant', serverFailed: expect.arrayContaining([rule]), clientFailed: [] });
      expect(run.output).toContain('The service of ListTaskExecuteDetail');
    });
  }

  test('names paging-advances on the client side of a client that skips subtasks, and does not blame the service, exit 1', async ({ startMockProcess }) => {
    const mock = await startMockProcess([]);
    const run = await runClientCheck(['--upstream', mock.url, ...sdkClient('skipping-walk')], liveEnv(mock, 'aksk'));

    const report = expectProxyReport(run, mock);
    expect(run.exitCode, run.output.slice(-3000)).toBe(1);
    expect(sides(report)).toMatchObject({ server: 'conformant', client: 'not-conformant', clientFailed: ['paging-advances'], serverFailed: [] });
    expect(run.output).toMatch(/A client of ListTaskExecuteDetail[\s\S]*offset=110&limit=100'/);
  });

  test('judges a stale AK/SK signature on the client side and forwards it unchanged, so the service refuses it as it would, exit 1', async ({ startMockProcess }) => {
    const mock = await startMockProcess([]);
    const run = await runClientCheck(['--upstream', mock.url, ...sdkClient('stale-signature')], liveEnv(mock, 'aksk'));

    const report = expectProxyReport(run, mock);
    expect(run.exitCode, run.output.slice(-3000)).toBe(1);
    expect(sides(report)).toMatchObject({ client: 'not-conformant', clientFailed: ['credentials-accepted'], serverFailed: [] });
    expect(ruleOf(report, 'client', DETAIL, 'credentials-accepted').evidence[0]!.title).toContain('(stale-signature)');
    expect(report.requests).toEqual([expect.objectContaining({ status: 401, notes: ['credentials refused (stale-signature)'] })]);
  });

  test('npm run proxy prints the address to give the client, forwards until SIGTERM, then writes the reports and exits 0', async ({ startMockProcess }) => {
    const mock = await startMockProcess([]);
    const reportsDir = mkdtempSync(path.join(tmpdir(), 'proxy-cli-'));
    const proxy = spawn(process.execPath, ['--import', 'tsx', 'src/proxy/cli.ts', '--upstream', mock.url, '--port', '0'], {
      cwd: PROJECT_ROOT,
      env: { PATH: process.env.PATH ?? '', CONTRACT_ENV_FILE: path.join(reportsDir, 'no.env'), CONTRACT_REPORTS_DIR: reportsDir, ...liveEnv(mock, 'token') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    proxy.stderr.on('data', (chunk) => (output += chunk));
    const exited = new Promise<number | null>((resolve) => proxy.on('close', resolve));
    const address = await new Promise<string>((resolve) => {
      proxy.stdout.on('data', (chunk) => {
        output += chunk;
        const url = /point the client at (http:\/\/\S+)/.exec(output)?.[1];
        if (url) resolve(url);
      });
    });

    const answer = await fetch(pageUrl({ ...mock, url: address }, '?limit=10'), { headers: { 'X-Auth-Token': mock.facts.token } });
    await answer.arrayBuffer();
    proxy.kill('SIGTERM');

    expect(answer.status).toBe(200);
    expect(await exited, output).toBe(0);
    expect(output).toMatch(/Proxy conformance: conformant \(1 requests\)/);
    expect(output).not.toContain(mock.facts.token);
    expect(JSON.parse(readFileSync(path.join(reportsDir, 'proxy-conformance.json'), 'utf8'))).toMatchObject({ target: { kind: 'proxy' }, run: { requests: 1 } });
  });

  test('stops at start with one message and exit 2 on an unreachable upstream, a bad URL or missing credentials', async ({ startMockProcess }) => {
    const mock = await startMockProcess([]);
    const { HUAWEICLOUD_SDK_SK: _sk, ...halfAksk } = liveEnv(mock, 'aksk');
    const runs = await Promise.all([
      runClientCheck(['--upstream', 'http://127.0.0.1:9', ...tokenClient(10)], liveEnv(mock, 'token')),
      runClientCheck(['--upstream', 'ftp://example.com', ...tokenClient(10)], liveEnv(mock, 'token')),
      runClientCheck(['--upstream', mock.url, ...tokenClient(10)], halfAksk),
    ]);

    for (const run of runs) {
      expect(run.exitCode, run.output).toBe(2);
      expect(run.output).not.toMatch(/\n\s+at /);
    }
    expect(runs[0]!.output).toMatch(/cannot run: the upstream http:\/\/127\.0\.0\.1:9\/ cannot be reached: ECONNREFUSED/);
    expect(runs[1]!.output).toMatch(/--upstream must be http\(s\)/);
    expect(runs[2]!.output).toMatch(/HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK go together/);
  });
});
