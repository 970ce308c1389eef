import { randomUUID } from 'node:crypto';
import { expectRule, expectStatus } from '../../src/checks/expectations';
import { RULE_IDS } from '../../src/spec/rule-ids';
import { covers, expect, forEachList, skipNotApplicable, test } from '../fixtures';

forEachList(test, ({ operation }) => {
  const { owner } = operation.list;
  /** `404` for a rule that demands one status; what the rule demands, read from the spec. */
  const statusOf = (ruleId: string) => operation.rule(ruleId).statuses.join(' or ');
  const statusRows = (ruleId: string) => operation.rule(ruleId).statuses.map(RULE_IDS.status).filter((row) => row !== RULE_IDS.status(operation.successStatus));
  const serverErrors = [...operation.responses.keys()].filter((status) => status.startsWith('5'));

  test.describe('documented status codes', { tag: '@status' }, () => {
    // The success status: the first page of the schema tests (schema.spec.ts), served to every valid request.
    test(covers(`${statusOf(owner.unknownRule)}: a ${owner.parameter} that names nothing`, ...statusRows(owner.unknownRule), owner.unknownRule), { tag: '@smoke' }, async ({ api }) => {
      const exchange = await api.send({ path: { [owner.parameter]: randomUUID() } });

      expect(exchange).toConformToSpec(expectRule(api.contract, owner.unknownRule));
    });

    // 405 and the other methods: the methods family (tests/conformance/input-matrix.spec.ts), POST in the smoke selection.
    const options = operation.rule('method-not-allowed').cases.find((c) => c.id === 'options')!;
    const answeredBySelf = options.statuses.filter((status) => status.startsWith('2') && status !== operation.successStatus);
    for (const status of answeredBySelf) {
      test(covers(`${status}: OPTIONS answered with the resource's communication options (Allow naming GET where sent), never its page`, RULE_IDS.status(status)), async ({ api }) => {
        const exchange = await api.send({ method: 'OPTIONS' });
        const answered = String(exchange.response.status);
        // Another answer the spec allows (405) makes a 204 not applicable here; any other is judged, and fails.
        skipNotApplicable(answered !== status && options.statuses.includes(answered), `the target answers OPTIONS ${answered}, which the spec allows as well (${options.summary})`);

        expect(exchange).toConformToSpec(expectRule(api.contract, 'method-not-allowed', 'options'));
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
});
