import { randomUUID } from 'node:crypto';
import { expectOk, expectRule, expectStatus } from '../../src/checks/expectations';
import { RULE_IDS } from '../../src/spec/rule-ids';
import { loadContract } from '../../src/contract';
import { covers, expect, skipNotApplicable, test } from '../fixtures';

const { operation } = loadContract();
/** `404` for a rule that demands one status; what the rule demands, read from the spec. */
const statusOf = (ruleId: string) => operation.rule(ruleId).statuses.join(' or ');
const statusRows = (ruleId: string) => operation.rule(ruleId).statuses.map(RULE_IDS.status);
const serverErrors = [...operation.responses.keys()].filter((status) => status.startsWith('5'));

test.describe('ListTaskExecuteDetail documented status codes', { tag: '@status' }, () => {
  test(covers(`${operation.successStatus}: a valid request by an authorised user is served`, RULE_IDS.status(operation.successStatus)), async ({ api }) => {
    const exchange = await api.send();

    expect(exchange).toConformToSpec(expectOk(api.contract));
  });

  test(covers(`${statusOf('invalid-parameter')}: a parameter outside its schema is rejected with an error body`, ...statusRows('invalid-parameter'), 'invalid-parameter'), async ({ api }) => {
    const exchange = await api.send({ query: { limit: 'many' } });

    expect(exchange).toConformToSpec(expectRule(api.contract, 'invalid-parameter'));
  });

  test(covers(`${statusOf('unknown-record')}: an execute_history_id that names no execution record`, ...statusRows('unknown-record'), 'unknown-record'), { tag: '@smoke' }, async ({ api }) => {
    const exchange = await api.send({ path: { execute_history_id: randomUUID() } });

    expect(exchange).toConformToSpec(expectRule(api.contract, 'unknown-record'));
  });

  for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
    const rows = [...statusRows('method-not-allowed'), 'method-not-allowed', RULE_IDS.header('Allow')];
    test(covers(`${statusOf('method-not-allowed')}: ${method} is not allowed and Allow names GET`, ...rows), { tag: method === 'POST' ? '@smoke' : [] }, async ({ api }) => {
      const exchange = await api.send({ method, ...(method === 'DELETE' ? {} : { body: '{}', headers: { 'Content-Type': 'application/json' } }) });

      expect(exchange).toConformToSpec(expectRule(api.contract, 'method-not-allowed'));
    });
  }

  for (const status of serverErrors) {
    test(covers(`${status}: a server-side failure answers the documented error body`, RULE_IDS.status(status), RULE_IDS.schema(status)), { tag: '@mock-only' }, async ({ api }) => {
      skipNotApplicable(api.target.kind !== 'mock', `a ${status} cannot be forced on a live service; one that occurs is still validated by every test`);

      const exchange = await api.send({ fault: status });

      expect(exchange).toConformToSpec(expectStatus(api.contract, status, 'the mock was asked for this fault'));
    });
  }
});
