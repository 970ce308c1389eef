import type { Check } from './check';
import { pageOf } from '../paging/page';

/** Every item belongs to what the path names: its owner property (x-list owner) equals the path parameter. */
export const ownerMatchesPath: Check = {
  id: 'owner-matches-path',
  title: 'Item of another owner than the path names',
  run: ({ contract, exchange }) => {
    const rule = contract.operation.rules.get(ownerMatchesPath.id);
    const page = rule && pageOf(contract, exchange);
    if (!page) return [];
    const { parameter, property } = page.list.owner;
    const expected = exchange.request.pathParams[parameter];
    if (expected === undefined) return [];
    return page.items.flatMap((item, index) =>
      item[property] === undefined || item[property] === expected
        ? []
        : [{ at: `body.${page.list.items}[${index}].${property}`, expected: `${JSON.stringify(expected)}, the ${parameter} of the path`, actual: JSON.stringify(item[property]), rule: rule.pointer, ruleId: rule.id }],
    );
  },
};
