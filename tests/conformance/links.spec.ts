import { expectOk } from '../../src/checks/expectations';
import { checkLinked } from '../../src/checks/index';
import { loadContracts } from '../../src/contract';
import type { Walk } from '../../src/http/exchange';
import { changedBetween, linkedPath, settled, settledText } from '../../src/paging/links';
import { pageOf } from '../../src/paging/page';
import { covers, expect, forEachList, test } from '../fixtures';

/**
 * Rules across operations: a rule that follows a link of the success response (counts-match-subtasks)
 * is judged on the items of a first page, each against the walk of the list its link leads to, taken
 * right after. Items come a few to a test, so that the workers share the walks.
 */
const ITEMS_PER_TEST = 4;
/** The items of a first page judged, as many as a live run can walk the linked lists of in a few seconds. */
const JUDGED_ITEMS = 4;

forEachList(test, ({ operation }) => {
  const linkedRules = [...operation.rules.values()].filter((rule) => rule.link);
  if (linkedRules.length === 0) return;
  const limit = operation.parameter(operation.list.limit).schema;
  const pageSize = Math.min(JUDGED_ITEMS, limit.maximum as number);

  test.describe('rules across operations', { tag: '@semantics' }, () => {
    for (const rule of linkedRules) {
      const link = rule.link!;
      const target = loadContracts().of(link.operationId).operation;
      const walkLimit = target.parameter(target.list.limit).schema.maximum as number;
      for (let first = 0; first < pageSize; first += ITEMS_PER_TEST) {
        const last = Math.min(first + ITEMS_PER_TEST, pageSize);
        test(covers(`items ${first + 1} to ${last} of the first page, each against ${link.operationId} through link ${link.name}: ${rule.summary.replace(/\.$/, '')}`, rule.id), async ({ api }) => {
          const page = await api.send({ query: { [operation.list.limit]: pageSize } });
          expect(page).toConformToSpec(expectOk(api.contract));
          const items = ((page.response.json as Record<string, unknown>)[operation.list.items] as unknown[]).length;
          test.skip(items <= first, `the first page holds ${items} items`);

          const linked = api.of(link.operationId);
          const walks: [number, Walk][] = [];
          for (let item = first; item < Math.min(last, items); item += 1) {
            const path = linkedPath(link, operation, page, item);
            expect(path, `link ${link.name} (${link.pointer}) cannot be followed from item ${item} of the page`).toBeDefined();
            const walk = await linked.walk(walkLimit, { path: path! });
            expect(walk).toConformToSpec();
            walks.push([item, walk]);
          }
          // The page again: an item still changing (an execution still running) moves on between the two
          // lists; one that reads the same after the walks was read with its linked list as one snapshot.
          const again = await api.send({ query: { [operation.list.limit]: pageSize } });
          expect(again).toConformToSpec(expectOk(api.contract));

          const judged = walks.filter(([item]) => {
            const moved = settled(rule, pageOf(api.contract, page)?.items[item]) ? undefined : changedBetween(api.contract, page, again, item);
            if (moved) test.info().annotations.push({ type: 'not judged', description: `${rule.id}: item ${item + 1} ${moved}, not yet ${settledText(rule) ?? 'settled'}: left out, as one that moved on between the two reads` });
            return !moved;
          });
          for (const [item, walk] of judged) expect(checkLinked(api.contract, page, item, linked.contract, walk)).toConformToSpec();
          test.skip(judged.length === 0, `every item changed while its linked list was read (${rule.id} judges an item that reads the same before and after it)`);
        });
      }
    }
  });
});
