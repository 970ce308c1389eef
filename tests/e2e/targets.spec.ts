import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from '@playwright/test';
import type { ConformanceReport } from '../../src/report/conformance-model';
import { validateReport } from '../support/report-schema';
import { testWithMockProcesses as test, type MockProcess } from '../support/mock-process';
import { runSuite } from '../support/run-suite';


/** A targets file as a release manager writes it: the ids in the file, every secret a ${VARIABLE} of `env`. */
function targetsFile(targets: readonly [name: string, mock: Pick<MockProcess, 'url' | 'facts'>][], env: Record<string, string>): string {
  const lines = ['# pre-production of release 7', 'targets:'];
  for (const [name, { url, facts }] of targets) {
    const variable = name.toUpperCase().replace(/-/g, '_');
    lines.push(
      `  - name: ${name}`,
      `    CONTRACT_BASE_URL: ${url}`,
      `    CONTRACT_PROJECT_ID: "${facts.projectId}"`,
      `    CONTRACT_EXECUTE_HISTORY_ID: ${facts.executeHistoryId}`,
      `    CONTRACT_EMPTY_EXECUTE_HISTORY_ID: ${facts.emptyExecuteHistoryId}`,
      `    CONTRACT_OTHER_PROJECT_ID: "${facts.otherProjectId}"`,
      `    CONTRACT_OTHER_PROJECT_EXECUTE_HISTORY_ID: ${facts.otherProjectExecuteHistoryId}`,
      `    CONTRACT_TASK_ID: ${facts.taskId}`,
      `    CONTRACT_EMPTY_TASK_ID: ${facts.emptyTaskId}`,
      `    CONTRACT_OTHER_PROJECT_TASK_ID: ${facts.otherProjectTaskId}`,
      `    CONTRACT_AUTH_TOKEN: \${${variable}_TOKEN}`,
      `    CONTRACT_FORBIDDEN_TOKEN: \${${variable}_FORBIDDEN_TOKEN}`,
      `    CONTRACT_OTHER_PROJECT_TOKEN: \${${variable}_OTHER_TOKEN}`,
      `    HUAWEICLOUD_SDK_AK: \${${variable}_AK}`,
      `    HUAWEICLOUD_SDK_SK: \${${variable}_SK}`,
    );
    Object.assign(env, { [`${variable}_TOKEN`]: facts.token, [`${variable}_FORBIDDEN_TOKEN`]: facts.forbiddenToken, [`${variable}_OTHER_TOKEN`]: facts.otherProjectToken, [`${variable}_AK`]: facts.ak, [`${variable}_SK`]: facts.sk });
  }
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'targets-')), 'targets.yaml');
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

async function runTargets(file: string, env: Record<string, string>) {
  const reports = mkdtempSync(path.join(tmpdir(), 'targets-reports-'));
  // One request in flight a target: a worker each (of 3 targets, three, not twelve), on the project tests' two cores.
  const run = await runSuite({ ...env, CONTRACT_TARGET: 'live', CONTRACT_TARGETS: file, CONTRACT_REPORTS_DIR: reports, CONTRACT_CONCURRENCY: '1' }, { jsonReport: false, args: ['--grep-invert', '@fuzz'] });
  expect(existsSync(path.join(reports, 'conformance.json')), run.output.slice(-2000)).toBe(true);
  const report = JSON.parse(readFileSync(path.join(reports, 'conformance.json'), 'utf8')) as ConformanceReport;
  expect(validateReport(report), JSON.stringify(validateReport.errors, null, 2)).toBe(true);
  return { run, report, reports };
}

