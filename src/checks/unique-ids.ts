import { idsOf, pageOf } from '../paging/page';
import type { Check, PageFinding } from './check';

/** No item's id (x-list item-id) appears twice, within a page or across the pages of a walk. */
export const uniqueIds: Check = {
  id: 'unique-ids',
  title: 'Item listed twice',
  run: ({ contract, exchange }) => {
    const found = contract.operation.rules.get(uniqueIds.id);
    const page = found && pageOf(contract, exchange);
    if (!page) return [];
    const rule = found.pointer;
    const { items, itemId } = page.list;
    const firstIndex = new Map<unknown, number>();
    return idsOf(page).flatMap((id, index) => {
      if (id === undefined) return [];
      const first = firstIndex.get(id);
      if (first === undefined) {
        firstIndex.set(id, index);
        return [];
      }
      return [{ at: `body.${items}[${index}].${itemId}`, expected: 'an id not listed before', actual: `${JSON.stringify(id)}, also at ${items}[${first}]`, rule, ruleId: uniqueIds.id }];
    });
  },
  walk: ({ contract, walk }) => {
    const found = contract.operation.rules.get(uniqueIds.id);
    if (!found) return [];
    const rule = found.pointer;
    const seen = new Map<unknown, number>();
    const findings: PageFinding[] = [];
    walk.pages.forEach((exchange, pageIndex) => {
      const page = pageOf(contract, exchange);
      if (!page) return;
      idsOf(page).forEach((id, index) => {
        if (id === undefined) return;
        const earlier = seen.get(id);
        if (earlier === undefined) seen.set(id, pageIndex);
        else if (earlier !== pageIndex) {
          findings.push({ exchange, at: `body.${page.list.items}[${index}].${page.list.itemId}`, expected: 'an id not returned by an earlier page', actual: `${JSON.stringify(id)}, already on page ${earlier + 1} of the walk with limit ${walk.limit}`, rule, ruleId: uniqueIds.id });
        }
      });
    });
    return findings;
  },
};
