import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { authenticationHeaders } from '../../src/auth/authenticate';
import { judgeRecording, type ClientOperationJudgement, type ClientRuleVerdict } from '../../src/checks/client/index';
import { retryAfterSeconds } from '../../src/http/recorded-requests';
import { RETRY_AFTER_TOLERANCE_MS } from '../../src/checks/client/retry-after-honoured';
import { loadContracts, type Contracts } from '../../src/contract';
import { DETAIL, HISTORY } from '../../src/mock/dataset';
import { readRecording, RecordingError, type Recording } from '../../src/http/recording';
import { NEGATIVE_TEST_HEADER } from '../../src/requests/decide';
import { createRecorder } from '../../src/http/recorder';
import { recordingHeader } from '../../src/mock/recording-header';
import { scenarioById } from '../../src/mock/scenarios';
import { startMockServer, type MockServer } from '../../src/mock/server';
import { buildClientReport } from '../../src/report/client-report';
import { SpecError } from '../../src/spec/load-spec';
import { specCopy } from '../support/spec-copy';

const contracts = loadContracts();
const contract = contracts.of(DETAIL);
const { operation } = contract;
const maxLimit = operation.parameter(operation.list.limit).schema.maximum as number;
const history = contracts.of(HISTORY).operation;
const maxHistoryLimit = history.parameter(history.list.limit).schema.maximum as number;
const maxAttempts = operation.clientRule('retries-bounded').limits['max-attempts']!;

/** A client of the mock, in a few verbs: what a test needs to behave well or badly on purpose. */
interface Client {
  readonly mock: MockServer;
  get(query?: string, init?: { headers?: Record<string, string>; method?: string; path?: string; auth?: 'token' | 'none' | { token: string } }): Promise<Response>;
  /** Pages through the large record with offset += items received, until a short page. */
  walk(limit: number): Promise<void>;
  /** A page of the task's executions (ListTaskExecuteHistory). */
  history(query?: string): Promise<Response>;
  /** Pages through the task's executions as walk does, stepping `skip` items more after each full page; returns every execution received. */
  walkHistory(limit: number, skip?: number): Promise<{ id: string; total_count: number }[]>;
}

/** What a recording showed of each operation: its judgement and its verdicts by rule id. */
interface Judged {
  readonly judgements: readonly ClientOperationJudgement[];
  /** ListTaskExecuteDetail's verdicts by rule id. */
  readonly verdicts: Map<string, ClientRuleVerdict>;
  /** The verdicts of one operation, by rule id. */
  of(operationId: string): Map<string, ClientRuleVerdict>;
  readonly recording: Recording;
}

function judged(recording: Recording, judge: Contracts = contracts): Judged {
  const judgements = judgeRecording(judge, recording);
  const of = (operationId: string) => new Map(judgements.find((j) => j.contract.operation.operationId === operationId)!.verdicts.map((v) => [v.rule.id, v]));
  return { judgements, verdicts: of(DETAIL), of, recording };
}

/** Records what `drive` sends to a mock showing `scenario`, and judges it. */
async function judge(scenario: string, drive: (client: Client) => Promise<void>, file?: string): Promise<Judged> {
  let recorder: ReturnType<typeof createRecorder> | undefined;
  const chosen = scenarioById(scenario)!;
  const mock = await startMockServer({ contracts, seed: 5, scenario: chosen, record: (exchange) => recorder?.record(exchange) });
  recorder = createRecorder(recordingHeader(contracts, mock.dataset, mock.url, chosen), file);
  const { facts } = mock.dataset;
  const client: Client = {
    mock,
    get: (query = '', { headers = {}, method = 'GET', path, auth = 'token' } = {}) => {
      const url = `${mock.url}${path ?? `/v1/${facts.projectId}/schedule-task/${facts.executeHistoryId}/execute-detail`}${query}`;
      const token: Record<string, string> = auth === 'none' ? {} : { 'X-Auth-Token': auth === 'token' ? facts.token : auth.token };
      return fetch(url, { method, headers: { ...token, ...headers } });
    },
    async walk(limit) {
      for (let offset = 0; ; ) {
        const page = (await (await client.get(`?offset=${offset}&limit=${limit}`)).json()) as { items: unknown[] };
        if (page.items.length < limit) return;
        offset += page.items.length;
      }
    },
    history: (query = '') => fetch(`${mock.url}/v1/${facts.projectId}/schedule-task/${facts.taskId}/execute-history${query}`, { headers: { 'X-Auth-Token': facts.token } }),
    async walkHistory(limit, skip = 0) {
      const received: { id: string; total_count: number }[] = [];
      for (let offset = 0; ; ) {
        const page = (await (await client.history(`?offset=${offset}&limit=${limit}`)).json()) as { items: { id: string; total_count: number }[] };
        received.push(...page.items);
        if (page.items.length < limit) return received;
        offset += page.items.length + skip;
      }
    },
  };
  try {
    await drive(client);
  } finally {
    await mock.close();
    recorder.close();
  }
  return judged(recorder.recording());
}

