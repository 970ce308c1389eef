import { expect, test } from '@playwright/test';
import { loadContract } from '../../src/contract';
import type { TestEvidence, RecordedViolation } from '../../src/report/evidence';
import { judgeRule, type JudgingContext } from '../../src/report/judge-rules';
import { buildCatalogue } from '../../src/report/rules-catalogue';
import type { TestOutcome } from '../../src/report/test-outcome';

/** Judging a rule from the outcomes of tests is a pure function: tried here on outcomes made by hand. */
const contract = loadContract();
const rule = buildCatalogue(contract).find((r) => r.id === 'unknown-record')!;
const context: JudgingContext = { locate: (pointer) => contract.spec.locate(pointer) };
const target = { name: 'mock', kind: 'mock' as const, baseUrl: 'embedded mock', projectId: '8ff4…' };

function evidence(violations: RecordedViolation[] = []): TestEvidence {
  return { target, rules: [rule.id], requests: 1, statuses: { '404': 1 }, properties: [], enumValues: {}, unknownProperties: {}, violations };
}

const violation: RecordedViolation = { ruleId: rule.id, check: 'expected-status', title: 'Unexpected HTTP status code', expected: '404', actual: '200 OK', pointer: rule.pointer, curl: "curl -X GET 'http://127.0.0.1/…'", response: 'Response  200 OK' };
const outcome = (status: TestOutcome['status'], extra: Partial<TestOutcome> = {}): TestOutcome => ({ id: `t-${status}`, project: 'mock', title: `a test [${rule.id}]`, status, ...extra });

test.describe('judging a rule from the outcomes of a run', () => {
  test('passed when a test exercised it without a violation, with the place in the spec', () => {
    const result = judgeRule(rule, [outcome('passed', { evidence: evidence() })], context);

    expect(result).toMatchObject({ id: rule.id, result: 'passed', location: expect.stringMatching(/^openapi\/execute-detail\.yaml:\d+$/), evidence: [] });
  });

  test('failed with the evidence of each violation, and of a test that failed without one', () => {
    const result = judgeRule(rule, [outcome('failed', { evidence: evidence([violation]) }), outcome('timedOut', { id: 't-2', error: 'Test timeout of 30000ms exceeded.' })], context);

    expect(result.result).toBe('failed');
    expect(result.evidence.map((e) => [e.check, e.actual])).toEqual([['expected-status', '200 OK'], ['test-error', 'Test timeout of 30000ms exceeded.']]);
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
