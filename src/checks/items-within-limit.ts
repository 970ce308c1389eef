import type { Check } from './check';
import { pageOf } from '../paging/page';

/** A page holds at most `limit` items. */
export const itemsWithinLimit: Check = {
  id: 'items-within-limit',
  title: 'More items than limit',
  run: ({ contract, exchange }) => {
    const page = pageOf(contract, exchange);
    if (!page || page.limit === undefined || page.items.length <= page.limit) return [];
    return [
      {
        at: 'body.items',
        expected: `at most ${page.limit} items (limit)`,
        actual: `${page.items.length} item${page.items.length === 1 ? '' : 's'}`,
        rule: contract.operation.rule('items-within-limit').pointer,
        ruleId: 'items-within-limit',
      },
    ];
  },
};
