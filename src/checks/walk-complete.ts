import { pageOf } from '../paging/page';
import type { Check } from './check';

/** Advancing offset by the items received until a short page returns exactly count items. */
export const walkComplete: Check = {
  id: 'walk-complete',
  title: 'Paging does not return every subtask once',
  walk: ({ contract, walk }) => {
    const [first] = walk.pages;
    const firstPage = first && pageOf(contract, first);
    if (!firstPage) return [];
    const received = walk.pages.reduce((sum, exchange) => sum + (pageOf(contract, exchange)?.items.length ?? 0), 0);
    if (!walk.stoppedEarly && received === firstPage.count) return [];
    return [{
      exchange: walk.pages[walk.pages.length - 1]!,
      expected: `${firstPage.count} items (count) over the walk with limit ${walk.limit}, ending on a short page`,
      actual: `${received} items in ${walk.pages.length} pages${walk.stoppedEarly ? `; ${walk.stoppedEarly}` : ''}`,
      rule: contract.operation.rule(walkComplete.id).pointer,
      ruleId: walkComplete.id,
    }];
  },
};
