import { expectOk } from '../../src/checks/expectations';
import { CHECKS } from '../../src/checks/index';
import { covers, expect, forEachList, test } from '../fixtures';

/**
 * Rules JSON Schema cannot say, judged on a full page: each is a check of src/checks run on every
 * response, for each rule the operation states; this one page names those no other test names.
 */
forEachList(test, ({ operation }) => {
  const maximum = operation.parameter(operation.list.limit).schema.maximum!;
  const judgedElsewhere = new Set(['page-length', 'unique-ids', 'default-page', 'complete-response']);
  const rules = CHECKS.filter((check) => check.run && operation.rules.has(check.id) && !judgedElsewhere.has(check.id)).map((check) => check.id);

  test.describe('semantics', { tag: '@semantics' }, () => {
    test(covers(`a full page keeps every rule of one page the schema cannot say (${rules.join(', ')})`, ...rules), async ({ api }) => {
      const page = await api.send({ query: { [operation.list.limit]: maximum } });

      expect(page).toConformToSpec(expectOk(api.contract));
    });
  });
});
