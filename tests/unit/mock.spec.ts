import { test as base, expect } from '@playwright/test';
import { loadContract } from '../../src/contract';
import { buildDataset } from '../../src/mock/dataset';
import { boundaryValues } from '../../src/spec/boundaries';
import { FAULT_HEADER } from '../../src/mock/faults';
import { startMockServer, type MockServer } from '../../src/mock/server';

const test = base.extend<{ mock: MockServer; url: (query?: string) => string }>({
  mock: async ({}, use) => {
    const server = await startMockServer({ contract: loadContract(), seed: 3 });
    await use(server);
    await server.close();
  },
  url: async ({ mock }, use) => {
    const { facts } = mock.dataset;
    await use((query = '') => `${mock.url}/v1/${facts.projectId}/schedule-task/${facts.executeHistoryId}/execute-detail${query}`);
  },
});

test.describe('the embedded mock', () => {
  test('answers every response with an X-Request-Id and a JSON body, and gateway errors repeat it as request_id', async ({ mock, url }) => {
    const token = { 'X-Auth-Token': mock.dataset.facts.token };
    const responses = await Promise.all([
      fetch(url(), { headers: token }),
      fetch(url()),
      fetch(`${mock.url}/v1/nowhere`, { headers: token }),
      fetch(url(), { method: 'POST', headers: token }),
      fetch(url('?limit=0'), { headers: token }),
    ]);

    expect(responses.map((r) => r.status)).toEqual([200, 401, 404, 405, 400]);
    for (const response of responses) {
      expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f]{32}$/);
      expect(response.headers.get('content-type')).toBe('application/json');
    }
    const unauthorised = (await responses[1]!.json()) as { error_code: string; request_id: string };
    expect(unauthorised).toMatchObject({ error_code: 'APIGW.0301', request_id: responses[1]!.headers.get('x-request-id') });
    expect(responses[3]!.headers.get('allow')).toBe('GET, HEAD, OPTIONS');
  });

  test('decides 400 from the spec: bounds, non-integers, empty and repeated values, with the problem named', async ({ mock, url }) => {
    const headers = { 'X-Auth-Token': mock.dataset.facts.token };
    const message = async (query: string) => {
      const response = await fetch(url(query), { headers });
      return `${response.status} ${((await response.json()) as { error_msg?: string }).error_msg ?? ''}`;
    };

    const { operation } = loadContract();
    const edge = (name: string, which: 'min-1' | 'max' | 'max+1') => boundaryValues(operation.parameter(name)).find((b) => b.edge === which)!.value;
    expect(await message(`?limit=${edge('limit', 'max+1')}`)).toBe(`400 The request message is invalid: limit must be <= ${edge('limit', 'max')}.`);
    expect(await message(`?offset=${edge('offset', 'min-1')}`)).toBe(`400 The request message is invalid: offset must be >= ${Number(edge('offset', 'min-1')) + 1}.`);
    expect(await message('?limit=1.5')).toBe('400 The request message is invalid: limit must be an integer.');
    expect(await message('?limit=')).toBe('400 The request message is invalid: limit must be an integer.');
    expect(await message('?limit=1&limit=2')).toBe('400 The request message is invalid: limit must be given once.');
    expect(await message(`?limit=${edge('limit', 'max')}&offset=${edge('offset', 'max')}`)).toMatch(/^200 /);
  });

  test('injects the faults SDK teams test their retry paths with', async ({ mock, url }) => {
    const headers = { 'X-Auth-Token': mock.dataset.facts.token };

    const throttled = await fetch(url(), { headers: { ...headers, [FAULT_HEADER]: '429; retry-after=7' } });
    const started = performance.now();
    const slow = await fetch(url(), { headers: { ...headers, [FAULT_HEADER]: 'latency=300' } });
    const elapsed = performance.now() - started;
    const failing = await fetch(url(), { headers: { ...headers, [FAULT_HEADER]: '503' } });

    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toBe('7');
    expect(await throttled.json()).toMatchObject({ error_code: 'APIGW.0308' });
    expect(slow.status).toBe(200);
    expect(elapsed).toBeGreaterThanOrEqual(290);
    expect(failing.status).toBe(503);
  });

  test('can be broken in one way and mended again', async ({ mock, url }) => {
    mock.setDeviation('no-auth-check');
    const broken = await fetch(url());
    mock.setDeviation(undefined);
    const mended = await fetch(url());

    expect([broken.status, mended.status]).toEqual([200, 401]);
    expect(() => mock.setDeviation('no-such-fault')).toThrow(/unknown mock deviation "no-such-fault"/);
  });
});

test.describe('the mock dataset', () => {
  test('is the same for a seed and different for another seed', () => {
    const [a, b, other] = [buildDataset({ seed: 5 }), buildDataset({ seed: 5 }), buildDataset({ seed: 6 })];

    expect(a.facts).toEqual(b.facts);
    expect(other.facts.executeHistoryId).not.toBe(a.facts.executeHistoryId);
  });

  test('holds a record larger than the largest page, an empty one, and records of another project', () => {
    const { records, facts } = buildDataset({ seed: 1 });
    const mine = records.get(facts.projectId)!;
    const maximum = loadContract().operation.parameter('limit').schema.maximum!;

    expect(mine.get(facts.executeHistoryId)!.length).toBeGreaterThan(maximum);
    expect(mine.get(facts.emptyExecuteHistoryId)).toEqual([]);
    expect(records.get(facts.otherProjectId)!.has(facts.otherProjectExecuteHistoryId)).toBe(true);
  });

  test('has realistic subtasks: failures carry a result, unfinished ones have no end_time', () => {
    const { records, facts } = buildDataset({ seed: 1 });
    const subtasks = records.get(facts.projectId)!.get(facts.executeHistoryId)!;

    for (const subtask of subtasks) {
      expect(subtask.execute_id).toBe(facts.executeHistoryId);
      if (subtask.status === 'FAILED') expect(subtask).toMatchObject({ result_code: expect.any(String), result_message: expect.any(String) });
      if (subtask.status === 'RUNNING' || subtask.status === 'WAITING') expect(subtask.end_time).toBeUndefined();
    }
    expect(new Set(subtasks.map((s) => s.status))).toEqual(new Set(['SUCCESS', 'FAILED', 'RUNNING', 'WAITING']));
  });
});