const resultsOf = (verdicts: Map<string, ClientRuleVerdict>) => Object.fromEntries([...verdicts].map(([id, v]) => [id, v.result]));
const titlesOf = (verdict: ClientRuleVerdict | undefined) => verdict?.violations.map((v) => v.title) ?? [];

test.describe('the scenarios shown to clients', () => {
  for (const [scenario, status] of [['throttled', 429], ['unavailable', 503]] as const) {
    test(`${scenario} answers requests 2, 5, 8 of the operation ${status} with Retry-After: 1 and serves the rest`, async () => {
      const answers: (string | null)[] = [];
      const { recording } = await judge(scenario, async (client) => {
        for (let n = 1; n <= 8; n += 1) {
          const response = await client.get('?limit=1');
          answers.push(response.status === 200 ? '200' : `${response.status} retry-after ${response.headers.get('retry-after')}`);
        }
      });

      const refused = `${status} retry-after 1`;
      expect(answers).toEqual(['200', refused, '200', '200', refused, '200', '200', refused]);
      expect(recording.header.scenario).toMatchObject({ id: scenario, injects: [status] });
    });
  }

  test('overloaded answers every request after the first 429; full-last-page makes the large record twice the largest page', async () => {
    const overloaded: number[] = [];
    await judge('overloaded', async (client) => {
      for (let n = 1; n <= 4; n += 1) overloaded.push((await client.get('?limit=1')).status);
    });
    let count = 0;
    await judge('full-last-page', async (client) => {
      count = ((await (await client.get('?limit=1')).json()) as { count: number }).count;
    });

    expect(overloaded).toEqual([200, 429, 429, 429]);
    expect(count).toBe(2 * maxLimit);
  });

  test('slow answers every request of the operation 2 seconds late', async () => {
    let tookMs = 0;
    const { recording } = await judge('slow', async (client) => {
      const started = performance.now();
      await client.get('?limit=1');
      tookMs = performance.now() - started;
    });

    expect(tookMs).toBeGreaterThanOrEqual(2000);
    expect(recording.exchanges[0]!.decision.injected).toBe('latency');
  });
});

