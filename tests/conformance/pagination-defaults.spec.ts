import { expectSuccess } from '../../src/checks/expectations';
import { defaultPage } from '../../src/checks/default-page';
import { samePage } from '../../src/checks/stable-order';
import { loadContract } from '../../src/contract';
import { covers, expect, test } from '../fixtures';

/** What the spec decides when a parameter is absent; every value sent is judged by input-matrix.spec.ts. */
const { operation } = loadContract();

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
    expect(samePage(api.contract, defaultPage, withOffset, withoutOffset, 'the page at the default offset')).toConformToSpec();
  });
});
