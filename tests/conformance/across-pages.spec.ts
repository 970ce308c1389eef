/**
 * The pagination invariants across pages: the walks, the edges of a list, repeated requests. Named to
 * come first: its walks are the longest tests of a run, and a worker that starts them last leaves the
 * others idle at the end of a run across a network.
 */
import { expectOk, expectSuccess } from '../../src/checks/expectations';
import { sameCount } from '../../src/checks/count-is-total';
import { pagesMatch, samePage, stableOrder } from '../../src/checks/stable-order';
import type { Exchange } from '../../src/http/exchange';
import type { Operation } from '../../src/spec/operation';
import { covers, expect, forEachList, MAX_WALK_PAGES, test, type Api } from '../fixtures';

/**
 * Pages of the smallest size sent at each end of the list. A full walk with it would repeat, at one
 * request a subtask, what the walks above show; what only it shows is a page of one at the first
 * offsets, the last subtask alone and the empty page at offset = count.
 */
const EDGE_PAGES = 2;

/**
 * Skips the test when walking the record with this page size would take more requests than a walk may
 * send; else gives the test the time its walks' requests are each allowed (CONTRACT_TIMEOUT_MS): across a
 * slow network a walk of a large record outlasts the default test timeout, and a hung request still
 * fails on its own timeout, with its curl line.
 */
async function skipUnlessWalkable(api: Api, pageSize: number, alsoWalked: readonly number[] = []): Promise<Exchange> {
  const { list } = api.contract.operation;
  // The first page of the largest size: it says the total, and starts the walk of that size.
  const probe = await api.send({ query: { [list.offset]: 0, [list.limit]: limitOf(api.contract.operation).maximum } });
  const count = (probe.response.json as Record<string, unknown> | undefined)?.[list.total];
  expect(probe).toConformToSpec(expectOk(api.contract));
  const pagesOf = (size: number) => Math.ceil(Number(count) / size) + 1;
  const pages = pagesOf(pageSize);
  test.skip(pages > MAX_WALK_PAGES, `the list holds ${count} items: a walk with ${list.limit}=${pageSize} would take ${pages} requests (at most ${MAX_WALK_PAGES})`);
  const requests = [pageSize, ...alsoWalked].reduce((sum, size) => sum + pagesOf(size), 0);
  test.setTimeout(test.info().timeout + requests * api.timeoutMs);
  return probe;
}

const limitOf = (operation: Operation) => operation.parameter(operation.list.limit).schema as { minimum: number; maximum: number; default: number };
/** The total a page reports, by the list shape. */
const totalOf = (api: Api, page: { response: { json?: unknown } }) => (page.response.json as Record<string, number>)[api.contract.operation.list.total]!;

forEachList(test, ({ operation }) => {
  const { list } = operation;
  const limit = limitOf(operation);
  /**
   * Full walks: an odd size (no divisor of the largest, so its pages end elsewhere) and the largest; the
   * smallest is judged at the list's edges, the default by the default page (pagination-defaults.spec.ts).
   */
  const WALK_SIZES = [...new Set([7, limit.maximum])].filter((n) => n > limit.minimum && n <= limit.maximum);
  const query = (offset: number | undefined, size: number) => ({ ...(offset === undefined ? {} : { [list.offset]: offset }), [list.limit]: size });

  test.describe('pagination invariants', { tag: '@pagination' }, () => {
    for (const pageSize of WALK_SIZES) {
      if (pageSize === limit.maximum) {
        test(covers(`walking with ${list.limit}=${pageSize} (the loop real clients use) returns every item exactly once and the same ${list.total} on every page`, 'walk-complete', 'count-is-total', 'unique-ids'), async ({ api }) => {
          const first = await skipUnlessWalkable(api, pageSize);

          const walk = await api.walk(pageSize, {}, first);

          expect(walk).toConformToSpec();
        });
        continue;
      }
      test(
        covers(`walking with ${list.limit}=${pageSize} returns every item exactly once, the same ${list.total} on every page, in the order of ${list.limit}=${limit.maximum}`, 'walk-complete', 'count-is-total', 'unique-ids', 'stable-order'),
        async ({ api }) => {
          const first = await skipUnlessWalkable(api, pageSize, [limit.maximum]);

          const reference = await api.walk(limit.maximum, {}, first);
          const walk = await api.walk(pageSize);

          expect([reference, walk]).toConformToSpec();
        },
      );
    }

    test(
      covers(`${list.limit}=${limit.minimum} pages at both ends of the list hold the item at their ${list.offset}, then an empty page at ${list.offset} = ${list.total}`, 'page-length', 'count-is-total', 'stable-order'),
      async ({ api }) => {
        const first = await api.send({ query: query(undefined, limit.maximum) });
        expect(first).toConformToSpec(expectOk(api.contract));
        const count = totalOf(api, first);
        const last = count > limit.maximum ? [await api.send({ query: query(count - limit.maximum, limit.maximum) })] : [];
        const offsets = [...new Set([...Array(EDGE_PAGES).keys(), ...[...Array(EDGE_PAGES).keys()].map((back) => count - back)])].filter((o) => o >= 0 && o <= count).sort((a, b) => a - b);

        const pages = [];
        for (const offset of offsets) pages.push(await api.send({ query: query(offset, limit.minimum) }));

        for (const page of [...last, ...pages]) expect(page).toConformToSpec(expectSuccess(api.contract, 'page-length'));
        expect([...sameCount(api.contract, first, [...last, ...pages]), ...pagesMatch(api.contract, [first, ...last], pages)]).toConformToSpec();
      },
    );

    test(covers('repeated identical requests return the same page', 'stable-order'), async ({ api }) => {
      const request = { query: query(1, limit.default) };

      const first = await api.send(request);
      const second = await api.send(request);
      const third = await api.send(request);

      expect(first).toConformToSpec(expectOk(api.contract));
      expect([...samePage(api.contract, stableOrder, first, second, 'the first answer'), ...samePage(api.contract, stableOrder, first, third, 'the first answer')]).toConformToSpec();
    });

    test(covers(`an ${list.offset} equal to ${list.total} answers an empty page with the same ${list.total}`, 'page-length', 'count-is-total'), async ({ api }) => {
      const first = await api.send({ query: query(undefined, limit.maximum) });
      expect(first).toConformToSpec(expectOk(api.contract));
      const count = totalOf(api, first);

      const atEnd = await api.send({ query: query(count, limit.maximum) });

      expect(atEnd).toConformToSpec(expectSuccess(api.contract, 'page-length'));
      expect(sameCount(api.contract, first, [atEnd])).toConformToSpec();
    });

    test(covers(`${list.total} is the same for every ${list.offset} and ${list.limit}`, 'count-is-total'), async ({ api }) => {
      const pages = [];
      const queries: Record<string, number>[] = [{}, query(1, limit.minimum), query(2, 7), query(0, limit.maximum)];
      for (const query of queries) {
        pages.push(await api.send({ query }));
      }

      for (const page of pages) expect(page).toConformToSpec(expectOk(api.contract));
      expect(sameCount(api.contract, pages[0]!, pages.slice(1))).toConformToSpec();
    });
  });
});