test.describe('the client judge, across the operations of the spec', () => {
  test("judges a client listing a task's executions and walking one execution's subtasks by each operation's rules, a walk per operation and owner", async () => {
    const { of, judgements } = await judge('none', async (client) => {
      const executions = await client.walkHistory(maxHistoryLimit);
      const picked = executions.find((execution) => execution.total_count > 0 && execution.total_count < maxLimit)!;
      await client.get(`?offset=0&limit=${maxLimit}`, { path: `/v1/${client.mock.dataset.facts.projectId}/schedule-task/${picked.id}/execute-detail` });
      await client.walk(maxLimit);
    });

    const paging = { 'request-accepted': 'passed', 'credentials-accepted': 'passed', 'paging-advances': 'passed', 'paging-stops': 'passed' };
    expect(resultsOf(of(HISTORY))).toMatchObject(paging);
    expect(resultsOf(of(DETAIL))).toMatchObject(paging);
    // The task's executions (one walk) and two executions' subtasks (two walks): each list a walk of its own.
    expect(of(HISTORY).get('paging-stops')!.exercised).toBe(1);
    expect(of(DETAIL).get('paging-stops')!.exercised).toBe(2);
    expect(judgements.map((j) => [j.contract.operation.operationId, j.requests > 0])).toEqual(contracts.all.map((c) => [c.operation.operationId, true]));
  });

  test('holds a gap in the walk of the executions against ListTaskExecuteHistory alone, naming the rule and the operation', async () => {
    const run = await judge('none', async (client) => {
      await client.walkHistory(maxHistoryLimit, 5);
      await client.walk(maxLimit);
    });

    const verdict = run.of(HISTORY).get('paging-advances')!;
    expect(verdict).toMatchObject({ operation: HISTORY, result: 'failed' });
    expect(verdict.violations[0]!.actual).toBe(`offset=${maxHistoryLimit + 5}, which skips items ${maxHistoryLimit + 1} to ${maxHistoryLimit + 5}`);
    expect(verdict.violations[0]!.exchange.operationId).toBe(HISTORY);
    expect(run.verdicts.get('paging-advances')!.result).toBe('passed');
    const report = buildClientReport(contracts, run.recording, run.judgements, { startedAt: new Date(), durationMs: 1, problems: [] });
    expect(report.rules.filter((rule) => rule.result === 'failed').map((rule) => [rule.operation, rule.id])).toEqual([[HISTORY, 'paging-advances']]);
    expect(report.operations!.map((o) => [o.operation, o.verdict])).toEqual([[DETAIL, 'conformant'], [HISTORY, 'not-conformant']]);
  });

  test('shows an operation the client never called as not exercised, its rules saying why, without making the verdict incomplete', async () => {
    const run = await judge('none', async (client) => {
      await client.get();
      await client.walk(maxLimit);
    });

    const report = buildClientReport(contracts, run.recording, run.judgements, { startedAt: new Date(), durationMs: 1, problems: [] });
    const notCalled = `the client sent no request to ${HISTORY} (GET ${history.pathTemplate})`;
    expect(run.judgements.find((j) => j.contract.operation.operationId === HISTORY)).toMatchObject({ requests: 0, notCalled });
    expect(new Set(report.rules.filter((rule) => rule.operation === HISTORY).map((rule) => `${rule.result}: ${rule.reason}`))).toEqual(new Set([`not-exercised: ${notCalled}`]));
    expect(report.operations!.map((o) => [o.operation, o.verdict])).toEqual([[DETAIL, 'conformant'], [HISTORY, 'incomplete']]);
    expect(report.verdict).toBe('conformant');
    expect(report.rules.map((rule) => rule.key)).toContain(`${HISTORY}/paging-advances`);
  });

  test('holds a path no operation has against the operation it comes nearest to', async () => {
    const { of } = await judge('none', async (client) => {
      await client.get('', { path: `/v1/${client.mock.dataset.facts.projectId}/schedule-task/${client.mock.dataset.facts.taskId}/execute-histories` });
    });

    expect(titlesOf(of(HISTORY).get('request-accepted'))).toEqual(['Request the operation does not accept (path)']);
    expect(of(HISTORY).get('request-accepted')!.violations[0]!.expected).toBe(`GET ${history.pathTemplate}`);
    expect(of(DETAIL).get('request-accepted')!.result).toBe('not-exercised');
  });

  test('throttles requests 2, 5, 8 counted across the operations, and full-last-page makes each large list twice its largest page', async () => {
    const answers: number[] = [];
    await judge('throttled', async (client) => {
      for (let n = 1; n <= 6; n += 1) answers.push((await (n % 2 ? client.get('?limit=1') : client.history('?limit=1'))).status);
    });
    const counts: number[] = [];
    await judge('full-last-page', async (client) => {
      for (const response of [await client.get('?limit=1'), await client.history('?limit=1')]) counts.push(((await response.json()) as { count: number }).count);
    });

    expect(answers).toEqual([200, 429, 200, 200, 429, 200]);
    expect(counts).toEqual([2 * maxLimit, 2 * maxHistoryLimit]);
  });
});

