import { chromium, expect, test } from '@playwright/test';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ConformanceReport, RuleResult } from '../../src/report/conformance-model';
import { renderConformanceHtml } from '../../src/report/conformance-html';

const CHROMIUM = '/usr/bin/chromium';
const REPORTS = resolve(__dirname, '../../reports');
const HOSTILE_BODY = '{\n  "error_code": "WKS.0001",\n  "error_msg": "<script>alert(1)</script> & more"\n}';
const CURL =
  "curl -X GET 'http://127.0.0.1:34197/v1/8ff4…/schedule-task/eb2a…/execute-detail?limit=101&offset=0' -H 'X-Auth-Token: [REDACTED]'";

const DETAIL = 'ListTaskExecuteDetail';
const HISTORY = 'ListTaskExecuteHistory';

function rule(id: string, group: RuleResult['group'], result: RuleResult['result'], extra: Partial<RuleResult> = {}, operation = DETAIL): RuleResult {
  return {
    id,
    operation,
    key: `${operation}/${id}`,
    group,
    title: `The ${id} rule holds`,
    pointer: `#/paths/~1v1~1{project_id}~1schedule-task~1{execute_history_id}~1execute-detail/get/x-contract-rules/${id}`,
    location: 'openapi/schedule-task.yaml:142',
    result,
    tests: [{ title: `${id} › is checked`, status: result === 'failed' ? 'failed' : result === 'not-exercised' ? 'skipped' : 'passed', link: `html/index.html#?testId=${id}` }],
    evidence: [],
    ...extra,
  };
}

const RULES: RuleResult[] = [
  rule('status-200', 'status', 'passed', { title: 'A valid request is answered 200 with its documented body' }),
  rule('status-500', 'status', 'not-exercised', {
    title: 'A server error is answered 500 with an ErrorResp body',
    reason: 'Nothing can force a 500 on a live service.',
    tests: [],
  }),
  rule('limit-max+1', 'parameter', 'failed', {
    title: 'limit above its maximum (101) is answered 400',
    pointer: '#/components/parameters/Limit/schema/maximum',
    location: 'openapi/schedule-task.yaml:229',
    tests: [
      { title: 'parameters › limit › max+1 (101) → 400', status: 'failed', link: 'html/index.html#?testId=abc123' },
      { title: 'parameters › limit › max+1 with offset → 400', status: 'failed', link: 'html/index.html#?testId=abc124' },
    ],
    evidence: [
      {
        test: 'parameters › limit › max+1 (101) → 400',
        link: 'html/index.html#?testId=abc123',
        operation: DETAIL,
        check: 'expected-status',
        title: 'Unexpected HTTP status code',
        at: 'status',
        expected: '400 (limit=101 is above maximum 100)',
        actual: '200 OK',
        curl: CURL,
        response: `200 OK  application/json  16 ms\n${HOSTILE_BODY}`,
      },
    ],
  }),
  rule('limit-min', 'parameter', 'passed'),
  rule('schema-200', 'schema', 'passed', { pointer: '#/components/schemas/ListTaskExecuteDetailResponse', location: 'openapi/schedule-task.yaml:301' }),
  rule('x-request-id', 'headers', 'waived', {
    reason: 'The gateway drops X-Request-Id on 405 until GW-2231 ships.',
    evidence: [
      {
        test: 'methods › DELETE → 405',
        link: 'html/index.html#?testId=del405',
        operation: DETAIL,
        check: 'response-headers-conformance',
        title: 'Missing response header',
        at: 'header X-Request-Id',
        expected: 'present',
        actual: 'absent',
        curl: "curl -X DELETE 'http://127.0.0.1:34197/v1/8ff4…/schedule-task/eb2a…/execute-detail' -H 'X-Auth-Token: [REDACTED]'",
        response: '405 Method Not Allowed',
      },
    ],
  }),
  rule('page-length', 'invariant', 'passed'),
  rule('unauthenticated:tampered-signature', 'auth', 'passed', { title: 'A tampered AK/SK signature is answered 401' }),
  // The second operation: a rule both share (its own row) and one of its own.
  rule('page-length', 'invariant', 'passed', {}, HISTORY),
  rule('counts-match-subtasks', 'invariant', 'passed', { title: "An execution's counts sum up its subtasks" }, HISTORY),
];

