import type { Check } from './check';
import { pageOf } from '../paging/page';

/** A page holds at most `limit` items. */
export const itemsWithinLimit: Check = {
  id: 'items-within-limit',
  title: 'More items than limit',
  run: ({ contract, exchange }) => {
    const rule = contract.operation.rules.get(itemsWithinLimit.id);
    const page = rule && pageOf(contract, exchange);
    if (!page || page.limit === undefined || page.items.length <= page.limit) return [];
    return [
      {
        at: `body.${page.list.items}`,
        expected: `at most ${page.limit} items (${page.list.limit})`,
        actual: `${page.items.length} item${page.items.length === 1 ? '' : 's'}`,
        rule: rule.pointer,
        ruleId: rule.id,
      },
    ];
  },
};
