import type { Check } from './check';
import { pageOf } from '../paging/page';

/** A non-empty page lies inside the total: count >= offset + items. */
export const countCoversPage: Check = {
  id: 'count-covers-page',
  title: 'Total smaller than the page',
  run: ({ contract, exchange }) => {
    const page = pageOf(contract, exchange);
    if (!page || page.offset === undefined || page.items.length === 0) return [];
    const needed = page.offset + page.items.length;
    if (page.count >= needed) return [];
    return [
      {
        at: 'body.count',
        expected: `at least ${needed} (offset ${page.offset} + ${page.items.length} item${page.items.length === 1 ? '' : 's'})`,
        actual: String(page.count),
        rule: contract.operation.rule('count-covers-page').pointer,
        ruleId: 'count-covers-page',
      },
    ];
  },
};
