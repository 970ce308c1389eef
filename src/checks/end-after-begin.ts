import type { Check } from './check';
import { pageOf } from '../paging/page';

/** An item does not end before it begins; the rule names the two properties (`begin`, `end`). */
export const endAfterBegin: Check = {
  id: 'end-after-begin',
  title: 'Item ends before it begins',
  ruleFields: (rule) => ['begin', 'end'].filter((name) => typeof rule.fields[name] !== 'string').map((name) => `${name}: the item property it compares (begin_time, end_time)`),
  run: ({ contract, exchange }) => {
    const rule = contract.operation.rules.get(endAfterBegin.id);
    const page = rule && pageOf(contract, exchange);
    if (!page) return [];
    const { begin, end } = rule.fields as { begin?: unknown; end?: unknown };
    if (typeof begin !== 'string' || typeof end !== 'string') return [];
    return page.items.flatMap((item, index) => {
      const began = typeof item[begin] === 'string' ? Date.parse(item[begin] as string) : NaN;
      const ended = typeof item[end] === 'string' ? Date.parse(item[end] as string) : NaN;
      if (Number.isNaN(began) || Number.isNaN(ended) || ended >= began) return [];
      return [
        {
          at: `body.${page.list.items}[${index}].${end}`,
          expected: `not earlier than ${begin} ${JSON.stringify(item[begin])}`,
          actual: JSON.stringify(item[end]),
          rule: rule.pointer,
          ruleId: rule.id,
        },
      ];
    });
  },
};
