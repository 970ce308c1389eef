import { idsOf, pageOf } from '../paging/page';
import type { Check, PageFinding } from './check';

/** No subtask id appears twice, within a page or across the pages of a walk. */
export const uniqueIds: Check = {
  id: 'unique-ids',
  title: 'Subtask listed twice',
  run: ({ contract, exchange }) => {
    const page = pageOf(contract, exchange);
    if (!page) return [];
    const rule = contract.operation.rule(uniqueIds.id).pointer;
    const firstIndex = new Map<unknown, number>();
    return page.items.flatMap((item, index) => {
      if (item.id === undefined) return [];
      const first = firstIndex.get(item.id);
      if (first === undefined) {
        firstIndex.set(item.id, index);
        return [];
      }
      return [{ at: `body.items[${index}].id`, expected: 'an id not listed before', actual: `${JSON.stringify(item.id)}, also at items[${first}]`, rule, ruleId: uniqueIds.id }];
    });
  },
  walk: ({ contract, walk }) => {
    const rule = contract.operation.rule(uniqueIds.id).pointer;
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
          findings.push({ exchange, at: `body.items[${index}].id`, expected: 'an id not returned by an earlier page', actual: `${JSON.stringify(id)}, already on page ${earlier + 1} of the walk with limit ${walk.limit}`, rule, ruleId: uniqueIds.id });
        }
      });
    });
    return findings;
  },
};
