import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { loadContracts } from '../../src/contract';
import type { Exchange } from '../../src/http/exchange';
import { loadBaseline, viewBaseline, withChanges } from '../../src/report/baseline';
import type { RuleResult } from '../../src/report/conformance-model';
import { buildCatalogues, ruleIdsByOperation } from '../../src/report/rules-catalogue';
import { loadWaivers, waiverFor } from '../../src/report/waivers';
import { toCurl } from '../../src/http/curl';
import { formatViolations } from '../../src/report/format-violations';
import { REDACTED, redactHeaders, redactText, redactUrl, registerSecret } from '../../src/secrets';
import type { Violation } from '../../src/checks/violation';
import { RULE_IDS } from '../../src/spec/rule-ids';
import { covers, forEachList } from '../fixtures';
import { rulesInTitle } from '../../src/report/evidence';
import { operationInTitles } from '../../src/report/test-outcome';

const TOKEN = 'MIIreport-unit-test-token-0123456789';
registerSecret(TOKEN);

function exchange(url: string, body: unknown, status = 200): Exchange {
  return {
    operationId: 'ListTaskExecuteDetail',
    pathTemplate: '/v1/{project_id}/schedule-task/{execute_history_id}/execute-detail',
    request: { method: 'GET', url, headers: { 'X-Auth-Token': TOKEN }, pathParams: { project_id: 'p', execute_history_id: 'e' } },
    response: {
      status,
      statusText: status === 200 ? 'OK' : 'Bad Request',
      headers: { 'content-type': 'application/json', 'x-request-id': 'f00dfeed' },
      text: JSON.stringify(body),
      json: body,
    },
    durationMs: 12.4,
    attempts: 1,
  };
}

const locate = (pointer: string) => `openapi/schedule-task.yaml:${pointer.length}`;

test.describe('the failure message', () => {
  test('names the operation and the count, then each violation, the response and a curl line', () => {
    const page = exchange('https://api.example/v1/p/schedule-task/e/execute-detail?limit=2', { count: 1, items: [{ id: 'a', status: 'PAUSED' }] });
    const violation: Violation = {
      check: 'response-schema-conformance',
      title: 'Response violates schema',
      at: 'body.items[0].status',
      expected: 'one of "WAITING", "RUNNING", "SUCCESS", "FAILED"',
      actual: '"PAUSED"',
      rule: '#/components/schemas/ScheduleTaskStatus/enum',
      ruleId: 'schema-200',
      exchange: page,
    };

    const message = formatViolations({ operationId: 'ListTaskExecuteDetail', method: 'GET', pathTemplate: page.pathTemplate, locate, violations: [violation] });

    expect(message.split('\n')).toEqual([
      'ListTaskExecuteDetail (GET /v1/{project_id}/schedule-task/{execute_history_id}/execute-detail) broke the contract: 1 violation',
      '',
      '1) Response violates schema  [response-schema-conformance]',
      '   at        body.items[0].status',
      '   expected  one of "WAITING", "RUNNING", "SUCCESS", "FAILED"',
      '   actual    "PAUSED"',
      '   rule      openapi/schedule-task.yaml:44  #/components/schemas/ScheduleTaskStatus/enum',
      '',
      'Response  200 OK  application/json  12 ms  X-Request-Id f00dfeed',
      '   {',
      '     "count": 1,',
      '     "items": [',
      '       {',
      '         "id": "a",',
      '         "status": "PAUSED"',
      '       }',
      '     ]',
      '   }',
      'Reproduce',
      `   curl -X GET 'https://api.example/v1/p/schedule-task/e/execute-detail?limit=2' -H 'X-Auth-Token: ${REDACTED}'`,
    ]);
  });

  test('collapses one rule broken in many places into one violation', () => {
    const page = exchange('https://api.example/x', {});
    const at = (i: number): Violation => ({ check: 'c', title: 't', at: `body.items[${i}].status`, expected: 'e', actual: '"X"', rule: '#/r', ruleId: 'r', exchange: page });

    const message = formatViolations({ operationId: 'Op', method: 'GET', pathTemplate: '/x', locate, violations: [0, 1, 2, 3, 4, 5].map(at) });

    expect(message).toContain('broke the contract: 1 violation\n');
    expect(message).toContain('at        body.items[0].status and 5 more: body.items[1].status, body.items[2].status, body.items[3].status, body.items[4].status, …');
  });

  test('numbers the exchanges when violations come from several requests', () => {
    const first = exchange('https://api.example/x?offset=0', {});
    const second = exchange('https://api.example/x?offset=10', {});
    const violation = (e: Exchange, rule: string): Violation => ({ check: 'c', title: 't', expected: 'e', actual: 'a', rule, ruleId: 'r', exchange: e });

    const message = formatViolations({ operationId: 'Op', method: 'GET', pathTemplate: '/x', locate, violations: [violation(first, '#/a'), violation(second, '#/b')] });

    expect(message).toContain('   request   #2');
    expect(message).toContain('Reproduce #1\n   curl -X GET \'https://api.example/x?offset=0\'');
    expect(message).toContain('Reproduce #2\n   curl -X GET \'https://api.example/x?offset=10\'');
  });

  test('truncates a long body and says how much there was', () => {
    const items = Array.from({ length: 50 }, (_, i) => ({ id: `id-${i}` }));

    const message = formatViolations({ operationId: 'Op', method: 'GET', pathTemplate: '/x', locate, violations: [{ check: 'c', title: 't', expected: 'e', actual: 'a', rule: '#/r', ruleId: 'r', exchange: exchange('https://api.example/x', { items }) }] });

    expect(message).toMatch(/… \(\d+ characters in all; first 20 lines shown\)/);
  });

  test('never shows a registered secret, even one echoed in a response body', () => {
    const echo = exchange('https://api.example/x', { error_code: 'E', error_msg: `token ${TOKEN} rejected` }, 400);

    const message = formatViolations({ operationId: 'Op', method: 'GET', pathTemplate: '/x', locate, violations: [{ check: 'c', title: 't', expected: TOKEN, actual: 'a', rule: '#/r', ruleId: 'r', exchange: echo }] });

    expect(message).not.toContain(TOKEN);
    expect(message).toContain(REDACTED);
  });
});

