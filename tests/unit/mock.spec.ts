import { randomUUID } from 'node:crypto';
import { test as base, expect } from '@playwright/test';
import { checkLinked } from '../../src/checks/index';
import { loadContracts } from '../../src/contract';
import type { Exchange } from '../../src/http/exchange';
import { send, type TransportOptions } from '../../src/http/send';
import { buildDataset, pathValues, type ListItem, type MockDataset } from '../../src/mock/dataset';
import { caughtMarker, DEVIATIONS } from '../../src/mock/deviations';
import { FAULT_HEADER } from '../../src/mock/faults';
import { startMockServer, type MockServer } from '../../src/mock/server';
import { linkedPath } from '../../src/paging/links';
import { walkPages } from '../../src/paging/walker';
import { resolveRef } from '../../src/spec/json-pointer';
import { boundaryValues } from '../../src/spec/boundaries';
import type { Operation } from '../../src/spec/operation';

const contracts = loadContracts();
const maximumOf = (operation: Operation) => Number(operation.parameter(operation.list.limit).schema.maximum);
/** The list operation whose items lead to another list by a link, and that link. */
const linking = contracts.all.find(({ operation }) => operation.links.size > 0)!.operation;
const link = [...linking.links.values()][0]!;
const linked = contracts.of(link.operationId).operation;

const test = base.extend<{ mock: MockServer; url: (operation: Operation, query?: string, ids?: Record<string, string>) => string }>({
  mock: async ({}, use) => {
    const server = await startMockServer({ contracts, seed: 3 });
    await use(server);
    await server.close();
  },
  url: async ({ mock }, use) => {
    const values = pathValues(mock.dataset.facts).value;
    await use((operation, query = '', ids = {}) => `${mock.url}${operation.pathTemplate.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(ids[name] ?? values[name]!))}${query}`);
  },
});

/** The items a list holds in the dataset: of the project, by operation and owner id. */
function listOf(dataset: MockDataset, operation: Operation, owner: string, project = dataset.facts.projectId): readonly ListItem[] | undefined {
  return dataset.lists.get(project)?.get(operation.operationId)?.get(owner);
}

