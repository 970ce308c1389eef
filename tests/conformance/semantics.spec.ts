import { expectOk } from '../../src/checks/expectations';
import { CHECKS } from '../../src/checks/index';
import { covers, expect, forEachList, test } from '../fixtures';

/** Rules JSON Schema cannot say, judged on a full page; each is a check of src/checks run on every response, for each rule the operation states. */
forEachList(test, ({ operation }) => {
  const maximum = operation.parameter(operation.list.limit).schema.maximum!;
  // The rules of one page that no other test names: the others are judged by the pagination tests.
  const judgedElsewhere = new Set(['page-length', 'unique-ids', 'default-page', 'complete-response']);
  const rules = CHECKS.filter((check) => check.run && operation.rules.has(check.id) && !judgedElsewhere.has(check.id)).map((check) => operation.rule(check.id));

  test.describe('semantics', { tag: '@semantics' }, () => {
    for (const rule of rules) {
      test(covers(rule.summary.replace(/\.$/, ''), rule.id), async ({ api }) => {
        const page = await api.send({ query: { [operation.list.limit]: maximum } });

        expect(page).toConformToSpec(expectOk(api.contract));
      });
    }
  });
});
