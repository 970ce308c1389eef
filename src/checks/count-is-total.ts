import type { Contract } from '../contract';
import type { Exchange } from '../http/exchange';
import { pageOf } from '../paging/page';
import { violationOf, type Check } from './check';
import type { Violation } from './violation';

/** The total is the same on every page of a walk, and for every offset and limit. */
export const countIsTotal: Check = {
  id: 'count-is-total',
  title: 'Total changes between pages',
  walk: ({ contract, walk }) => {
    const rule = contract.operation.rules.get(countIsTotal.id);
    const [first, ...rest] = walk.pages;
    const firstPage = rule && first && pageOf(contract, first);
    if (!firstPage) return [];
    const { list } = firstPage;
    return rest.flatMap((exchange) => {
      const page = pageOf(contract, exchange);
      if (!page || page.total === firstPage.total) return [];
      return [{ exchange, at: `body.${list.total}`, expected: `${firstPage.total}, the ${list.total} of the first page (${list.offset} 0, ${list.limit} ${walk.limit})`, actual: `${page.total} at ${list.offset} ${page.offset}`, rule: rule.pointer, ruleId: rule.id }];
    });
  },
};

/** Every page of the list, wherever it starts and however long, reports the total of `reference`. */
export function sameCount(contract: Contract, reference: Exchange, others: readonly Exchange[]): Violation[] {
  const rule = contract.operation.rules.get(countIsTotal.id);
  const first = rule && pageOf(contract, reference);
  if (!first) return [];
  const { list } = first;
  return others.flatMap((exchange) => {
    const page = pageOf(contract, exchange);
    if (!page || page.total === first.total) return [];
    return [violationOf(countIsTotal, { at: `body.${list.total}`, expected: `${first.total}, the ${list.total} at ${list.offset} ${first.offset} with ${list.limit} ${first.limit}`, actual: `${page.total} at ${list.offset} ${page.offset} with ${list.limit} ${page.limit}`, rule: rule.pointer, ruleId: rule.id }, exchange)];
  });
}
