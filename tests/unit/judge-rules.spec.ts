import { expect, test } from '@playwright/test';
import { loadContracts } from '../../src/contract';
import { buildConformanceReport, type ReportInput } from '../../src/report/build-conformance-report';
import { conformanceLines } from '../../src/report/console-summary';
import { renderConformanceHtml } from '../../src/report/conformance-html';
import { renderConformanceMarkdown } from '../../src/report/conformance-markdown';
import type { TestEvidence, RecordedViolation, TargetFacts } from '../../src/report/evidence';
import { judgeRule, type JudgingContext } from '../../src/report/judge-rules';
import { buildCatalogue, buildCatalogues, ruleKey } from '../../src/report/rules-catalogue';
import { operationInTitles, type TestOutcome } from '../../src/report/test-outcome';
import { validateReport } from '../support/report-schema';

/** Judging a rule from the outcomes of tests is a pure function: tried here on outcomes made by hand. */
const contracts = loadContracts();
const [detail, history] = contracts.all.map((c) => c.operation.operationId) as [string, string];
const contract = contracts.of(detail);
const rule = buildCatalogue(contract).find((r) => r.id === 'unknown-record')!;
const context: JudgingContext = { locate: (pointer) => contract.spec.locate(pointer) };
const target: TargetFacts = { name: 'mock', kind: 'mock', baseUrl: 'embedded mock', projectId: '8ff4…' };

function evidence(violations: RecordedViolation[] = [], operation = detail, rules = [rule.id]): TestEvidence {
  return { target, operation, rules, requests: 1, statuses: { '404': 1 }, properties: [], enumValues: {}, unknownProperties: {}, violations };
}

const violation: RecordedViolation = { ruleId: rule.id, check: 'expected-status', title: 'Unexpected HTTP status code', expected: '404', actual: '200 OK', pointer: rule.pointer, curl: "curl -X GET 'http://127.0.0.1/…'", response: 'Response  200 OK' };
const outcome = (status: TestOutcome['status'], extra: Partial<TestOutcome> = {}): TestOutcome => ({ id: `t-${status}`, project: 'mock', title: `a test [${rule.id}]`, status, ...extra });

test.describe('judging a rule from the outcomes of a run', () => {
  test('passed when a test exercised it without a violation, with the place in the spec and its operation', () => {
    const result = judgeRule(rule, [outcome('passed', { evidence: evidence() })], context);

    expect(result).toMatchObject({ id: rule.id, operation: detail, key: `${detail}/unknown-record`, result: 'passed', location: expect.stringMatching(/^openapi\/schedule-task\.yaml:\d+$/), evidence: [] });
  });

  test('failed with the evidence of each violation, and of a test that failed without one', () => {
    const result = judgeRule(rule, [outcome('failed', { evidence: evidence([violation]) }), outcome('timedOut', { id: 't-2', error: 'Test timeout of 30000ms exceeded.' })], context);

    expect(result.result).toBe('failed');
    expect(result.evidence.map((e) => [e.operation, e.check, e.actual])).toEqual([[detail, 'expected-status', '200 OK'], [detail, 'test-error', 'Test timeout of 30000ms exceeded.']]);
  });

  test('waived when every violation is waived, with the waiver as its reason', () => {
    const waived = { ...violation, waiver: { reason: 'the gateway answers first', owner: 'api team', expires: '2099-12-31', source: 'openapi/waivers.yaml' } };

    // A waived violation does not fail its test.
    const result = judgeRule(rule, [outcome('passed', { evidence: evidence([waived]) })], context);

    expect(result).toMatchObject({ result: 'waived', reason: expect.stringContaining('the gateway answers first (owner api team, until 2099-12-31') });
  });

  test('not applicable only when every test that could exercise it cannot on this kind of target; else not exercised, saying why', () => {
    const inapplicable = judgeRule(rule, [outcome('skipped', { notApplicable: 'cannot be forced live' })], context);
    const skipped = judgeRule(rule, [outcome('skipped', { skipReason: 'set CONTRACT_X to exercise it' }), outcome('skipped', { id: 't-3', notApplicable: 'cannot be forced live' })], context);
    const stopped = judgeRule(rule, [], { ...context, runStopped: 'unreachable' });

    expect(inapplicable).toMatchObject({ result: 'not-applicable', reason: 'cannot be forced live' });
    expect(skipped).toMatchObject({ result: 'not-exercised', reason: 'set CONTRACT_X to exercise it' });
    expect(stopped).toMatchObject({ result: 'not-exercised', reason: 'the run stopped before its first test' });
  });
});