forEachList(test, ({ operation }) => {
  // Titles are made as the tests are declared, each of its operation (forEachList).
  const titled = covers('a title', 'page-length', RULE_IDS.status(404));
  const refused = (...ids: string[]) => {
    try {
      return covers('a title', ...ids);
    } catch (error) {
      return (error as Error).message;
    }
  };
  const typo = refused('page-lenght');
  const others = loadContracts().all.filter((c) => c !== loadContracts().of(operation.operationId));
  const ofAnother = others.map((c) => c.operation.list.owner.unknownRule).find((id) => !operation.rules.has(id))!;
  const foreign = refused(ofAnother);

  test.describe('test titles', () => {
    test("name only rules of their operation, so a typo or another operation's rule cannot hide a rule from the report", () => {
      expect(titled).toBe('a title [page-length, status-404]');
      expect(typo).toBe(`"a title" names rules ${operation.operationId} does not have: page-lenght`);
      expect(foreign).toBe(`"a title" names rules ${operation.operationId} does not have: ${ofAnother}`);
    });

    test('end in the rule ids the reports read, after the operationId that starts them', () => {
      const title = test.info().titlePath.slice(1).join(' › ');
      expect(title.startsWith(`${operation.operationId} › `)).toBe(true);
      expect(rulesInTitle(`${operation.operationId} › paging › ${titled}`)).toEqual(['page-length', 'status-404']);
      expect(rulesInTitle(`${operation.operationId} › paging › ${titled} @smoke @mock-only`)).toEqual(['page-length', 'status-404']);
      expect(rulesInTitle(`${operation.operationId} › limit [1, 2] is refused`)).toEqual([]);
      expect(operationInTitles(test.info().titlePath.slice(1), loadContracts().all.map((c) => c.operation.operationId))).toBe(operation.operationId);
    });
  });
});