const summary = (rules: number, passed: number, failed: number, notExercised: number, waived: number) => ({ rules, passed, failed, notExercised, waived, warnings: 0, notApplicable: 0 });

const FOUND = ['execute_history_id eb2a…: the newest execution of task 1a2b… with subtasks (150)', 'empty execute_history_id 0c9d…: an execution of task 1a2b… without subtasks <none>'];

function coverage(operation: string) {
  return {
    operation,

    statuses: [
      { status: '200', documented: true, count: 214 },
      { status: '400', documented: true, count: 36 },
      { status: '500', documented: true, count: 0 },
      { status: '418', documented: false, count: 1 },
    ],
    boundaries: [
      { parameter: 'limit', edge: 'max', value: '100', exercised: true },
      { parameter: 'limit', edge: 'max+1', value: '101', exercised: true },
      { parameter: 'offset', edge: 'max+1', value: '2147483648', exercised: false },
    ],
    properties: [
      { path: 'count', observed: true },
      { path: 'items[].id', observed: true },
      { path: 'items[].status', observed: true },
      { path: 'items[].result_code', observed: false },
    ],
    enums: [
      {
        path: 'items[].status',
        values: [
          { value: 'WAITING', count: 3 },
          { value: 'RUNNING', count: 12 },
          { value: 'SUCCESS', count: 180 },
          { value: 'FAILED', count: 0 },
        ],
      },
    ],
    unknownProperties: [{ path: 'items[].trace_id', count: 14 }],
    unknownEnumValues: [{ path: 'items[].status', value: 'PAUSED', count: 2 }],
    inputs: [
      { family: 'query-path-values', parameter: 'limit', class: 'percent-encoded:max+1', expected: ['400'], count: 1 },
      { family: 'query-path-values', parameter: 'project_id', class: 'max+1', expected: ['400', '403', '404'], count: 0 },
    ],
  };
}

const REPORT: ConformanceReport = {
  schemaVersion: 2,
  verdict: 'not-conformant',
  summary: summary(10, 7, 1, 1, 1),
  target: { kind: 'live', baseUrl: 'https://workspace.example', projectId: '8ff4…c0de' },
  spec: {
    file: 'openapi/schedule-task.yaml',
    title: 'Workspace App scheduled-task lists',
    version: '1.0.0',
    sha256: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
  },
  suite: { name: 'list-task-execute-detail-contract', version: '0.1.0' },
  run: { startedAt: '2025-01-14T09:30:12.345Z', durationMs: 83_400, requests: 412, tests: { passed: 60, failed: 2, skipped: 3 } },
  operations: [
    { operation: DETAIL, method: 'GET', path: '/v1/{project_id}/schedule-task/{execute_history_id}/execute-detail', verdict: 'not-conformant', summary: summary(8, 5, 1, 1, 1) },
    { operation: HISTORY, method: 'GET', path: '/v1/{project_id}/schedule-task/{task_id}/execute-history', verdict: 'conformant', summary: summary(2, 2, 0, 0, 0) },
  ],
  rules: RULES,
  coverage: [coverage(DETAIL), coverage(HISTORY)],
  targets: [{ name: 'live', verdict: 'not-conformant', summary: summary(10, 7, 1, 1, 1), target: { kind: 'live', baseUrl: 'https://workspace.example', projectId: '8ff4…c0de' }, found: FOUND }],
  waivers: [
    { rule: 'x-request-id', operation: DETAIL, reason: 'GW-2231: the gateway drops X-Request-Id on 405', owner: 'gateway-team', expires: '2025-03-31', source: 'waivers.yaml:3', state: 'applied' },
    { rule: 'status-503', reason: 'Old 503 flakiness <fixed?>', owner: 'sre & ops', expires: '2025-02-01', source: 'waivers.yaml:9', state: 'stale' },
  ],
  problems: ['Waiver for status-503 (waivers.yaml:9) matches no failure: remove it.'],
};