test.describe('rules of several operations', () => {
  const shared = (operation: string) => buildCatalogues(contracts.all).find((r) => r.operation === operation && r.id === 'count-is-total')!;
  const sharedViolation: RecordedViolation = { ...violation, ruleId: 'count-is-total', check: 'count-is-total', pointer: shared(history).pointer };

  test('stand once per operation in the catalogue of all, each under a key unique across operations', () => {
    const rows = buildCatalogues(contracts.all);

    expect(new Set(rows.map((r) => r.key)).size).toBe(rows.length);
    expect(rows.filter((r) => r.id === 'count-is-total').map((r) => r.key)).toEqual([ruleKey(detail, 'count-is-total'), ruleKey(history, 'count-is-total')]);
    // A rule only one operation has stands only in that one.
    expect(rows.filter((r) => r.id === 'counts-match-subtasks').map((r) => r.operation)).toEqual([history]);
    expect(rows.filter((r) => r.id === 'unknown-record').map((r) => r.operation)).toEqual([detail]);
  });

  test('are judged in each operation on its own tests: a rule both share fails only where its test failed', () => {
    const failing = outcome('failed', { id: 'h-1', title: `${history} › counts [count-is-total]`, evidence: evidence([sharedViolation], history, ['count-is-total']) });
    const passing = outcome('passed', { id: 'd-1', title: `${detail} › counts [count-is-total]`, evidence: evidence([], detail, ['count-is-total']) });

    expect(judgeRule(shared(history), [failing, passing], context)).toMatchObject({ result: 'failed', tests: [{ title: failing.title }] });
    expect(judgeRule(shared(detail), [failing, passing], context)).toMatchObject({ result: 'passed', tests: [{ title: passing.title }] });
  });

  test('take the operation of a test without evidence from its describe titles; one that names none counts for every operation', () => {
    expect(operationInTitles([`${history} paging`, 'walks every page [walk-complete]'], [detail, history])).toBe(history);
    expect(operationInTitles([`${history}: paging`], [detail, history])).toBe(history);
    expect(operationInTitles([history, 'paging'], [detail, history])).toBe(history);
    expect(operationInTitles([`${history}Extra paging`], [detail, history])).toBeUndefined();

    const skipped = outcome('skipped', { id: 's-1', title: 'paging › walks [count-is-total]', operation: history, skipReason: 'set CONTRACT_TASK_ID to exercise it' });
    const anywhere = outcome('skipped', { id: 's-2', title: 'paging › walks [count-is-total]', skipReason: 'set CONTRACT_Y' });
    expect(judgeRule(shared(detail), [skipped], context)).toMatchObject({ result: 'not-exercised', reason: 'no test of this run exercised it', tests: [] });
    expect(judgeRule(shared(history), [skipped], context)).toMatchObject({ result: 'not-exercised', reason: 'set CONTRACT_TASK_ID to exercise it' });
    expect(judgeRule(shared(detail), [anywhere], context).reason).toBe('set CONTRACT_Y');
    expect(judgeRule(shared(history), [anywhere], context).reason).toBe('set CONTRACT_Y');
  });
});

