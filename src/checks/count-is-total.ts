import type { Contract } from '../contract';
import type { Exchange } from '../http/exchange';
import { pageOf } from '../paging/page';
import { violationOf, type Check } from './check';
import type { Violation } from './violation';

/** count is the total: the same on every page of a walk, and for every offset and limit. */
export const countIsTotal: Check = {
  id: 'count-is-total',
  title: 'Total changes between pages',
  walk: ({ contract, walk }) => {
    const [first, ...rest] = walk.pages;
    const firstPage = first && pageOf(contract, first);
    if (!firstPage) return [];
    const rule = contract.operation.rule(countIsTotal.id).pointer;
    return rest.flatMap((exchange) => {
      const page = pageOf(contract, exchange);
      if (!page || page.count === firstPage.count) return [];
      return [{ exchange, at: 'body.count', expected: `${firstPage.count}, the count of the first page (offset 0, limit ${walk.limit})`, actual: `${page.count} at offset ${page.offset}`, rule, ruleId: countIsTotal.id }];
    });
  },
};

/** Every page of the record, wherever it starts and however long, reports the count of `reference`. */
export function sameCount(contract: Contract, reference: Exchange, others: readonly Exchange[]): Violation[] {
  const first = pageOf(contract, reference);
  if (!first) return [];
  const rule = contract.operation.rule(countIsTotal.id).pointer;
  return others.flatMap((exchange) => {
    const page = pageOf(contract, exchange);
    if (!page || page.count === first.count) return [];
    return [violationOf(countIsTotal, { at: 'body.count', expected: `${first.count}, the count at offset ${first.offset} with limit ${first.limit}`, actual: `${page.count} at offset ${page.offset} with limit ${page.limit}`, rule, ruleId: countIsTotal.id }, exchange)];
  });
}
