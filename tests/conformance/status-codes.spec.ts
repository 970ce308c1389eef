import { randomUUID } from 'node:crypto';
import { expectOk, expectRule, expectStatus } from '../../src/checks/expectations';
import { covers, expect, test } from '../fixtures';

test.describe('ListTaskExecuteDetail documented status codes', { tag: '@status' }, () => {
  test(covers('200: a valid request by an authorised user is served', 'status-200'), async ({ api }) => {
    const exchange = await api.send();

    expect(exchange).toConformToSpec(expectOk(api.contract));
  });

  test(covers('400: a parameter outside its schema is rejected with an error body', 'status-400', 'invalid-parameter'), async ({ api }) => {
    const exchange = await api.send({ query: { limit: 'many' } });

    expect(exchange).toConformToSpec(expectRule(api.contract, 'invalid-parameter'));
  });

  test(covers('404: an execute_history_id that names no execution record', 'status-404', 'unknown-record'), { tag: '@smoke' }, async ({ api }) => {
    const exchange = await api.send({ path: { execute_history_id: randomUUID() } });

    expect(exchange).toConformToSpec(expectRule(api.contract, 'unknown-record'));
  });

  for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
    test(covers(`405: ${method} is not allowed and Allow names GET`, 'status-405', 'method-not-allowed', 'header-Allow'), { tag: method === 'POST' ? '@smoke' : [] }, async ({ api }) => {
      const exchange = await api.send({ method, ...(method === 'DELETE' ? {} : { body: '{}', headers: { 'Content-Type': 'application/json' } }) });

      expect(exchange).toConformToSpec(expectRule(api.contract, 'method-not-allowed'));
    });
  }

  for (const status of ['500', '503']) {
    test(covers(`${status}: a server-side failure answers the documented error body`, `status-${status}`), { tag: '@mock-only' }, async ({ api }) => {
      test.skip(api.target.kind !== 'mock', `a ${status} cannot be forced on a live service; one that occurs is still validated by every test`);

      const exchange = await api.send({ fault: status });

      expect(exchange).toConformToSpec(expectStatus(api.contract, status, 'the mock was asked for this fault'));
    });
  }
});