for (const { operation } of contracts.all) {
  const { list } = operation;
  const owner = list.owner.parameter;

  test.describe(`the embedded mock, ${operation.operationId}`, () => {
    test('answers every response with an X-Request-Id and a JSON body, and gateway errors repeat it as request_id', async ({ mock, url }) => {
      const token = { 'X-Auth-Token': mock.dataset.facts.token };
      const responses = await Promise.all([
        fetch(url(operation), { headers: token }),
        fetch(url(operation)),
        fetch(`${mock.url}/v1/nowhere`, { headers: token }),
        fetch(url(operation), { method: 'POST', headers: token }),
        fetch(url(operation, `?${list.limit}=0`), { headers: token }),
      ]);

      expect(responses.map((r) => r.status)).toEqual([Number(operation.successStatus), 401, 404, 405, 400]);
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
        const response = await fetch(url(operation, query), { headers });
        return `${response.status} ${((await response.json()) as { error_msg?: string }).error_msg ?? ''}`;
      };
      const edge = (name: string, which: 'min-1' | 'max' | 'max+1') => boundaryValues(operation.parameter(name)).find((b) => b.edge === which)!.value;
      const { limit, offset } = list;

      expect(await message(`?${limit}=${edge(limit, 'max+1')}`)).toBe(`400 The request message is invalid: ${limit} must be <= ${edge(limit, 'max')}.`);
      expect(await message(`?${offset}=${edge(offset, 'min-1')}`)).toBe(`400 The request message is invalid: ${offset} must be >= ${Number(edge(offset, 'min-1')) + 1}.`);
      expect(await message(`?${limit}=1.5`)).toBe(`400 The request message is invalid: ${limit} must be an integer.`);
      expect(await message(`?${limit}=`)).toBe(`400 The request message is invalid: ${limit} must be an integer.`);
      expect(await message(`?${limit}=1&${limit}=2`)).toBe(`400 The request message is invalid: ${limit} must be given once.`);
      expect(await message(`?${limit}=${edge(limit, 'max')}&${offset}=${edge(offset, 'max')}`)).toMatch(/^200 /);
    });

    test(`serves the list the ${owner} names a page at a time (x-list): the total, at most limit items from offset, each item of that ${owner}`, async ({ mock, url }) => {
      const headers = { 'X-Auth-Token': mock.dataset.facts.token };
      const id = pathValues(mock.dataset.facts).value[owner]!;
      const items = listOf(mock.dataset, operation, id)!;
      const page = async (query: string) => (await (await fetch(url(operation, query), { headers })).json()) as Record<string, unknown>;
      const maximum = maximumOf(operation);

      const first = await page(`?${list.limit}=${maximum}`);
      const second = await page(`?${list.offset}=${maximum}&${list.limit}=${maximum}`);
      const past = await page(`?${list.offset}=${items.length}`);

      expect(first[list.total]).toBe(items.length);
      expect(first[list.items]).toEqual(items.slice(0, maximum));
      expect(second[list.items]).toEqual(items.slice(maximum, 2 * maximum));
      expect(past).toEqual({ [list.total]: items.length, [list.items]: [] });
      expect(new Set(items.map((item) => item[list.owner.property]))).toEqual(new Set([id]));
    });

    test(`answers a ${owner} that names nothing 404 with the spec's example for its rule ${list.owner.unknownRule}`, async ({ mock, url }) => {
      const response = await fetch(url(operation, '', { [owner]: randomUUID() }), { headers: { 'X-Auth-Token': mock.dataset.facts.token } });
      const media = operation.responses.get('404')!.mediaTypes[0]!;
      const example = resolveRef(contracts.spec.doc, `${media.pointer}/examples/${list.owner.unknownRule}`).node as { value: Record<string, string> };

      expect(response.status).toBe(404);
      expect(await response.json()).toEqual(example.value);
    });

    test('can be broken in one way and mended again', async ({ mock, url }) => {
      mock.setDeviation('no-auth-check');
      const broken = await fetch(url(operation));
      mock.setDeviation(undefined);
      const mended = await fetch(url(operation));

      expect([broken.status, mended.status]).toEqual([200, 401]);
      expect(() => mock.setDeviation('no-such-fault')).toThrow(/unknown mock deviation "no-such-fault"/);
    });
  });
}

test.describe('the embedded mock', () => {
  test('injects the faults SDK teams test their retry paths with', async ({ mock, url }) => {
    const headers = { 'X-Auth-Token': mock.dataset.facts.token };
    const operation = contracts.all[0]!.operation;

    const throttled = await fetch(url(operation), { headers: { ...headers, [FAULT_HEADER]: '429; retry-after=7' } });
    const started = performance.now();
    const slow = await fetch(url(operation), { headers: { ...headers, [FAULT_HEADER]: 'latency=300' } });
    const elapsed = performance.now() - started;
    const failing = await fetch(url(operation), { headers: { ...headers, [FAULT_HEADER]: '503' } });

    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toBe('7');
    expect(await throttled.json()).toMatchObject({ error_code: 'APIGW.0308' });
    expect(slow.status).toBe(200);
    expect(elapsed).toBeGreaterThanOrEqual(290);
    expect(failing.status).toBe(503);
  });

  test('a deviation of one operation changes only its answers', async ({ mock, url }) => {
    // A fault of the items of one list's pages.
    const broken = DEVIATIONS.find((d) => d.id === 'execution-of-another-task')!;
    expect(broken.operation).toBe(linking.operationId);
    const headers = { 'X-Auth-Token': mock.dataset.facts.token };
    const bodies = () => Promise.all(contracts.all.map(async ({ operation }) => (await fetch(url(operation), { headers })).json()));

    const correct = await bodies();
    mock.setDeviation(broken.id);
    const deviant = await bodies();

    contracts.all.forEach(({ operation }, index) => {
      if (operation.operationId === broken.operation) expect(deviant[index], `${broken.id} changes ${operation.operationId}`).not.toEqual(correct[index]);
      else expect(deviant[index], `${broken.id} leaves ${operation.operationId} alone`).toEqual(correct[index]);
    });
  });
});

