import { expectBoundary, expectNotInteger, expectRule, expectSuccess } from '../../src/checks/expectations';
import { checkSamePage } from '../../src/checks/walk';
import { RULE_IDS } from '../../src/checks/rule-ids';
import { loadContract } from '../../src/contract';
import { boundaryValues } from '../../src/spec/boundaries';
import { covers, expect, test } from '../fixtures';

const contract = loadContract();
const { operation } = contract;
const queryParameters = operation.parameters.filter((p) => p.in === 'query');

test.describe('ListTaskExecuteDetail parameter bounds', { tag: '@pagination' }, () => {
  for (const parameter of queryParameters) {
    for (const boundary of boundaryValues(parameter)) {
      const expectation = expectBoundary(contract, boundary);
      // One boundary is part of the smoke selection: the page size one above its maximum.
      const smoke = parameter.name === 'limit' && boundary.edge === 'max+1' ? '@smoke' : [];
      test(covers(`${parameter.name}=${boundary.value} (${boundary.edge}) is answered ${expectation.statuses.join(' or ')}`, expectation.ruleId), { tag: smoke }, async ({ api }) => {
        const page = await api.send({ query: { [parameter.name]: boundary.value } });

        expect(page).toConformToSpec(expectation);
      });
    }

    if (parameter.schema.type === 'integer') {
      for (const [value, what] of [
        ['1.5', 'a decimal fraction'],
        ['abc', 'a word'],
        ['', 'an empty value'],
        ['1e2', 'exponent notation'],
      ] as const) {
        test(covers(`${parameter.name}=${value} (${what}) is answered ${operation.rule('invalid-parameter').statuses.join(' or ')}`, RULE_IDS.notInteger(parameter.name)), async ({ api }) => {
          const page = await api.send({ query: `${parameter.name}=${encodeURIComponent(value)}` });

          expect(page).toConformToSpec(expectNotInteger(api.contract, parameter.name, `${parameter.name}=${JSON.stringify(value)} is ${what}, not an integer`));
        });
      }
    }
  }

  const idBoundaries = boundaryValues(operation.parameter('execute_history_id')).filter((b) => b.edge === 'max' || b.edge === 'max+1');
  for (const boundary of idBoundaries) {
    const unknown = boundary.valid;
    test(covers(`an execute_history_id of ${String(boundary.value).length} characters (${boundary.edge}) is answered ${(unknown ? operation.rule('unknown-record') : operation.rule('invalid-parameter')).statuses.join(' or ')}`, RULE_IDS.boundary(boundary)), async ({ api }) => {
      const page = await api.send({ path: { execute_history_id: String(boundary.value) } });

      // A valid id of maximum length names no record; one character more breaks the schema.
      expect(page).toConformToSpec(unknown ? { ...expectRule(api.contract, 'unknown-record'), ruleId: RULE_IDS.boundary(boundary), rule: boundary.pointer } : expectBoundary(api.contract, boundary));
    });
  }
});

test.describe('ListTaskExecuteDetail defaults', { tag: '@pagination' }, () => {
  const limit = operation.parameter('limit').schema;

  test(covers(`without limit a page holds the default of ${limit.default} items (or all of a smaller record)`, 'default-page'), async ({ api }) => {
    const page = await api.send();

    expect(page).toConformToSpec(expectSuccess(api.contract, 'default-page'));
  });

  test(covers('without offset the first page is returned', 'default-page'), async ({ api }) => {
    const withOffset = await api.send({ query: { offset: operation.parameter('offset').schema.default as number, limit: limit.maximum! } });
    const withoutOffset = await api.send({ query: { limit: limit.maximum! } });

    expect(withOffset).toConformToSpec(expectSuccess(api.contract, 'default-page'));
    expect(withoutOffset).toConformToSpec(expectSuccess(api.contract, 'default-page'));
    expect(checkSamePage(api.contract, 'default-page', withOffset, withoutOffset, 'the page at the default offset')).toConformToSpec();
  });
});
