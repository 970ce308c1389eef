import type { Contract } from '../contract';
import type { Exchange, Walk } from '../http/exchange';
import { idsOf, pageOf, type Page } from '../paging/page';
import { violationOf, type Check } from './check';
import type { Violation } from './violation';

/** Items come in the same order for every page size and for repeated identical requests. */
export const stableOrder: Check = {
  id: 'stable-order',
  title: 'Order of items not stable',
  walks: ({ contract, walks }) => {
    const [reference, ...others] = walks;
    const found = contract.operation.rules.get(stableOrder.id);
    if (!reference || !found) return [];
    const expected = walkIds(contract, reference);
    const rule = found.pointer;
    const { items, limit } = contract.operation.list;
    return others.flatMap((walk) => {
      const actual = walkIds(contract, walk);
      const index = actual.findIndex((id, i) => id !== expected[i]);
      if (index === -1 && actual.length === expected.length) return [];
      const at = index === -1 ? Math.min(actual.length, expected.length) : index;
      const pageIndex = Math.min(Math.floor(at / walk.limit), walk.pages.length - 1);
      return [{
        exchange: walk.pages[pageIndex]!,
        at: `item #${at + 1} of the walk (${items}[${at - pageIndex * walk.limit}] of page ${pageIndex + 1})`,
        expected: `${JSON.stringify(expected[at])}, as in the walk with ${limit} ${reference.limit}`,
        actual: `${JSON.stringify(actual[at])} with ${limit} ${walk.limit}`,
        rule,
        ruleId: stableOrder.id,
      }];
    });
  },
};

/** Each page lists, at each of its positions, the item the reference pages list there: the order does not depend on the page size. */
export function pagesMatch(contract: Contract, reference: readonly Exchange[], others: readonly Exchange[]): Violation[] {
  const found = contract.operation.rules.get(stableOrder.id);
  if (!found) return [];
  const expected = new Map<number, { id: unknown; page: Page }>();
  for (const exchange of reference) {
    const page = pageOf(contract, exchange);
    if (page) idsOf(page).forEach((id, index) => expected.set((page.offset ?? 0) + index, { id, page }));
  }
  const rule = found.pointer;
  const { items, itemId, offset, limit } = contract.operation.list;
  return others.flatMap((exchange) => {
    const page = pageOf(contract, exchange);
    if (!page) return [];
    const ids = idsOf(page);
    const index = ids.findIndex((id, i) => {
      const there = expected.get((page.offset ?? 0) + i);
      return there !== undefined && there.id !== id;
    });
    if (index === -1) return [];
    const position = (page.offset ?? 0) + index;
    const there = expected.get(position)!;
    return [violationOf(stableOrder, {
      at: `body.${items}[${index}].${itemId} (item #${position + 1})`,
      expected: `${JSON.stringify(there.id)}, as at ${offset} ${there.page.offset} with ${limit} ${there.page.limit}`,
      actual: `${JSON.stringify(ids[index])} at ${offset} ${page.offset} with ${limit} ${page.limit}`,
      rule,
      ruleId: stableOrder.id,
    }, exchange)];
  });
}

/** Two answers that stand for the same request give the same page (same total, same ids in the same order), by the rule of `check`. */
export function samePage(contract: Contract, check: Pick<Check, 'id' | 'title'>, reference: Exchange, other: Exchange, what: string): Violation[] {
  const rule = contract.operation.rules.get(check.id);
  const a = rule && pageOf(contract, reference);
  const b = rule && pageOf(contract, other);
  if (!a || !b) return [];
  const expected = JSON.stringify(idsOf(a));
  const actual = JSON.stringify(idsOf(b));
  if (expected === actual && a.total === b.total) return [];
  const { total } = a.list;
  return [violationOf(check, { at: 'body', expected: `${total} ${a.total} and ids ${expected} (${what})`, actual: `${total} ${b.total} and ids ${actual}`, rule: rule.pointer, ruleId: check.id }, other)];
}

function walkIds(contract: Contract, walk: Walk): unknown[] {
  return walk.pages.flatMap((exchange) => {
    const page = pageOf(contract, exchange);
    return page ? idsOf(page) : [];
  });
}
