import { expectOk, expectSuccess } from '../../src/checks/expectations';
import { sameCount } from '../../src/checks/count-is-total';
import { pagesMatch, samePage, stableOrder } from '../../src/checks/stable-order';
import { loadContract } from '../../src/contract';
import { covers, expect, MAX_WALK_PAGES, test, type Api } from '../fixtures';

const { operation } = loadContract();
const limit = operation.parameter('limit').schema as { minimum: number; maximum: number; default: number };
/** Full walks: an odd size between, the default and the largest; the smallest is judged at the record's edges (below). */
const WALK_SIZES = [...new Set([7, limit.default, limit.maximum])].filter((n) => n > limit.minimum && n <= limit.maximum);
/**
 * Pages of the smallest size sent at each end of the record. A full walk with it would repeat, at one
 * request a subtask, what the walks above show; what only it shows is a page of one at the first
 * offsets, the last subtask alone and the empty page at offset = count.
 */
const EDGE_PAGES = 3;

/**
 * Skips the test when walking the record with this page size would take more requests than a walk may
 * send; else gives the test the time its walks' requests are each allowed (CONTRACT_TIMEOUT_MS): across a
 * slow network a walk of a large record outlasts the default test timeout, and a hung request still
 * fails on its own timeout, with its curl line.
 */
async function skipUnlessWalkable(api: Api, pageSize: number, alsoWalked: readonly number[] = []): Promise<number> {
  const probe = await api.send({ query: { limit: limit.maximum } });
  const count = (probe.response.json as { count?: unknown } | undefined)?.count;
  expect(probe).toConformToSpec(expectOk(api.contract));
  const pagesOf = (size: number) => Math.ceil(Number(count) / size) + 1;
  const pages = pagesOf(pageSize);
  test.skip(pages > MAX_WALK_PAGES, `the record holds ${count} subtasks: a walk with limit=${pageSize} would take ${pages} requests (at most ${MAX_WALK_PAGES})`);
  const requests = [pageSize, ...alsoWalked].reduce((sum, size) => sum + pagesOf(size), 0);
  test.setTimeout(test.info().timeout + requests * api.timeoutMs);
  return Number(count);
}

test.describe('ListTaskExecuteDetail pagination invariants', { tag: '@pagination' }, () => {
  for (const pageSize of WALK_SIZES) {
    if (pageSize === limit.maximum) {
      test(covers(`walking with limit=${pageSize} (the loop real clients use) returns every subtask exactly once and the same count on every page`, 'walk-complete', 'count-is-total', 'unique-ids'), async ({ api }) => {
        await skipUnlessWalkable(api, pageSize);

        const walk = await api.walk(pageSize);

        expect(walk).toConformToSpec();
      });
      continue;
    }
    test(
      covers(`walking with limit=${pageSize} returns every subtask exactly once, the same count on every page, in the order of limit=${limit.maximum}`, 'walk-complete', 'count-is-total', 'unique-ids', 'stable-order'),
      async ({ api }) => {
        await skipUnlessWalkable(api, pageSize, [limit.maximum]);

        const reference = await api.walk(limit.maximum);
        const walk = await api.walk(pageSize);

        expect([reference, walk]).toConformToSpec();
      },
    );
  }

  test(
    covers(`limit=${limit.minimum} pages at both ends of the record hold the subtask at their offset, then an empty page at offset = count`, 'page-length', 'count-is-total', 'stable-order'),
    async ({ api }) => {
      const first = await api.send({ query: { limit: limit.maximum } });
      expect(first).toConformToSpec(expectOk(api.contract));
      const count = (first.response.json as { count: number }).count;
      const last = count > limit.maximum ? [await api.send({ query: { offset: count - limit.maximum, limit: limit.maximum } })] : [];
      const offsets = [...new Set([...Array(EDGE_PAGES).keys(), ...[...Array(EDGE_PAGES).keys()].map((back) => count - back)])].filter((o) => o >= 0 && o <= count).sort((a, b) => a - b);

      const pages = [];
      for (const offset of offsets) pages.push(await api.send({ query: { offset, limit: limit.minimum } }));

      for (const page of [...last, ...pages]) expect(page).toConformToSpec(expectSuccess(api.contract, 'page-length'));
      expect([...sameCount(api.contract, first, [...last, ...pages]), ...pagesMatch(api.contract, [first, ...last], pages)]).toConformToSpec();
    },
  );

  test(covers('repeated identical requests return the same page', 'stable-order'), async ({ api }) => {
    const request = { query: { offset: 1, limit: limit.default } };

    const first = await api.send(request);
    const second = await api.send(request);
    const third = await api.send(request);

    expect(first).toConformToSpec(expectOk(api.contract));
    expect([...samePage(api.contract, stableOrder, first, second, 'the first answer'), ...samePage(api.contract, stableOrder, first, third, 'the first answer')]).toConformToSpec();
  });

  test(covers('an offset equal to count answers an empty page with the same count', 'page-length', 'count-is-total'), async ({ api }) => {
    const first = await api.send({ query: { limit: limit.maximum } });
    expect(first).toConformToSpec(expectOk(api.contract));
    const count = (first.response.json as { count: number }).count;

    const atEnd = await api.send({ query: { offset: count, limit: limit.maximum } });

    expect(atEnd).toConformToSpec(expectSuccess(api.contract, 'page-length'));
    expect(sameCount(api.contract, first, [atEnd])).toConformToSpec();
  });

  test(covers('count is the same for every offset and limit', 'count-is-total'), async ({ api }) => {
    const pages = [];
    const queries: Record<string, number>[] = [{}, { offset: 1, limit: limit.minimum }, { offset: 2, limit: 7 }, { offset: 0, limit: limit.maximum }];
    for (const query of queries) {
      pages.push(await api.send({ query }));
    }

    for (const page of pages) expect(page).toConformToSpec(expectOk(api.contract));
    expect(sameCount(api.contract, pages[0]!, pages.slice(1))).toConformToSpec();
  });
});
