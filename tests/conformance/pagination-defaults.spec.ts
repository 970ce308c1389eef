import { expectSuccess } from '../../src/checks/expectations';
import { defaultPage } from '../../src/checks/default-page';
import { samePage } from '../../src/checks/stable-order';
import { covers, expect, forEachList, test } from '../fixtures';

/** What the spec decides when a parameter is absent; every value sent is judged by input-matrix.spec.ts. */
forEachList(test, ({ operation }) => {
  const { list } = operation;
  const limit = operation.parameter(list.limit).schema;

  test.describe('defaults', { tag: '@pagination' }, () => {
    // Without either: the first page of the schema tests (schema.spec.ts), judged by default-page.
    test(covers(`without ${list.offset} the first page is returned`, 'default-page'), async ({ api }) => {
      const [withOffset, withoutOffset] = await api.steady(
        'read twice',
        async () => [await api.send({ query: { [list.offset]: operation.parameter(list.offset).schema.default as number, [list.limit]: limit.maximum! } }), await api.send({ query: { [list.limit]: limit.maximum! } })] as const,
        (answers) => answers,
      );

      expect(withOffset).toConformToSpec(expectSuccess(api.contract, 'default-page'));
      expect(withoutOffset).toConformToSpec(expectSuccess(api.contract, 'default-page'));
      expect(samePage(api.contract, defaultPage, withOffset, withoutOffset, 'the page at the default offset')).toConformToSpec();
    });
  });
});