test.describe('the mock dataset', () => {
  test('is the same for a seed and different for another seed', () => {
    const [a, b, other] = [buildDataset({ seed: 5 }), buildDataset({ seed: 5 }), buildDataset({ seed: 6 })];

    expect(a.facts).toEqual(b.facts);
    expect(other.facts.executeHistoryId).not.toBe(a.facts.executeHistoryId);
    expect(other.facts.taskId).not.toBe(a.facts.taskId);
  });

  for (const { operation } of contracts.all) {
    const { owner } = operation.list;
    test(`holds, for ${operation.operationId}, a list larger than its largest page, an empty one, and one of another project, each by its ${owner.parameter}`, () => {
      const dataset = buildDataset({ seed: 1 });
      const ids = pathValues(dataset.facts);

      expect(listOf(dataset, operation, ids.value[owner.parameter]!)!.length).toBeGreaterThan(maximumOf(operation));
      expect(listOf(dataset, operation, ids.empty[owner.parameter]!)).toEqual([]);
      expect(listOf(dataset, operation, ids.otherProject[owner.parameter]!, dataset.facts.otherProjectId)!.length).toBeGreaterThan(0);
      expect(listOf(dataset, operation, ids.otherProject[owner.parameter]!)).toBeUndefined();
    });
  }

  test(`is consistent across the lists: every item of ${linking.operationId} leads by link ${link.name} to a list of ${linked.operationId}, and its counts sum it up as ${linking.operationId}'s rules state`, () => {
    for (const seed of [1, 20261129]) {
      const dataset = buildDataset({ seed });
      for (const [project, lists] of dataset.lists) {
        const linkedLists = lists.get(linked.operationId)!;
        const items = [...lists.get(linking.operationId)!.values()].flat();
        // Every linked list belongs to one item of the linking list, and the other way round.
        expect(new Set(items.map((item) => item[linking.list.itemId]))).toEqual(new Set(linkedLists.keys()));
        for (const item of items) {
          const subtasks = linkedLists.get(String(item[linking.list.itemId]))!;
          const counted = (status: string) => subtasks.filter((subtask) => subtask.status === status).length;
          expect(item, `execution ${String(item.id)} of project ${project}, seed ${seed}`).toMatchObject({
            total_count: subtasks.length,
            success_count: counted('SUCCESS'),
            failed_count: counted('FAILED'),
            excuting_count: counted('RUNNING'),
          });
          for (const subtask of subtasks) expect(subtask[linked.list.owner.property]).toBe(item[linking.list.itemId]);
        }
      }
    }
  });

  test('has realistic subtasks and executions: failures carry a result, unfinished ones have no end_time, the newest execution still runs', () => {
    const dataset = buildDataset({ seed: 1 });
    const { facts } = dataset;
    const subtasks = listOf(dataset, linked, facts.executeHistoryId)!;
    const executions = listOf(dataset, linking, facts.taskId)!;

    for (const subtask of subtasks) {
      expect(subtask.execute_id).toBe(facts.executeHistoryId);
      if (subtask.status === 'FAILED') expect(subtask).toMatchObject({ result_code: expect.any(String), result_message: expect.any(String) });
      if (subtask.status === 'RUNNING' || subtask.status === 'WAITING') expect(subtask.end_time).toBeUndefined();
    }
    expect(new Set(subtasks.map((s) => s.status))).toEqual(new Set(['SUCCESS', 'FAILED', 'RUNNING', 'WAITING']));
    expect(executions[0]).toMatchObject({ id: facts.executeHistoryId, status: 'RUNNING' });
    expect(executions[0]!.end_time).toBeUndefined();
    for (const execution of executions.slice(1)) expect(execution.end_time, `execution ${String(execution.id)} has ended`).toEqual(expect.any(String));
    // Newest first, as the service lists them.
    const begun = executions.map((e) => String(e.begin_time));
    expect(begun).toEqual([...begun].sort().reverse());
  });
});

