/**
 * The pagination invariants across pages: the walks, the edges of a list, repeated requests. Named to
 * come first: its walks are the longest tests of a run, and a worker that starts them last leaves the
 * others idle at the end of a run across a network.
 */
import { expectOk, expectSuccess } from '../../src/checks/expectations';
import { sameCount } from '../../src/checks/count-is-total';
import { pagesMatch, samePage, stableOrder } from '../../src/checks/stable-order';
import type { Exchange } from '../../src/http/exchange';
import { ODD_WALK_PAGES, oddWalkSize, type LimitBounds } from '../../src/paging/walk-size';
import type { Operation } from '../../src/spec/operation';
import { covers, expect, forEachList, MAX_WALK_PAGES, test, type Api } from '../fixtures';

/**
 * Pages of the smallest size sent at each end of the list. A full walk with it would repeat, at one
 * request a subtask, what the walks above show; what only it shows is a page of one at the first
 * offsets, the last subtask alone and the empty page at offset = count.
 */
const EDGE_PAGES = 2;

/** The requests a walk of `size` sends through a list of `count` items: its pages and the empty or short one that ends it. */
const pagesOf = (count: number, size: number) => Math.ceil(count / size) + 1;

/**
 * Gives the test the time its walk's requests are each allowed (CONTRACT_TIMEOUT_MS): across a slow
 * network a walk of a large record outlasts the default test timeout, and a hung request still fails
 * on its own timeout, with its curl line.
 */
function extendTimeout(api: Api, requests: number): void {
  if (Number.isFinite(requests)) test.setTimeout(test.info().timeout + requests * api.timeoutMs);
}

/**
 * The first page of the largest size, which says the total and starts the walk of that size; skips the
 * test when that walk would take more requests than a walk may send.
 */
async function skipUnlessWalkable(api: Api, pageSize: number): Promise<Exchange> {
  const { list } = api.contract.operation;
  const probe = await api.send({ query: { [list.offset]: 0, [list.limit]: pageSize } });
  const count = Number((probe.response.json as Record<string, unknown> | undefined)?.[list.total]);
  expect(probe).toConformToSpec(expectOk(api.contract));
  const pages = pagesOf(count, pageSize);
  test.skip(pages > MAX_WALK_PAGES, `the list holds ${count} items: a walk with ${list.limit}=${pageSize} would take ${pages} requests (at most ${MAX_WALK_PAGES})`);
  extendTimeout(api, pages);
  return probe;
}

const limitOf = (operation: Operation) => operation.parameter(operation.list.limit).schema as LimitBounds;
/** The total a page reports, by the list shape. */
const totalOf = (api: Api, page: { response: { json?: unknown } }) => (page.response.json as Record<string, number>)[api.contract.operation.list.total]!;

forEachList(test, ({ operation }) => {
  const { list } = operation;
  const limit = limitOf(operation);
  const query = (offset: number | undefined, size: number) => ({ ...(offset === undefined ? {} : { [list.offset]: offset }), [list.limit]: size });

  test.describe('pagination invariants', { tag: '@pagination' }, () => {
    /**
     * Two full walks: the largest size, the loop real clients use, and an odd size taken from the list's
     * total (src/paging/walk-size.ts), whose pages end where no page of the default or the largest does,
     * in the order of the first. The smallest size is judged at the list's edges below, the default by
     * the default page (pagination-defaults.spec.ts).
     */
    test(
      covers(`walking with ${list.limit}=${limit.maximum} (the loop real clients use) and with an odd ${list.limit} (about ${ODD_WALK_PAGES} pages) returns every item exactly once, the same ${list.total} on every page, in the same order`, 'walk-complete', 'count-is-total', 'unique-ids', 'stable-order'),
      async ({ api }) => {
        // The two walks are compared with each other: a list that grew between them is walked again.
        const { count, size, odd, reference, walk } = await api.steady(
          'walked twice',
          async () => {
            const first = await skipUnlessWalkable(api, limit.maximum);
            const count = Number(totalOf(api, first));
            const size = Number.isInteger(count) ? oddWalkSize(limit, count) : undefined;
            // Past MAX_WALK_PAGES the walker gives up: the walk of the largest size judges such a list alone.
            const odd = size !== undefined && pagesOf(count, size) <= MAX_WALK_PAGES ? size : undefined;
            if (odd !== undefined) extendTimeout(api, pagesOf(count, odd));
            const reference = await api.walk(limit.maximum, {}, first);
            const walk = odd === undefined ? undefined : await api.walk(odd);
            return { count, size, odd, reference, walk };
          },
          ({ reference, walk }) => [...reference.pages, ...(walk?.pages ?? [])],
        );

        test.info().annotations.push({
          type: 'odd walk',
          description: walk ? `${list.limit}=${odd}: ${walk.pages.length} pages of the ${count} items` : size === undefined ? `none: the bounds of ${list.limit} leave no odd size` : `none: ${list.limit}=${size} would take more than ${MAX_WALK_PAGES} requests`,
        });
        expect(walk ? [reference, walk] : reference).toConformToSpec();
      },
    );

    test(
      covers(
        `${list.limit}=${limit.minimum} pages at both ends of the list hold the item at their ${list.offset}, an ${list.offset} equal to ${list.total} answers an empty page, and every page gives the same ${list.total}`,
        'page-length',
        'count-is-total',
        'stable-order',
      ),
      async ({ api }) => {
        const { first, last, pages, atEnd } = await api.steady(
          'read at its ends',
          async () => {
            const first = await api.send({ query: query(undefined, limit.maximum) });
            expect(first).toConformToSpec(expectOk(api.contract));
            const count = totalOf(api, first);
            const last = count > limit.maximum ? [await api.send({ query: query(count - limit.maximum, limit.maximum) })] : [];
            const offsets = [...new Set([...Array(EDGE_PAGES).keys(), ...[...Array(EDGE_PAGES).keys()].map((back) => count - back)])].filter((o) => o >= 0 && o <= count).sort((a, b) => a - b);
            const pages = [];
            for (const offset of offsets) pages.push(await api.send({ query: query(offset, limit.minimum) }));
            const atEnd = await api.send({ query: query(count, limit.maximum) });
            return { first, last, pages, atEnd };
          },
          ({ first, last, pages, atEnd }) => [first, ...last, ...pages, atEnd],
        );

        for (const page of [...last, ...pages, atEnd]) expect(page).toConformToSpec(expectSuccess(api.contract, 'page-length'));
        expect([...sameCount(api.contract, first, [...last, ...pages, atEnd]), ...pagesMatch(api.contract, [first, ...last], pages)]).toConformToSpec();
      },
    );

    test(covers('repeated identical requests return the same page', 'stable-order'), async ({ api }) => {
      const request = { query: query(1, limit.default) };

      const [first, second, third] = await api.steady('read three times', async () => [await api.send(request), await api.send(request), await api.send(request)] as const, (answers) => answers);

      expect(first).toConformToSpec(expectOk(api.contract));
      expect([...samePage(api.contract, stableOrder, first, second, 'the first answer'), ...samePage(api.contract, stableOrder, first, third, 'the first answer')]).toConformToSpec();
    });
  });
});
