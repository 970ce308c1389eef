import type { Check } from './check';
import { pageOf } from '../paging/page';

/** A subtask does not end before it begins. */
export const endAfterBegin: Check = {
  id: 'end-after-begin',
  title: 'Subtask ends before it begins',
  run: ({ contract, exchange }) => {
    const page = pageOf(contract, exchange);
    if (!page) return [];
    const rule = contract.operation.rule('end-after-begin').pointer;
    const ruleId = 'end-after-begin';
    return page.items.flatMap((item, index) => {
      const begin = typeof item.begin_time === 'string' ? Date.parse(item.begin_time) : NaN;
      const end = typeof item.end_time === 'string' ? Date.parse(item.end_time) : NaN;
      if (Number.isNaN(begin) || Number.isNaN(end) || end >= begin) return [];
      return [
        {
          at: `body.items[${index}].end_time`,
          expected: `not earlier than begin_time ${JSON.stringify(item.begin_time)}`,
          actual: JSON.stringify(item.end_time),
          rule,
          ruleId,
        },
      ];
    });
  },
};
