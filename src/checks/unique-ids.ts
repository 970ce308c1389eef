import type { Check } from './check';
import { pageOf } from '../paging/page';

/** No subtask id appears twice in one page (walk.ts checks the pages of a walk together). */
export const uniqueIds: Check = {
  id: 'unique-ids',
  title: 'Subtask listed twice',
  run: ({ contract, exchange }) => {
    const page = pageOf(contract, exchange);
    if (!page) return [];
    const rule = contract.operation.rule('unique-ids').pointer;
    const ruleId = 'unique-ids';
    const firstIndex = new Map<unknown, number>();
    return page.items.flatMap((item, index) => {
      if (item.id === undefined) return [];
      const first = firstIndex.get(item.id);
      if (first === undefined) {
        firstIndex.set(item.id, index);
        return [];
      }
      return [{ at: `body.items[${index}].id`, expected: 'an id not listed before', actual: `${JSON.stringify(item.id)}, also at items[${first}]`, rule, ruleId }];
    });
  },
};