test.describe('the deviations', () => {
  test('each names what it breaks where the spec writes it, in its operation where it names one', () => {
    const operationIds = new Set(contracts.all.map(({ operation }) => operation.operationId));
    for (const deviation of DEVIATIONS) {
      const marker = caughtMarker(deviation);
      if (deviation.operation !== undefined) expect(operationIds, `${deviation.id} names an operation of the spec`).toContain(deviation.operation);
      expect(marker, deviation.id).not.toMatch(/^no (rule|case) /);
      if (marker.startsWith('#/')) expect(resolveRef(contracts.spec.doc, marker).node, `${deviation.id}: ${marker}`).toBeDefined();
      const ruleId = /^rule:([^:]+)/.exec(deviation.breaks)?.[1];
      const own = deviation.operation && contracts.of(deviation.operation).operation.rules.get(ruleId ?? '');
      if (own) expect(marker, `${deviation.id} points at ${deviation.operation}'s own ${ruleId}`).toContain(own.pointer);
    }
    expect(new Set(DEVIATIONS.map((d) => d.id)).size).toBe(DEVIATIONS.length);
  });
});

/** The findings of counts-match-subtasks on every item of the linking list's first page, each against the walk of its linked list. */
async function countFindings(mock: MockServer): Promise<string[]> {
  const transport: TransportOptions = { baseURL: mock.url, bounds: { headersTimeoutMs: 5_000, timeoutMs: 5_000, maxBytes: 1 << 22 }, retryStatuses: [], maxRetries: 0, maxRetryDelayMs: 0 };
  const headers = { 'X-Auth-Token': mock.dataset.facts.token };
  const values = pathValues(mock.dataset.facts).value;
  const page: Exchange = await send(linking, transport, { path: values, headers });
  const items = (page.response.json as Record<string, unknown[]>)[linking.list.items]!;
  const findings: string[] = [];
  for (let item = 0; item < items.length; item += 1) {
    const path = linkedPath(link, linking, page, item)!;
    const walk = await walkPages((query) => send(linked, transport, { path, query, headers }), maximumOf(linked), linked);
    findings.push(...checkLinked(contracts.of(linking.operationId), page, item, contracts.of(linked.operationId), walk).map((v) => `${v.at}: expected ${v.expected}, got ${v.actual}`));
  }
  return findings;
}

test.describe('the consistency across the lists, as counts-match-subtasks judges it', () => {
  test('holds on the correct mock and on its variant whose excuting_count counts WAITING subtasks too', async () => {
    for (const variants of [[], ['executing-counts-waiting']]) {
      const mock = await startMockServer({ contracts, seed: 3, variants });
      try {
        expect(await countFindings(mock), `variants: ${variants.join(', ') || 'none'}`).toEqual([]);
      } finally {
        await mock.close();
      }
    }
  });

  for (const deviation of DEVIATIONS.filter((d) => d.breaks === 'rule:counts-match-subtasks')) {
    test(`breaks on the mock "${deviation.id}": ${deviation.description}`, async () => {
      const mock = await startMockServer({ contracts, seed: 3, deviation: deviation.id });
      try {
        expect((await countFindings(mock)).length).toBeGreaterThan(0);
      } finally {
        await mock.close();
      }
    });
  }
});

