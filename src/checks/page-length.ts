import type { Check } from './check';
import { pageOf } from '../paging/page';

/** Only the last page is short: items = min(limit, max(total - offset, 0)). */
export const pageLength: Check = {
  id: 'page-length',
  title: 'Wrong page length',
  run: ({ contract, exchange }) => {
    const rule = contract.operation.rules.get(pageLength.id);
    const page = rule && pageOf(contract, exchange);
    if (!page || page.offset === undefined || page.limit === undefined) return [];
    const expected = Math.min(page.limit, Math.max(page.total - page.offset, 0));
    if (page.items.length === expected) return [];
    const { list } = page;
    return [
      {
        at: `body.${list.items}`,
        expected: `${expected} items = min(${list.limit} ${page.limit}, max(${list.total} ${page.total} - ${list.offset} ${page.offset}, 0))`,
        actual: `${page.items.length} item${page.items.length === 1 ? '' : 's'}`,
        rule: rule.pointer,
        ruleId: rule.id,
      },
    ];
  },
};
