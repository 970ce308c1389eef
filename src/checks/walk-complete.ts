import { pageOf } from '../paging/page';
import type { Check } from './check';

/** Advancing offset by the items received until a short page returns exactly the total of items. */
export const walkComplete: Check = {
  id: 'walk-complete',
  title: 'Paging does not return every item once',
  walk: ({ contract, walk }) => {
    const rule = contract.operation.rules.get(walkComplete.id);
    const [first] = walk.pages;
    const firstPage = rule && first && pageOf(contract, first);
    if (!firstPage) return [];
    const received = walk.pages.reduce((sum, exchange) => sum + (pageOf(contract, exchange)?.items.length ?? 0), 0);
    if (!walk.stoppedEarly && received === firstPage.total) return [];
    return [{
      exchange: walk.pages[walk.pages.length - 1]!,
      expected: `${firstPage.total} items (${firstPage.list.total}) over the walk with ${firstPage.list.limit} ${walk.limit}, ending on a short page`,
      actual: `${received} items in ${walk.pages.length} pages${walk.stoppedEarly ? `; ${walk.stoppedEarly}` : ''}`,
      rule: rule.pointer,
      ruleId: rule.id,
    }];
  },
};