test.describe('redaction', () => {
  test('hides credential headers by name and keeps X-Request-Id for support', () => {
    expect(
      redactHeaders({ 'X-Auth-Token': 'abc123', Authorization: 'SDK-HMAC-SHA256 Access=AK, Signature=s', 'X-Security-Token': 't', 'X-Subject-Token': 's', 'X-Request-Id': 'rid', Accept: 'application/json' }),
    ).toEqual({ 'X-Auth-Token': REDACTED, Authorization: `SDK-HMAC-SHA256 ${REDACTED}`, 'X-Security-Token': REDACTED, 'X-Subject-Token': REDACTED, 'X-Request-Id': 'rid', Accept: 'application/json' });
  });

  test('hides secret-looking query values and URL credentials', () => {
    expect(redactUrl('https://user:pw@api.example/x?limit=1&access_token=abc&sk=s&offset=0')).toBe(
      `https://${REDACTED}:${REDACTED}@api.example/x?limit=1&access_token=${REDACTED}&sk=${REDACTED}&offset=0`,
    );
  });

  test('replaces every occurrence of a registered secret in text', () => {
    expect(redactText(`a ${TOKEN} b ${TOKEN}`)).toBe(`a ${REDACTED} b ${REDACTED}`);
  });
});

test.describe('the curl line', () => {
  test('quotes for a POSIX shell and marks signed requests for re-signing', () => {
    const request = { method: 'POST', url: "https://api.example/x?q=it's", headers: { Authorization: 'SDK-HMAC-SHA256 Access=AK, SignedHeaders=host, Signature=abc' }, pathParams: {}, body: '{}' };

    expect(toCurl(request)).toBe(`curl -X POST 'https://api.example/x?q=it'\\''s' -H 'Authorization: SDK-HMAC-SHA256 ${REDACTED}' --data '{}'   # re-sign before replaying`);
  });

  test('leaves out the headers of the connection, which curl sets itself', () => {
    const request = { method: 'GET', url: 'http://127.0.0.1:1/x', headers: { host: '127.0.0.1:1', connection: 'keep-alive', 'accept-encoding': 'gzip', 'x-request-id': 'r' }, pathParams: {} };

    expect(toCurl(request)).toBe(`curl -X GET 'http://127.0.0.1:1/x' -H 'x-request-id: r'`);
  });
});

test.describe('redaction by shape', () => {
  test('hides an AK/SK signature wherever it is printed, as an SDK debug log prints it', () => {
    expect(redactText("Authorization: 'SDK-HMAC-SHA256 Access=AK1, SignedHeaders=host, Signature=690912a8fc023c3035e12249955fae1c'")).toBe(
      `Authorization: 'SDK-HMAC-SHA256 Access=AK1, SignedHeaders=host, Signature=${REDACTED}'`,
    );
  });
});

const contracts = loadContracts();
const [DETAIL, HISTORY] = contracts.all.map((c) => c.operation.operationId) as [string, string];

function file(name: string, text: string): string {
  const at = path.join(mkdtempSync(path.join(tmpdir(), 'report-unit-')), name);
  writeFileSync(at, text);
  return at;
}