test.describe('every target of a release in one run (CONTRACT_TARGETS)', () => {
  test.setTimeout(240_000);

  test('one report with a verdict per target, the worst exit code, and the regressions since a baseline', async ({ startMockProcess }) => {
    const [north, south, southBroken] = await Promise.all([
      startMockProcess(['--seed', '11']),
      startMockProcess(['--seed', '12']),
      startMockProcess(['--seed', '12', '--deviation', 'limit-above-maximum-accepted']),
    ]);
    const baselineEnv: Record<string, string> = {};
    const before = await runTargets(targetsFile([['cn-north-4-preprod', north], ['cn-south-1-preprod', south]], baselineEnv), baselineEnv);
    expect(before.run.exitCode, before.run.output.slice(-2000)).toBe(0);
    expect(before.report.targets!.map((t) => [t.name, t.verdict])).toEqual([['cn-north-4-preprod', 'conformant'], ['cn-south-1-preprod', 'conformant']]);
    const baseline = path.join(before.reports, 'conformance.json');

    // The release: south now broken, and a new region that is not reachable (nothing listens there).
    const env: Record<string, string> = { CONTRACT_BASELINE: baseline, CONTRACT_TIMEOUT_MS: '2000' };
    const file = targetsFile([['cn-north-4-preprod', north], ['cn-south-1-preprod', southBroken], ['la-south-2-preprod', { url: 'http://127.0.0.1:1', facts: north.facts }]], env);
    const { run, report, reports } = await runTargets(file, env);

    expect(run.exitCode, 'an unreachable target is the worst outcome: the run could not judge it').toBe(2);
    expect(report.verdict).toBe('not-conformant');
    expect(report.targets!.map((t) => [t.name, t.verdict, t.summary.regressions])).toEqual([
      ['cn-north-4-preprod', 'conformant', 0],
      // The fault breaks the bound however it is spelled: limit-max+1 and invalid-parameter with its percent-encoded
      // case, and its case of near-encodings (the name limit percent-encoded, with 101): in each of the two operations.
      ['cn-south-1-preprod', 'not-conformant', 8],
      ['la-south-2-preprod', 'incomplete', undefined],
    ]);
    expect(report.targets![2]!.stopped).toMatch(/The live target la-south-2-preprod http:\/\/127\.0\.0\.1:1 \(CONTRACT_BASE_URL\) is unreachable/);
    expect(run.output.match(/la-south-2-preprod http:\/\/127\.0\.0\.1:1 \(CONTRACT_BASE_URL\) is unreachable/g), 'one message for the unreachable target').toHaveLength(1);
    const failed = report.rules.find((r) => r.key === 'ListTaskExecuteDetail/limit-max+1')!;
    expect(failed).toMatchObject({ result: 'failed', change: 'regression' });
    expect(failed.byTarget).toEqual({
      'cn-north-4-preprod': { result: 'passed', change: 'unchanged' },
      'cn-south-1-preprod': { result: 'failed', change: 'regression' },
      'la-south-2-preprod': { result: 'not-exercised', reason: expect.stringContaining('could not reach this target') },
    });
    expect(failed.evidence).toEqual([expect.objectContaining({ target: 'cn-south-1-preprod', expected: '400 (limit=101 is above maximum 100)' })]);
    const regressed = ['limit-max+1', 'invalid-parameter', 'invalid-parameter:percent-encoded', 'invalid-parameter:query-escapes'];
    const operations = [...new Set(report.rules.map((r) => r.operation))];
    expect(report.summary.regressions).toBe(regressed.length * operations.length);
    expect(report.rules.filter((r) => r.change === 'regression').map((r) => r.key)).toEqual(operations.flatMap((operation) => regressed.map((id) => `${operation}/${id}`)));
    expect(report.problems).toEqual([expect.stringMatching(/^Target la-south-2-preprod could not be reached/), 'Target la-south-2-preprod is not in the baseline; its rules carry no change.']);
    expect(run.output).toMatch(new RegExp(`Conformance: not-conformant, ${regressed.length * operations.length} regressions since the baseline`));
    expect(run.output).toMatch(new RegExp(`  cn-south-1-preprod: not-conformant, ${regressed.length * operations.length} regressions since the baseline`));

    const junit = readFileSync(path.join(reports, 'junit.xml'), 'utf8');
    const names = [...junit.matchAll(/<testcase name="([^"]*)"/g)].map((m) => m[1]!);
    const perTarget = ['cn-north-4', 'cn-south-1', 'la-south-2'].map((name) => names.filter((test) => test.startsWith(`[${name}-preprod] `)).length);
    expect(perTarget[0], 'every target runs the whole suite').toBeGreaterThan(30);
    expect(new Set(perTarget).size, `tests per target: ${perTarget.join(', ')}`).toBe(1);
    expect(names.filter((name) => !/^\[(cn-north-4|cn-south-1|la-south-2)-preprod\] /.test(name)), 'every JUnit test names its target').toEqual([]);

    const markdown = readFileSync(path.join(reports, 'conformance.md'), 'utf8');
    expect(markdown).toContain('## ❌ Not conformant');
    expect(markdown).toContain('| cn-north-4-preprod | ✅ Conformant |');
    expect(markdown).toMatch(/\| la-south-2-preprod \| ⛔ Not judged: /);
    expect(markdown).toContain(`### Regressions (${regressed.length * operations.length})\n\n`);
    expect(markdown).toMatch(/\n- `ListTaskExecuteDetail\/limit-max\+1` on \*\*cn-south-1-preprod\*\* .*: expected 400 \(limit=101 is above maximum 100\), got 200 OK — \[evidence\]\(html\/index\.html#\?testId=[^)]+\)\n/);
    for (const mock of [north, southBroken]) expect(`${junit}${markdown}${readFileSync(path.join(reports, 'conformance.html'), 'utf8')}`).not.toContain(mock.facts.token);
  });
});
