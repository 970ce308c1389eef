import { expectOk } from '../../src/checks/expectations';
import { appendPointer, resolveRef, segmentsOf } from '../../src/spec/json-pointer';
import { RULE_IDS } from '../../src/spec/rule-ids';
import { covers, expect, forEachList, test } from '../fixtures';

forEachList(test, ({ operation, spec }) => {
  const ok = operation.successStatus;
  const { list } = operation;
  const owner = operation.parameter(list.owner.parameter);
  // The schema of an item, by the name it is written under (ScheduleTaskExecuteDetail).
  const page = resolveRef(spec.doc, operation.responses.get(ok)!.mediaTypes[0]!.schemaPointer).pointer;
  const itemSchema = segmentsOf(resolveRef(spec.doc, appendPointer(page, 'properties', list.items, 'items')).pointer).pop();

  test.describe('response schema', { tag: '@schema' }, () => {
    test(covers(`a first page conforms to the documented ${ok} response`, RULE_IDS.status(ok), RULE_IDS.schema(ok)), { tag: '@smoke' }, async ({ api }) => {
      const page = await api.send();

      expect(page).toConformToSpec(expectOk(api.contract));
    });

    test(covers(`every item of a full page (${list.limit} at its maximum) conforms to ${itemSchema}`, RULE_IDS.schema(ok)), async ({ api }) => {
      const limit = operation.parameter(list.limit).schema.maximum!;

      const page = await api.send({ query: { [list.limit]: limit } });

      expect(page).toConformToSpec(expectOk(api.contract));
      expect(((page.response.json as Record<string, unknown>)[list.items] as unknown[]).length, `the target's ${owner.name} names a list with at least one item`).toBeGreaterThan(0);
    });

    test(covers(`the ${owner.name} of an empty list answers ${list.total} 0 and an empty ${list.items} array`, RULE_IDS.schema(ok)), async ({ api }) => {
      const id = api.target.emptyIds[owner.name];
      test.skip(!id, `set ${owner.variables?.empty ?? owner.name} (one whose list is empty) to exercise it`);

      const page = await api.send({ path: { [owner.name]: id! } });

      expect(page).toConformToSpec(expectOk(api.contract));
      expect(page.response.json, `${owner.variables?.empty ?? owner.name} names an empty list`).toMatchObject({ [list.total]: 0, [list.items]: [] });
    });
  });
});