test.describe('waivers of several operations', () => {
  const known = ruleIdsByOperation(contracts.all);

  test('cover a rule in the operation they name, or in every operation that has it when they name none', () => {
    const { waivers, problems } = loadWaivers(
      [
        file(
          'waivers.yaml',
          [
            'waivers:',
            `  - { rule: count-is-total, operation: ${HISTORY}, reason: r, owner: o, expires: 2099-01-01 }`,
            '  - { rule: method-not-allowed, reason: r, owner: o, expires: 2099-01-01 }',
          ].join('\n'),
        ),
      ],
      known,
    );

    expect(problems).toEqual([]);
    expect(waivers.map((w) => [w.rule, w.operation])).toEqual([['count-is-total', HISTORY], ['method-not-allowed', undefined]]);
    expect(waiverFor(waivers, HISTORY, 'count-is-total')?.operation).toBe(HISTORY);
    expect(waiverFor(waivers, DETAIL, 'count-is-total')).toBeUndefined();
    expect(waiverFor(waivers, DETAIL, 'method-not-allowed')?.rule).toBe('method-not-allowed');
    expect(waiverFor(waivers, HISTORY, 'method-not-allowed')?.rule).toBe('method-not-allowed');
  });

  test('are refused with one line each for an unknown operation, a rule the named operation lacks, or a rule no operation has', () => {
    const { waivers, problems } = loadWaivers(
      [
        file(
          'waivers.yaml',
          [
            'waivers:',
            '  - { rule: count-is-total, operation: ListTasks, reason: r, owner: o, expires: 2099-01-01 }',
            `  - { rule: unknown-record, operation: ${HISTORY}, reason: r, owner: o, expires: 2099-01-01 }`,
            '  - { rule: no-such-rule, reason: r, owner: o, expires: 2099-01-01 }',
            '  - { rule: unknown-task, operation: "", reason: r, owner: o, expires: 2099-01-01 }',
          ].join('\n'),
        ),
      ],
      known,
    );

    expect(waivers).toEqual([]);
    expect(problems.map((p) => p.replace(/^.*?waivers\.yaml: /, ''))).toEqual([
      `waivers[0]: no operation "ListTasks" in the spec (its operations: ${DETAIL}, ${HISTORY})`,
      `waivers[1]: operation ${HISTORY} has no rule "unknown-record" (${DETAIL} has it) (see the ids of conformance.json)`,
      'waivers[2]: no rule "no-such-rule" in the contract (see the ids of conformance.json)',
      `waivers[3]: operation must name an operationId of the spec: ${DETAIL}, ${HISTORY}`,
    ]);
  });
});

test.describe('a baseline', () => {
  const rules = buildCatalogues(contracts.all).map((row): RuleResult => ({ ...row, location: '', result: 'passed', tests: [], evidence: [] }));
  const failing = (operation: string, id: string) => rules.map((r) => (r.operation === operation && r.id === id ? { ...r, result: 'failed' as const } : r));
  const report = (schemaVersion: number, rows: readonly object[]) => file('conformance.json', JSON.stringify({ schemaVersion, verdict: 'conformant', run: { startedAt: '2026-01-01T00:00:00.000Z' }, rules: rows, targets: [{ name: 'mock' }] }));

  test('is compared with rule by rule and operation by operation', () => {
    const at = report(2, failing(HISTORY, 'count-is-total'));
    const { baseline, problem } = loadBaseline(at);
    expect(problem).toBeUndefined();
    const view = viewBaseline(baseline!, at, contracts.all);

    const changes = withChanges(failing(DETAIL, 'count-is-total'), view.results('mock', true)!);

    expect(view.note).toBeUndefined();
    expect(changes.filter((r) => r.change !== 'unchanged').map((r) => [r.key, r.change])).toEqual([[`${DETAIL}/count-is-total`, 'regression'], [`${HISTORY}/count-is-total`, 'fixed']]);
  });

  test('of schema version 1, before operations, is read as the operation its rules are written at, and says so', () => {
    // What a version 1 report held: one operation's rules, by id alone, written at its path.
    const old = rules.filter((r) => r.operation === DETAIL).map(({ operation: _o, key: _k, ...rest }) => (rest.id === 'count-is-total' ? { ...rest, result: 'failed' } : rest));
    const at = report(1, old);
    const { baseline } = loadBaseline(at);
    const view = viewBaseline(baseline!, at, contracts.all);

    const changes = withChanges(failing(HISTORY, 'count-is-total'), view.results('mock', true)!);

    expect(view.note).toMatch(new RegExp(`is a report of schema version 1, which judged one operation: its rules are read as ${DETAIL}'s .*; ${HISTORY} was not in it, so a failing rule of it counts as a regression\\.$`));
    expect(changes.filter((r) => r.change !== 'unchanged').map((r) => [r.key, r.change])).toEqual([[`${DETAIL}/count-is-total`, 'fixed'], [`${HISTORY}/count-is-total`, 'regression']]);
  });

  test('that is no report of a run is one line', () => {
    expect(loadBaseline(report(3, [])).problem).toMatch(/^CONTRACT_BASELINE .*conformance\.json is not the conformance\.json of a run \(schemaVersion 1 or 2 with rules\)$/);
  });
});