test.describe('the conformance report of several operations', () => {
  const found = ['execute_history_id 7f3e… of task 1a2b…: the newest execution with subtasks (12)', 'empty execute_history_id 0c9d…: an execution without subtasks'];
  const facts: TargetFacts = { ...target, kind: 'live', name: 'live', found };
  // Every rule of both operations exercised and passed, but for one rule of the history's that fails.
  const outcomes: TestOutcome[] = contracts.all.map(({ operation }, index) => ({
    id: `all-${index}`,
    project: 'live',
    title: `${operation.operationId} › everything`,
    status: operation.operationId === history ? 'failed' : 'passed',
    operation: operation.operationId,
    evidence: {
      target: facts,
      operation: operation.operationId,
      rules: buildCatalogue(contracts.of(operation.operationId)).map((r) => r.id),
      requests: 3,
      statuses: { [operation.successStatus]: 3 },
      properties: [],
      enumValues: {},
      unknownProperties: {},
      violations: operation.operationId === history ? [{ ...violation, ruleId: 'count-is-total', check: 'count-is-total' }] : [],
    },
  }));
  const input: ReportInput = { contracts: contracts.all, outcomes, projects: ['live'], configuredKind: 'live', waivers: [], baseline: {}, startedAt: new Date('2026-01-02T03:04:05Z'), durationMs: 1234 };
  const report = buildConformanceReport(input);

  test('gives a verdict per operation, the worst of them overall, and names the operation of every rule, its evidence and its coverage', () => {
    expect(validateReport(report), JSON.stringify(validateReport.errors, null, 2)).toBe(true);
    expect(report.schemaVersion).toBe(2);
    expect(report.verdict).toBe('not-conformant');
    expect(report.operations!.map((o) => [o.operation, o.method, o.verdict, o.summary.failed])).toEqual([[detail, 'GET', 'conformant', 0], [history, 'GET', 'not-conformant', 1]]);
    expect(report.rules.filter((r) => r.result === 'failed').map((r) => r.key)).toEqual([`${history}/count-is-total`]);
    expect(report.rules.find((r) => r.key === `${history}/count-is-total`)!.evidence[0]!.operation).toBe(history);
    expect(report.coverage.map((c) => [c.operation, c.statuses.find((s) => s.status === '200')!.count])).toEqual([[detail, 3], [history, 3]]);
    expect(report.targets![0]!.found).toEqual(found);
  });

  test('shows each operation and the records the suite found in the console, the Markdown and the HTML', () => {
    const lines = conformanceLines(report, 'reports/conformance.html');
    expect(lines[0]).toMatch(/^Conformance: not-conformant \(/);
    expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^  ${history} \\(GET /v1/\\{project_id\\}/schedule-task/\\{task_id\\}/execute-history\\): not-conformant \\(`)));
    expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^  ${detail} \\(GET .*\\): conformant \\(`)));
    expect(lines).toEqual(expect.arrayContaining(['  Records the suite found:', `    - ${found[0]}`, `    - ${found[1]}`]));

    const markdown = renderConformanceMarkdown(report);
    expect(markdown).toMatch(new RegExp(`^\\| ${history} \\(GET /v1/\\{project_id\\}/schedule-task/\\{task_id\\}/execute-history\\) \\| ❌ Not conformant \\| \\d+ \\| 1 \\|`, 'm'));
    expect(markdown).toContain(`- \`${history}/count-is-total\` `);
    expect(markdown).toContain(`Records the suite found:\n- ${found[0]}`);

    const html = renderConformanceHtml(report);
    expect(html).toContain(`<section id="operation-${history}" class="operation" data-operation="${history}">`);
    expect(html).toContain(`id="rule-${history}_count-is-total" class="rule rule-failed"`);
    expect(html).toContain(`id="rule-${detail}_count-is-total" class="rule rule-passed"`);
    expect(html).toContain(`data-operation="${history}" data-verdict="not-conformant"><a href="#operation-${history}">`);
    expect(html).toContain(`<ul class="found"><li>${found[0]}</li>`);
    expect(html).toContain(`id="coverage-${history}"`);
  });

  test('with several targets, gives each operation a verdict per target', () => {
    const other = outcomes.map((o) => ({ ...o, id: `${o.id}-b`, project: 'b', status: 'passed' as const, evidence: { ...o.evidence!, target: { ...facts, name: 'b' }, violations: [] } }));
    const both = buildConformanceReport({ ...input, outcomes: [...outcomes, ...other], projects: ['live', 'b'] });

    expect(validateReport(both), JSON.stringify(validateReport.errors, null, 2)).toBe(true);
    const verdicts = both.operations!.find((o) => o.operation === history)!.byTarget!;
    expect([verdicts.live!.verdict, verdicts.b!.verdict]).toEqual(['not-conformant', 'conformant']);
    expect(both.rules.find((r) => r.key === `${history}/count-is-total`)!.byTarget).toEqual({ live: { result: 'failed' }, b: { result: 'passed' } });
    expect(renderConformanceMarkdown(both)).toContain(`| ❌ Not conformant (live: ❌ Not conformant, b: ✅ Conformant) |`);
    expect(renderConformanceHtml(both)).toContain(`<span class="verdict-text-conformant" data-target="b">b: Conformant</span>`);
  });
});
