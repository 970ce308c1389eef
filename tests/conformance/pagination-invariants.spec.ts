import { expectOk, expectSuccess } from '../../src/checks/expectations';
import { checkSameCount, checkSamePage } from '../../src/checks/walk';
import { loadContract } from '../../src/contract';
import type { Walk } from '../../src/http/exchange';
import { covers, expect, MAX_WALK_PAGES, test, type Api } from '../fixtures';

const { operation } = loadContract();
const limit = operation.parameter('limit').schema as { minimum: number; maximum: number; default: number };
/** The smallest, an odd one between, the default and the largest page size. */
const PAGE_SIZES = [...new Set([limit.minimum, 7, limit.default, limit.maximum])].filter((n) => n >= limit.minimum && n <= limit.maximum);

/** Skips the test when walking the record with this page size would take more requests than a walk may send. */
async function skipUnlessWalkable(api: Api, pageSize: number): Promise<number> {
  const probe = await api.send({ query: { limit: limit.maximum } });
  const count = (probe.response.json as { count?: unknown } | undefined)?.count;
  expect(probe).toConformToSpec(expectOk(api.contract));
  const pages = Math.ceil(Number(count) / pageSize) + 1;
  test.skip(pages > MAX_WALK_PAGES, `the record holds ${count} subtasks: a walk with limit=${pageSize} would take ${pages} requests (at most ${MAX_WALK_PAGES})`);
  return Number(count);
}

test.describe('ListTaskExecuteDetail pagination invariants', { tag: '@pagination' }, () => {
  for (const pageSize of PAGE_SIZES) {
    const clientLoop = pageSize === limit.maximum ? ' (the loop real clients use)' : '';
    test(covers(`walking with limit=${pageSize}${clientLoop} returns every subtask exactly once and the same count on every page`, 'walk-complete', 'count-is-total', 'unique-ids'), async ({ api }) => {
      await skipUnlessWalkable(api, pageSize);

      const walk = await api.walk(pageSize);

      expect(walk).toConformToSpec();
    });
  }

  test(covers('subtasks come in the same order for every page size', 'stable-order'), async ({ api }) => {
    const sizes = PAGE_SIZES.filter((size) => size !== limit.minimum);
    await skipUnlessWalkable(api, Math.min(...sizes));

    const walks: Walk[] = [];
    for (const size of sizes) walks.push(await api.walk(size));

    expect(walks).toConformToSpec();
  });

  test(covers('repeated identical requests return the same page', 'stable-order'), async ({ api }) => {
    const request = { query: { offset: 1, limit: limit.default } };

    const first = await api.send(request);
    const second = await api.send(request);
    const third = await api.send(request);

    expect(first).toConformToSpec(expectOk(api.contract));
    expect([...checkSamePage(api.contract, 'stable-order', first, second, 'the first answer'), ...checkSamePage(api.contract, 'stable-order', first, third, 'the first answer')]).toConformToSpec();
  });

  test(covers('an offset equal to count answers an empty page with the same count', 'page-length', 'count-is-total'), async ({ api }) => {
    const first = await api.send({ query: { limit: limit.maximum } });
    expect(first).toConformToSpec(expectOk(api.contract));
    const count = (first.response.json as { count: number }).count;

    const atEnd = await api.send({ query: { offset: count, limit: limit.maximum } });

    expect(atEnd).toConformToSpec(expectSuccess(api.contract, 'page-length'));
    expect(checkSameCount(api.contract, first, [atEnd])).toConformToSpec();
  });

  test(covers('count is the same for every offset and limit', 'count-is-total'), async ({ api }) => {
    const pages = [];
    const queries: Record<string, number>[] = [{}, { offset: 1, limit: limit.minimum }, { offset: 2, limit: 7 }, { offset: 0, limit: limit.maximum }];
    for (const query of queries) {
      pages.push(await api.send({ query }));
    }

    for (const page of pages) expect(page).toConformToSpec(expectOk(api.contract));
    expect(checkSameCount(api.contract, pages[0]!, pages.slice(1))).toConformToSpec();
  });
});
