import { expectOk } from '../../src/checks/expectations';
import { loadContract } from '../../src/contract';
import { covers, expect, test } from '../fixtures';

const { operation } = loadContract();
const maximum = operation.parameter('limit').schema.maximum!;

/** Rules JSON Schema cannot say, judged on a full page; each is a check of src/checks run on every response. */
test.describe('ListTaskExecuteDetail semantics', { tag: '@semantics' }, () => {
  for (const ruleId of ['execute-id-matches-path', 'end-after-begin', 'count-covers-page', 'items-within-limit']) {
    test(covers(operation.rule(ruleId).summary.replace(/\.$/, ''), ruleId), async ({ api }) => {
      const page = await api.send({ query: { limit: maximum } });

      expect(page).toConformToSpec(expectOk(api.contract));
    });
  }
});
