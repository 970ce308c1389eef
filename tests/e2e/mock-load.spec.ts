import { expect, test } from '@playwright/test';
import autocannon from 'autocannon';
import { loadContract } from '../../src/contract';
import { memoryKiB, pageUrl, startMockProcess } from '../support/mock-process';

const contract = loadContract();
const page = contract.validators.at(contract.operation.responses.get('200')!.mediaTypes[0]!.schemaPointer);


test('under 50 concurrent connections for two bounded 2-second rounds the mock answers every request, and its memory stays flat', async () => {
  test.setTimeout(90_000);
  const mock = await startMockProcess(['--seed', '12']);
  try {
    const url = pageUrl(mock, '?limit=10');
    const headers = { 'X-Auth-Token': mock.facts.token };
    const rss: number[] = [];
    for (const round of [1, 2]) {
      const result = await autocannon({ url, headers, connections: 50, duration: 2 });

      expect(result.requests.total, `round ${round}: requests answered`).toBeGreaterThan(1_000);
      expect([result.non2xx, result.errors, result.timeouts], `round ${round}: non-2xx, errors, timeouts`).toEqual([0, 0, 0]);
      const check = await fetch(url, { headers });
      expect(page(await check.json()), `round ${round}: a page after the load conforms`).toBe(true);
      rss.push(memoryKiB(mock.pid, 'VmRSS')! / 1024);
    }

    expect(rss[1]! - rss[0]!, `resident memory after round 1 and 2: ${rss.map((m) => m.toFixed(0)).join(' and ')} MiB`).toBeLessThan(48);
  } finally {
    await mock.stop();
  }
});
