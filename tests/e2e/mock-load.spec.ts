import { expect, test } from '@playwright/test';
import autocannon from 'autocannon';
import { loadContracts } from '../../src/contract';
import { memoryKiB, pageUrl, startMockProcess } from '../support/mock-process';

const contracts = loadContracts();
/** Each list operation with the validator of its page. */
const lists = contracts.all.map(({ operation }) => ({ operation, page: contracts.validators.at(operation.responses.get(operation.successStatus)!.mediaTypes[0]!.schemaPointer) }));


test('under 50 concurrent connections for two bounded 2-second rounds, pages of every list in turn, the mock answers every request, and its memory stays flat', async () => {
  test.setTimeout(90_000);
  const mock = await startMockProcess(['--seed', '12']);
  try {
    const urls = lists.map(({ operation }) => pageUrl(mock, `?${operation.list.limit}=10`, operation.operationId));
    const headers = { 'X-Auth-Token': mock.facts.token };
    const rss: number[] = [];
    for (const round of [1, 2]) {
      // Each connection asks for a page of each list in turn.
      const result = await autocannon({ url: mock.url, headers, connections: 50, duration: 2, requests: urls.map((url) => ({ method: 'GET', path: new URL(url).pathname + new URL(url).search })) });

      expect(result.requests.total, `round ${round}: requests answered`).toBeGreaterThan(1_000);
      expect([result.non2xx, result.errors, result.timeouts], `round ${round}: non-2xx, errors, timeouts`).toEqual([0, 0, 0]);
      for (const [index, { operation, page }] of lists.entries()) {
        const check = await fetch(urls[index]!, { headers });
        expect(page(await check.json()), `round ${round}: a page of ${operation.operationId} after the load conforms`).toBe(true);
      }
      rss.push(memoryKiB(mock.pid, 'VmRSS')! / 1024);
    }

    expect(rss[1]! - rss[0]!, `resident memory after round 1 and 2: ${rss.map((m) => m.toFixed(0)).join(' and ')} MiB`).toBeLessThan(48);
  } finally {
    await mock.stop();
  }
});
