import type { Check } from './check';
import { pageOf } from '../paging/page';

/** Only the last page is short: items = min(limit, max(count - offset, 0)). */
export const pageLength: Check = {
  id: 'page-length',
  title: 'Wrong page length',
  run: ({ contract, exchange }) => {
    const page = pageOf(contract, exchange);
    if (!page || page.offset === undefined || page.limit === undefined) return [];
    const expected = Math.min(page.limit, Math.max(page.count - page.offset, 0));
    if (page.items.length === expected) return [];
    return [
      {
        at: 'body.items',
        expected: `${expected} items = min(limit ${page.limit}, max(count ${page.count} - offset ${page.offset}, 0))`,
        actual: `${page.items.length} item${page.items.length === 1 ? '' : 's'}`,
        rule: contract.operation.rule('page-length').pointer,
        ruleId: 'page-length',
      },
    ];
  },
};