const html = renderConformanceHtml(REPORT);

test.describe('the conformance HTML report', () => {
  test('is self-contained: no external stylesheet, script, import or absolute link', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).not.toMatch(/<link\b/i);
    expect(html).not.toMatch(/<script\b[^>]*\bsrc=/i);
    expect(html).not.toMatch(/@import/i);
    expect(html).not.toMatch(/url\(\s*['"]?\s*(https?:)?\/\//i);
    expect(html).not.toMatch(/\b(src|href|action|poster)\s*=\s*["']?\s*(https?:)?\/\//i);
    for (const [, href] of html.matchAll(/\bhref="([^"]*)"/g)) expect(href).toMatch(/^(#|html\/index\.html#)/);
  });

  test('escapes everything that comes from the report', () => {
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; more');
    expect(html).toContain('limit=101&amp;offset=0');
    expect(html).toContain('Old 503 flakiness &lt;fixed?&gt;');
    expect(html).toContain('sre &amp; ops');
    expect(html).toContain('&quot;error_code&quot;');
    expect(html).not.toMatch(/<script\b/i);
  });

  test('links only to relative targets, never to a scheme such as javascript:', () => {
    const hostile = renderConformanceHtml({
      ...REPORT,
      rules: [rule('evil', 'status', 'passed', { tests: [{ title: 'x', status: 'passed', link: ' JaVa\tScript:alert(1)' }] })],
    });
    expect(hostile).not.toMatch(/href="[^"#]*script:/i);
    expect(hostile).toContain('<li>x <span');
  });

  test('lists the input classes judged, with the statuses the spec allows and how often', () => {
    expect(html).toContain('<tr class="family"><th scope="rowgroup" colspan="4">query-path-values</th></tr>');
    expect(html).toContain('data-input="limit percent-encoded:max+1"><td><code>limit</code></td><td>percent-encoded:max+1</td><td>400</td><td class="num">1</td>');
    expect(html).toContain('<tr class="never-seen" data-input="project_id max+1"><td><code>project_id</code></td><td>max+1</td><td>400 or 403 or 404</td><td class="num"><span class="text-warn">never</span></td>');
  });

  test('gives every rule row a fragment-safe id unique across operations, and its result', () => {
    expect(html).toContain(`id="rule-${DETAIL}_limit-max_1" class="rule rule-failed" data-result="failed" data-rule="limit-max+1" data-operation="${DETAIL}"`);
    expect(html).toContain(`id="rule-${DETAIL}_unauthenticated_tampered-signature"`);
    expect(html).toContain(`id="rule-${DETAIL}_page-length"`);
    expect(html).toContain(`id="rule-${HISTORY}_page-length"`);
    const ids = [...html.matchAll(/\bid="([^"]+)"/g)].map(([, id]) => id);
    expect(ids.filter((id, index) => ids.indexOf(id) !== index)).toEqual([]);
  });

  test('has a section per operation, each with its verdict, and links to each from the verdict', () => {
    expect(html).toContain(`<section id="operation-${HISTORY}" class="operation" data-operation="${HISTORY}">`);
    expect(html).toMatch(new RegExp(`<li class="target-verdict operation-verdict verdict-conformant" data-operation="${HISTORY}" data-verdict="conformant"><a href="#operation-${HISTORY}">`));
    expect(html).toContain(`<div class="operation-part" id="coverage-${HISTORY}" data-operation="${HISTORY}">`);
    // A failed rule is shown under its operation, even when the other operation has none.
    expect(html).toContain(`<div class="operation-part" data-operation="${DETAIL}">\n<h3 class="operation-title"><code>${DETAIL}</code>`);
  });

  test('says which records the suite found on the target itself, and why', () => {
    expect(html).toContain('<th scope="row">Records found</th>');
    expect(html).toContain('without subtasks &lt;none&gt;</li>');
  });

  test.describe('in Chromium', () => {
    test.skip(!existsSync(CHROMIUM), 'Debian chromium is not installed (apt-get install -y chromium)');

    test('reads right, fits 1280 and 390 px, prints the evidence and loads nothing', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'conformance-html-'));
      const file = join(dir, 'conformance.html');
      writeFileSync(file, html);
      mkdirSync(REPORTS, { recursive: true });
      const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
      try {
        const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
        const requested: string[] = [];
        page.on('request', (request) => requested.push(request.url()));
        await page.goto(pathToFileURL(file).href);

        const verdict = page.locator('#verdict');
        await expect(verdict).toHaveAttribute('data-verdict', 'not-conformant');
        await expect(verdict.locator('.verdict-word')).toHaveText('Not conformant');
        await expect(verdict).toContainText('1 of 10 rules failed, and 1 rule was not exercised.');
        await expect(verdict.locator('.operation-verdict')).toHaveText([new RegExp(`${DETAIL}.*Not conformant`), new RegExp(`${HISTORY}.*Conformant`)]);

        const rows = page.locator('#rules tr[data-result]');
        await expect(rows).toHaveCount(RULES.length);
        for (const [index, expected] of RULES.entries()) {
          await expect(rows.nth(index)).toHaveAttribute('data-result', expected.result);
          await expect(rows.nth(index)).toHaveAttribute('data-rule', expected.id);
          await expect(rows.nth(index)).toHaveAttribute('data-operation', expected.operation);
        }
        await expect(page.locator(`#operation-${HISTORY} tr[data-rule]`)).toHaveCount(2);
        await expect(page.locator(`#rule-${DETAIL}_limit-max_1`)).toContainText('FAILED');
        await expect(page.locator(`#rule-${DETAIL}_status-500`)).toContainText('Not exercised: Nothing can force a 500 on a live service.');
        await expect(page.locator('#facts')).toContainText(FOUND[0]!);

        const evidence = page.locator(`#failed-rules #failed-${DETAIL}_limit-max_1`);
        await expect(evidence.locator('pre.curl')).toHaveText(CURL);
        await expect(evidence.locator('pre.response')).toContainText('"error_msg": "<script>alert(1)</script> & more"');
        await expect(evidence).toContainText('openapi/schedule-task.yaml:229');
        await expect(page.locator(`#coverage-${HISTORY}`)).toContainText('items[].result_code never seen');
        await expect(page.locator('#waivers tr[data-state="stale"]')).toContainText('status-503');

        for (const width of [1280, 390]) {
          await page.setViewportSize({ width, height: 900 });
          // A string: the project's tsconfig has no DOM lib.
          const [scrollWidth, innerWidth] = await page.evaluate<[number, number]>('[document.documentElement.scrollWidth, window.innerWidth]');
          expect(scrollWidth, `no horizontal overflow at ${width} px`).toBeLessThanOrEqual(innerWidth + 1);
          await page.screenshot({ path: join(REPORTS, `conformance-${width}.png`), fullPage: true });
        }

        await page.setViewportSize({ width: 1280, height: 900 });
        await page.emulateMedia({ media: 'print' });
        await expect(evidence.locator('pre.curl')).toBeVisible();
        await expect(evidence.locator('pre.response')).toBeVisible();
        await expect(page.locator(`#evidence-${DETAIL}_x-request-id pre.curl`)).toBeVisible();

        expect(requested.length).toBeGreaterThan(0);
        for (const url of requested) expect(url).toMatch(/^file:/);
      } finally {
        await browser.close();
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});
