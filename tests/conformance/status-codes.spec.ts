import { randomUUID } from 'node:crypto';
import { expectOk, expectRule } from '../../src/checks/expectations';
import { appendPointer } from '../../src/spec/json-pointer';
import { expect, test } from '../fixtures';

test.describe('ListTaskExecuteDetail documented status codes', { tag: '@status' }, () => {
  test('200: a valid request by an authorised user is served', async ({ api }) => {
    const exchange = await api.send();

    expect(exchange).toConformToSpec(expectOk(api.contract));
  });

  test('400: a parameter outside its schema is rejected with an error body', async ({ api }) => {
    const exchange = await api.send({ query: { limit: 'many' } });

    expect(exchange).toConformToSpec(expectRule(api.contract, 'invalid-parameter'));
  });

  test('404: an execute_history_id that names no execution record', { tag: '@smoke' }, async ({ api }) => {
    const exchange = await api.send({ path: { execute_history_id: randomUUID() } });

    expect(exchange).toConformToSpec(expectRule(api.contract, 'unknown-record'));
  });

  for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
    test(`405: ${method} is not allowed and Allow names GET`, { tag: method === 'POST' ? '@smoke' : [] }, async ({ api }) => {
      const exchange = await api.send({ method, ...(method === 'DELETE' ? {} : { body: '{}', headers: { 'Content-Type': 'application/json' } }) });

      expect(exchange).toConformToSpec(expectRule(api.contract, 'method-not-allowed'));
    });
  }

  for (const status of ['500', '503']) {
    test(`${status}: a server-side failure answers the documented error body`, { tag: '@mock-only' }, async ({ api }) => {
      test.skip(api.target.kind !== 'mock', `a ${status} cannot be forced on a live service; one that occurs is still validated by every test`);

      const exchange = await api.send({ fault: status });

      const response = api.contract.operation.responses.get(status)!;
      expect(exchange).toConformToSpec({ statuses: [status], rule: appendPointer(response.pointer), why: 'the mock was asked for this fault' });
    });
  }
});
