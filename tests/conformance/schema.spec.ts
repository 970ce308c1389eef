import { expectOk, expectSuccess } from '../../src/checks/expectations';
import { CHECKS } from '../../src/checks/index';
import { appendPointer, resolveRef, segmentsOf } from '../../src/spec/json-pointer';
import { RULE_IDS } from '../../src/spec/rule-ids';
import { covers, expect, forEachList, test } from '../fixtures';

forEachList(test, ({ operation, spec }) => {
  const ok = operation.successStatus;
  const { list } = operation;
  const owner = operation.parameter(list.owner.parameter);
  const limit = operation.parameter(list.limit).schema;
  // The schema of an item, by the name it is written under (ScheduleTaskExecuteDetail).
  const page = resolveRef(spec.doc, operation.responses.get(ok)!.mediaTypes[0]!.schemaPointer).pointer;
  const itemSchema = segmentsOf(resolveRef(spec.doc, appendPointer(page, 'properties', list.items, 'items')).pointer).pop();
  // The rules of one page JSON Schema cannot say, judged on every response; a full page names those no other test names.
  const judgedElsewhere = new Set(['page-length', 'unique-ids', 'default-page', 'complete-response']);
  const pageRules = CHECKS.filter((check) => check.run && operation.rules.has(check.id) && !judgedElsewhere.has(check.id)).map((check) => check.id);

  test.describe('response schema', { tag: '@schema' }, () => {
    test(
      covers(`a first page, without ${list.offset} and ${list.limit}, conforms to the documented ${ok} response and holds the default of ${limit.default} items (or all of a shorter list)`, RULE_IDS.status(ok), RULE_IDS.schema(ok), 'default-page'),
      { tag: ['@smoke', '@pagination'] },
      async ({ api }) => {
        const first = await api.send();

        expect(first).toConformToSpec(expectSuccess(api.contract, 'default-page'));
      },
    );

    test(covers(`every item of a full page (${list.limit} at its maximum) conforms to ${itemSchema}, and the page keeps the rules of one page the schema cannot say (${pageRules.join(', ')})`, RULE_IDS.schema(ok), ...pageRules), { tag: '@semantics' }, async ({ api }) => {
      const full = await api.send({ query: { [list.limit]: limit.maximum! } });

      expect(full).toConformToSpec(expectOk(api.contract));
      expect(((full.response.json as Record<string, unknown>)[list.items] as unknown[]).length, `the target's ${owner.name} names a list with at least one item`).toBeGreaterThan(0);
    });

    test(covers(`the ${owner.name} of an empty list answers ${list.total} 0 and an empty ${list.items} array`, RULE_IDS.schema(ok)), async ({ api }) => {
      const id = api.target.emptyIds[owner.name];
      test.skip(!id, `set ${owner.variables?.empty ?? owner.name} (one whose list is empty) to exercise it`);

      const empty = await api.send({ path: { [owner.name]: id! } });

      expect(empty).toConformToSpec(expectOk(api.contract));
      expect(empty.response.json, `${owner.variables?.empty ?? owner.name} names an empty list`).toMatchObject({ [list.total]: 0, [list.items]: [] });
    });
  });
});
