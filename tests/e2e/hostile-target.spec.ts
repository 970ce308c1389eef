import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import type { ConformanceReport } from '../../src/report/conformance-model';
import { DETAIL } from '../../src/mock/dataset';
import { loadContracts } from '../../src/contract';
import { hostileRequests, hostileRun, oddSizeOf } from '../support/hostile-run';

const MiB = 1024;
/** The documented bound of docs/bounds.md: one process of the run stays within it whatever the server sends. */
const PER_PROCESS_MIB = 400;

test('the suite against a target that, for one test each, streams without end, sends 300 MiB, drips, never answers and redirects elsewhere: exit 1, each named by its rule, bounded in time and memory', async ({}, testInfo) => {
  const reports = testInfo.outputPath('reports');

  // Both lists' tests across pages meet the hostile answers, one test each (HOSTILE_REQUESTS).
  const { run, memory, redirectFollowed } = await hostileRun(hostileRequests, { CONTRACT_TIMEOUT_MS: '3000', CONTRACT_BODY_TIMEOUT_MS: '3000', CONTRACT_REPORTS_DIR: reports, CONTRACT_CONCURRENCY: '2' }, ['tests/conformance/across-pages.spec.ts']);

  expect(run.exitCode, run.output.slice(-3000)).toBe(1);
  expect(run.durationMs).toBeLessThan(60_000);
  process.stdout.write(`hostile run: ${Math.round(run.durationMs / 100) / 10} s, one process at most ${Math.round(memory.perProcessKiB / MiB)} MiB, all at once ${Math.round(memory.wholeKiB / MiB)} MiB (${memory.processes} processes)\n`);
  expect(memory.perProcessKiB / MiB, `peak of one process (${memory.processes} sampled)`).toBeLessThan(PER_PROCESS_MIB);
  expect(redirectFollowed, 'requests the redirect target received').toBe(0);
  const junit = readFileSync(path.join(reports, 'junit.xml'), 'utf8');
  for (const [caseId, shown] of [
    ['body-too-large', /actual {4}200 OK, then more than \d+ bytes of body; cut off there/],
    ['body-too-large', /actual {4}200 OK, then more than \d+ bytes of body \(Content-Length 314572800\); cut off there/],
    ['body-not-in-time', /actual {4}200 OK, then \d+ bytes of the body \(of \d+ announced\) came in 3\d{3} ms, and it had not ended/],
    ['no-answer', /actual {4}no status line and headers within 3000 ms/],
  ] as const) {
    expect(run.output).toMatch(shown);
    expect(junit).toMatch(shown);
    expect(run.output).toContain(`x-contract-rules/complete-response/cases/${caseId}`);
  }
  expect(run.output).toMatch(/Undocumented HTTP status code {2}\[status-code-conformance\][\s\S]{0,400}?actual {4}302 Found/);
  const report = JSON.parse(readFileSync(path.join(reports, 'conformance.json'), 'utf8')) as ConformanceReport;
  const failed = report.rules.filter((rule) => rule.result === 'failed').map((rule) => rule.id);
  expect(failed).toEqual(expect.arrayContaining(['complete-response:body-too-large', 'complete-response:body-not-in-time', 'complete-response:no-answer', 'status-documented']));
  // The endless body met the second page of the odd walk of the subtasks (HOSTILE_REQUESTS).
  const subtasks = loadContracts().of(DETAIL).operation;
  const odd = oddSizeOf(subtasks);
  expect(report.rules.find((rule) => rule.id === 'complete-response:body-too-large')!.evidence[0]!.curl).toMatch(new RegExp(`^curl -X GET '.*${subtasks.list.offset}=${odd}&${subtasks.list.limit}=${odd}'`));
});
