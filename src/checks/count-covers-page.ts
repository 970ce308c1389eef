import type { Check } from './check';
import { pageOf } from '../paging/page';

/** A non-empty page lies inside the total: total >= offset + items. */
export const countCoversPage: Check = {
  id: 'count-covers-page',
  title: 'Total smaller than the page',
  run: ({ contract, exchange }) => {
    const rule = contract.operation.rules.get(countCoversPage.id);
    const page = rule && pageOf(contract, exchange);
    if (!page || page.offset === undefined || page.items.length === 0) return [];
    const needed = page.offset + page.items.length;
    if (page.total >= needed) return [];
    return [
      {
        at: `body.${page.list.total}`,
        expected: `at least ${needed} (${page.list.offset} ${page.offset} + ${page.items.length} item${page.items.length === 1 ? '' : 's'})`,
        actual: String(page.total),
        rule: rule.pointer,
        ruleId: rule.id,
      },
    ];
  },
};