test.describe('the client judge', () => {
  test('finds a correct client conformant: first page, a walk, the empty record; retries and refusals cannot apply without them', async () => {
    const { verdicts } = await judge('none', async (client) => {
      await client.get();
      await client.walk(maxLimit);
      await client.get(`?limit=${maxLimit}`, { path: `/v1/${client.mock.dataset.facts.projectId}/schedule-task/${client.mock.dataset.facts.emptyExecuteHistoryId}/execute-detail` });
    });

    expect(resultsOf(verdicts)).toEqual({
      'request-accepted': 'passed',
      'no-unknown-parameter': 'passed',
      'credentials-accepted': 'passed',
      'paging-advances': 'passed',
      'paging-stops': 'passed',
      'retry-after-honoured': 'not-applicable',
      'retries-bounded': 'not-applicable',
      'no-blind-repeat': 'not-applicable',
    });
    expect(verdicts.get('retry-after-honoured')!.reason).toContain('--scenario throttled');
  });

  test('holds a wrong method, another path, a bound, a non-integer and a repeated parameter against request-accepted, each by its case', async () => {
    const { verdicts } = await judge('none', async (client) => {
      await client.get('', { method: 'POST' });
      await client.get('', { path: '/v2/some/other/api' });
      await client.get(`?limit=${maxLimit + 1}`);
      await client.get('?offset=1.5');
      await client.get('?offset=0&offset=10');
    });

    const verdict = verdicts.get('request-accepted')!;
    expect(verdict.result).toBe('failed');
    expect(titlesOf(verdict)).toEqual([
      'Request the operation does not accept (method)',
      'Request the operation does not accept (path)',
      'Request the operation does not accept (parameter)',
      'Request the operation does not accept (parameter)',
      'Request the operation does not accept (parameter)',
    ]);
    expect(verdict.violations.map((v) => v.actual).slice(2)).toEqual([`limit must be <= ${maxLimit}`, 'offset must be an integer', 'offset must be given once']);
    expect(verdict.violations[0]!.rule).toBe(`${operation.clientRule('request-accepted').pointer}/cases/method`);
  });

  test('judges the parameters of a request the gateway refused for its credentials too', async () => {
    const { verdicts } = await judge('none', async (client) => {
      await client.get('?limit=0', { auth: 'none' });
    });

    expect(verdicts.get('request-accepted')!.result).toBe('failed');
    expect(verdicts.get('credentials-accepted')!.result).toBe('failed');
  });

  test('warns of an unknown query parameter once, without failing the client', async () => {
    const { verdicts, recording } = await judge('none', async (client) => {
      await client.get('?limit=5&pagesize=5');
      await client.get('?limit=5&pagesize=5');
    });

    const verdict = verdicts.get('no-unknown-parameter')!;
    expect(verdict.result).toBe('warning');
    expect(verdict.violations).toHaveLength(1);
    expect(verdict.violations[0]!.at).toBe('query pagesize');
    const report = buildClientReport(contracts, recording, judged(recording).judgements, { startedAt: new Date(), durationMs: 1, problems: [] });
    expect(report.summary.warnings).toBe(1);
    expect(report.verdict).not.toBe('not-conformant');
  });

  test('holds every refused credential against credentials-accepted, by case', async () => {
    const { verdicts } = await judge('none', async (client) => {
      const { facts } = client.mock.dataset;
      const url = `${client.mock.url}/v1/${facts.projectId}/schedule-task/${facts.executeHistoryId}/execute-detail?limit=1`;
      const signed = (at: Date, tamper = false) => {
        const headers = authenticationHeaders({ scheme: 'aksk', ak: facts.ak, sk: facts.sk }, { method: 'GET', url, headers: {} }, facts.projectId, at);
        if (tamper) headers.Authorization = headers.Authorization!.replace(/.$/, (c) => (c === '0' ? '1' : '0'));
        return headers;
      };
      await client.get('?limit=1', { auth: 'none' });
      await client.get('?limit=2', { auth: { token: 'MIIT-nobody-issued-this' } });
      await client.get('?limit=3', { auth: { token: facts.otherProjectToken } });
      await client.get('?limit=4', { auth: { token: facts.forbiddenToken } });
      await client.get('?limit=1', { auth: 'none', headers: signed(new Date(), true) });
      await client.get('?limit=1', { auth: 'none', headers: signed(new Date(Date.now() - 20 * 60_000)) });
      await client.get('?limit=1', { auth: 'none', headers: signed(new Date()) });
    });

    const verdict = verdicts.get('credentials-accepted')!;
    expect(verdict.exercised).toBe(7);
    expect(titlesOf(verdict).map((t) => /\((.*)\)/.exec(t)![1])).toEqual(['no-credentials', 'token', 'project', 'project', 'signature', 'stale-signature']);
  });

  test('does not hold requests marked as negative tests against the client, but a marked request repeated unchanged is a blind repeat', async () => {
    const marked = (name: string) => ({ headers: { [NEGATIVE_TEST_HEADER]: name } });
    const { verdicts } = await judge('none', async (client) => {
      await client.get('?limit=5');
      await client.get('?limit=0', marked('rejects limit 0'));
      await client.get('?limit=0', { ...marked('rejects limit 0 without a token'), auth: 'none' });
      await client.get('?limit=0', marked('another test of limit 0'));
      await client.get('?offset=-1', marked('rejects offset -1'));
      await client.get('?offset=-1', marked('rejects offset -1'));
    });

    expect(verdicts.get('request-accepted')!.result).toBe('passed');
    expect(verdicts.get('credentials-accepted')!.result).toBe('passed');
    const repeat = verdicts.get('no-blind-repeat')!;
    expect(repeat.result).toBe('failed');
    expect(repeat.violations).toHaveLength(1);
    expect(repeat.violations[0]!.expected).toContain('?offset=-1');
  });

  test('finds a gap, an overlap and a walk that goes on past its last page', async () => {
    const skipping = await judge('none', async (client) => {
      await client.get('?offset=0&limit=10');
      await client.get('?offset=20&limit=10');
    });
    const overlapping = await judge('none', async (client) => {
      await client.get('?offset=0&limit=10');
      await client.get('?offset=5&limit=10');
    });
    const endless = await judge('none', async (client) => {
      await client.walk(maxLimit);
      const { count } = (await (await client.get(`?limit=1`)).json()) as { count: number };
      await client.get(`?offset=${count - (count % maxLimit) + maxLimit}&limit=${maxLimit}`);
    });

    expect(skipping.verdicts.get('paging-advances')!.violations[0]!.actual).toBe('offset=20, which skips items 11 to 20');
    expect(overlapping.verdicts.get('paging-advances')!.violations[0]!.actual).toBe('offset=5, which asks again for items 6 to 10');
    expect(endless.verdicts.get('paging-stops')!.result).toBe('failed');
    expect(endless.verdicts.get('paging-advances')!.result).toBe('passed');
  });

  test('takes a walk that stops once it has received count items for a complete one, whether its last page was full, short or empty', async () => {
    // A walk that stops at count, the way Huawei's generated SDKs page: full-last-page ends its walk on a full page.
    const atCount = async (client: Client, limit: number) => {
      for (let offset = 0, received = 0; ; ) {
        const page = (await (await client.get(`?offset=${offset}&limit=${limit}`)).json()) as { count: number; items: unknown[] };
        received += page.items.length;
        if (received >= page.count || page.items.length < limit) return;
        offset += page.items.length;
      }
    };
    const full = await judge('full-last-page', (client) => atCount(client, maxLimit));
    const short = await judge('none', (client) => atCount(client, 7));
    const empty = await judge('full-last-page', (client) => client.walk(maxLimit));
    const pastCount = await judge('full-last-page', async (client) => {
      await client.walk(maxLimit);
      await client.get(`?offset=${3 * maxLimit}&limit=${maxLimit}`);
    });

    for (const walk of [full, short, empty]) expect(resultsOf(walk.verdicts)).toMatchObject({ 'paging-advances': 'passed', 'paging-stops': 'passed' });
    expect(pastCount.verdicts.get('paging-stops')!.result).toBe('failed');
  });

  test("follows walks of one record that run side by side, as a client's parallel tests do, without a false alarm", async () => {
    const { verdicts } = await judge('none', async (client) => {
      await Promise.all([client.walk(maxLimit), client.walk(maxLimit), client.walk(7)]);
    });

    expect(resultsOf(verdicts)).toMatchObject({ 'paging-advances': 'passed', 'paging-stops': 'passed' });
    expect(verdicts.get('paging-stops')!.exercised).toBeGreaterThanOrEqual(3);
  });

  test('does not take identical requests in flight side by side for retries of a throttled one', async () => {
    const { recording } = await judge('overloaded', async (client) => {
      await client.get('?limit=3');
      for (let n = 0; n < 3; n += 1) await client.get('?limit=10');
    });
    // The three copies as a client's parallel tests send them: each reached the mock before the first answer left it.
    const [first, ...copies] = recording.exchanges.slice(1);
    const sideBySide = recording.exchanges.map((exchange) => (copies.includes(exchange) ? { ...exchange, startedAt: first!.startedAt } : exchange));

    const verdicts = judged({ ...recording, exchanges: sideBySide }).verdicts;
    const sequential = judged(recording).verdicts;

    expect(resultsOf(verdicts)).toMatchObject({ 'retry-after-honoured': 'passed', 'retries-bounded': 'passed' });
    expect(resultsOf(sequential)).toMatchObject({ 'retry-after-honoured': 'failed' });
  });

  test("counts a retry sent within the clocks' slack of Retry-After as waiting, and not one sent earlier", async () => {
    const { recording } = await judge('throttled', async (client) => {
      await client.get('?offset=0&limit=10');
      await client.get('?offset=10&limit=10');
      await client.get('?offset=10&limit=10');
    });
    const [, throttled, retry] = recording.exchanges;
    const retriedAfter = (ms: number) => {
      const exchanges = recording.exchanges.map((exchange) => (exchange === retry ? { ...exchange, startedAt: throttled!.endedAt + ms } : exchange));
      return judged({ ...recording, exchanges }).verdicts.get('retry-after-honoured')!.result;
    };

    expect(throttled!.response.status).toBe(429);
    const askedMs = retryAfterSeconds(throttled!)! * 1000;
    const earliest = askedMs - RETRY_AFTER_TOLERANCE_MS;
    expect([retriedAfter(askedMs), retriedAfter(askedMs - 20), retriedAfter(earliest + 1)]).toEqual(['passed', 'passed', 'passed']);
    expect([retriedAfter(earliest - 1), retriedAfter(askedMs / 2), retriedAfter(50)]).toEqual(['failed', 'failed', 'failed']);
  });

  test('leaves paging not exercised for a client that never asked for a second page, and says how to exercise it', async () => {
    const { verdicts } = await judge('none', async (client) => {
      await client.get(`?limit=${maxLimit}`);
    });

    expect(verdicts.get('paging-advances')!.result).toBe('not-exercised');
    expect(verdicts.get('paging-advances')!.reason).toContain(`page through a list of ${DETAIL} larger than one page (the execute_history_id given as CONTRACT_EXECUTE_HISTORY_ID)`);
  });

  test('takes a retry of a throttled page for a retry, not a paging step, and judges its wait against Retry-After', async () => {
    const patient = await judge('throttled', async (client) => {
      await client.get('?offset=0&limit=10');
      const throttled = await client.get('?offset=10&limit=10');
      expect(throttled.status).toBe(429);
      await new Promise((resolve) => setTimeout(resolve, Number(throttled.headers.get('retry-after')) * 1000));
      await client.get('?offset=10&limit=10');
    });
    const hasty = await judge('throttled', async (client) => {
      await client.get('?offset=0&limit=10');
      await client.get('?offset=10&limit=10');
      await client.get('?offset=10&limit=10');
    });

    expect(resultsOf(patient.verdicts)).toMatchObject({ 'paging-advances': 'passed', 'retry-after-honoured': 'passed', 'retries-bounded': 'passed' });
    expect(hasty.verdicts.get('retry-after-honoured')!.result).toBe('failed');
    expect(hasty.verdicts.get('retry-after-honoured')!.violations[0]!.expected).toMatch(/^at least 1000 ms after request #2 .* was answered 429 with Retry-After: 1$/);
    expect(hasty.verdicts.get('paging-advances')!.result).toBe('passed');
  });

  test(`fails a client that tries a throttled request more than max-attempts (${maxAttempts}) times in a row`, async () => {
    const { verdicts } = await judge('overloaded', async (client) => {
      await client.get('?limit=10');
      for (let attempt = 1; attempt <= maxAttempts + 1; attempt += 1) await client.get('?offset=10&limit=10');
    });

    const verdict = verdicts.get('retries-bounded')!;
    expect(verdict.result).toBe('failed');
    expect(verdict.violations[0]!.actual).toBe(`try ${maxAttempts + 1} after ${maxAttempts} answers of 429`);
  });

  test('leaves retry rules not exercised when the scenario throttles but the client met no 429', async () => {
    const { verdicts } = await judge('throttled', async (client) => {
      await client.get('?limit=10');
    });

    expect(verdicts.get('retry-after-honoured')!.result).toBe('not-exercised');
    expect(verdicts.get('retry-after-honoured')!.reason).toContain('scenario "throttled" answers 429');
  });

  test('finds a refused request sent again unchanged, and not one sent again changed', async () => {
    const blind = await judge('none', async (client) => {
      await client.get('?limit=0');
      await client.get('?limit=0');
    });
    const mended = await judge('none', async (client) => {
      await client.get('?limit=0');
      await client.get('?limit=1');
    });

    expect(blind.verdicts.get('no-blind-repeat')!.result).toBe('failed');
    expect(mended.verdicts.get('no-blind-repeat')!.result).toBe('passed');
  });

  test('judges a recording file as it judged the exchanges in memory, holds no credential, and drops a line cut short by a killed mock', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'recording-')), 'client.ndjson');
    const live = await judge('none', async (client) => {
      await client.walk(10);
      await client.get('?limit=0');
      await client.get('?limit=0');
    }, file);
    writeFileSync(file, `${readFileSync(file, 'utf8')}{"seq":99,"requ`);

    const again = readRecording(file);

    expect(again.exchanges).toHaveLength(live.recording.exchanges.length);
    expect(judged(again).judgements.flatMap((j) => j.verdicts.map((v) => [v.operation, v.rule.id, v.result]))).toEqual(live.judgements.flatMap((j) => j.verdicts.map((v) => [v.operation, v.rule.id, v.result])));
    // The mock's tokens all start so, as IAM tokens start with MII.
    expect(readFileSync(file, 'utf8')).not.toContain('MIIT');
  });

  test('refuses a file that is not a recording with one message naming it', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'recording-')), 'not-a-recording.ndjson');
    writeFileSync(file, '{"hello":"world"}\n');

    expect(() => readRecording(file)).toThrow(RecordingError);
    expect(() => readRecording(file)).toThrow(`${file}: not a client recording`);
  });

  test('refuses a spec whose client rule has no check, naming the rule', () => {
    const file = specCopy((text) => text.replace('        no-blind-repeat:\n', '        no-blind-repeats:\n'));
    const copy = loadContracts(file);
    const recording: Recording = { header: recordingHeader(copy, { facts: { projectId: 'p' }, lists: new Map() } as never, 'http://127.0.0.1:1', scenarioById('none')!), exchanges: [] };

    expect(() => judgeRecording(copy, recording)).toThrow(/ListTaskExecuteDetail's x-client-rules have no rule no-blind-repeat, which src\/checks\/client\/no-blind-repeat.ts judges/);
  });

  test('refuses a spec whose retries-bounded states no max-attempts, with one message naming the rule', () => {
    const copy = loadContracts(specCopy((text) => text.replace(/\n {6}max-attempts: \d+/, '')));
    const recording: Recording = { header: recordingHeader(copy, { facts: { projectId: 'p' }, lists: new Map() } as never, 'http://127.0.0.1:1', scenarioById('none')!), exchanges: [] };

    expect(() => judgeRecording(copy, recording)).toThrow(SpecError);
    expect(() => judgeRecording(copy, recording)).toThrow(/x-client-rules\/retries-bounded: the rule states no max-attempts/);
  });
});