test.describe('the correct variants', () => {
  test('change only the properties an item has, on every list: the same instants, no property added', async () => {
    const plain = await startMockServer({ contracts, seed: 3 });
    const varied = await startMockServer({ contracts, seed: 3, variants: ['charset-and-offsets', 'chinese-names'] });
    try {
      for (const { operation } of contracts.all) {
        const path = operation.pathTemplate.replace(/\{([^}]+)\}/g, (_, name: string) => pathValues(plain.dataset.facts).value[name]!);
        const [before, after] = (await Promise.all(
          [plain, varied].map(async (mock) => ((await (await fetch(`${mock.url}${path}`, { headers: { 'X-Auth-Token': mock.dataset.facts.token } })).json()) as Record<string, Record<string, unknown>[]>)[operation.list.items]!),
        )) as [Record<string, unknown>[], Record<string, unknown>[]];
        expect(after.map((item) => Object.keys(item).sort()), operation.operationId).toEqual(before.map((item) => Object.keys(item).sort()));
        after.forEach((item, index) => {
          const original = before[index]!;
          if (typeof original.begin_time === 'string') expect(Date.parse(String(item.begin_time))).toBe(Date.parse(original.begin_time));
          expect(String(item.begin_time ?? '')).toMatch(original.begin_time === undefined ? /^$/ : /\+08:00$/);
        });
      }
    } finally {
      await Promise.all([plain.close(), varied.close()]);
    }
  });

  test('unknown-owner-empty-page answers a task that names nothing here 200 empty (unknown, of another project, with a reserved character) where the spec allows each, and leaves every other 404 alone', async () => {
    const mock = await startMockServer({ contracts, seed: 3, variants: ['unknown-owner-empty-page'] });
    try {
      const headers = { 'X-Auth-Token': mock.dataset.facts.token };
      const ids = pathValues(mock.dataset.facts);
      const statusOf = async (operation: Operation, id: string) => {
        const path = operation.pathTemplate.replace(/\{([^}]+)\}/g, (_, name: string) => (name === operation.list.owner.parameter ? encodeURIComponent(id) : ids.value[name]!));
        const response = await fetch(`${mock.url}${path}`, { headers });
        return `${response.status} ${JSON.stringify(await response.json())}`;
      };
      for (const { operation } of contracts.all) {
        const { owner, total, items } = operation.list;
        const empty = `200 ${JSON.stringify({ [total]: 0, [items]: [] })}`;
        const allows = (statuses: readonly string[] | undefined, servedEmpty: boolean | undefined) => !!servedEmpty && !!statuses?.includes(operation.successStatus);
        const unknown = operation.rules.get(owner.unknownRule)!;
        const tenant = operation.rules.get('tenant-isolation');
        const reserved = [...operation.rules.values()].flatMap((rule) => rule.cases).find((c) => c.when.parameter === owner.parameter && c.when.class?.includes('semicolon'));
        const expected = (allowed: boolean) => (allowed ? empty : expect.stringMatching(/^404 /));
        expect(await statusOf(operation, randomUUID()), `${operation.operationId}, an unknown ${owner.parameter}`).toEqual(expected(allows(unknown.statuses, unknown.servedEmpty)));
        expect(await statusOf(operation, ids.otherProject[owner.parameter]!), `${operation.operationId}, another project's ${owner.parameter}`).toEqual(expected(allows(unknown.statuses, unknown.servedEmpty) && allows(tenant?.statuses, tenant?.servedEmpty)));
        expect(await statusOf(operation, `${ids.value[owner.parameter]!};x`), `${operation.operationId}, a ${owner.parameter} with a reserved character`).toEqual(expected(allows(unknown.statuses, unknown.servedEmpty) && allows(reserved?.statuses, reserved?.servedEmpty)));
      }
      // Both sides are exercised: one list whose spec allows the empty answers, one whose spec does not.
      expect(contracts.all.map(({ operation }) => operation.rules.get(operation.list.owner.unknownRule)!.statuses.includes(operation.successStatus)).sort()).toEqual([false, true]);
    } finally {
      await mock.close();
    }
  });
});
