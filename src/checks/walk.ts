import type { Contract } from '../contract';
import type { Exchange, Walk } from '../http/exchange';
import type { Violation } from './violation';
import { checkExchange } from './index';
import { idsOf, pageOf, type Page } from './page';

/** Rules that only a sequence of pages can break: totals, duplicates and gaps across pages, order. */

function violation(contract: Contract, ruleId: string, title: string, exchange: Exchange, finding: { at?: string; expected: string; actual: string }): Violation {
  return { check: ruleId, title, exchange, rule: contract.operation.rule(ruleId).pointer, ruleId, ...finding };
}

/** Every page conforms on its own, count is the same on every page, no id repeats, and the walk yields count items. */
export function checkWalk(contract: Contract, walk: Walk): Violation[] {
  return [...walk.pages.flatMap((exchange) => checkExchange(contract, exchange)), ...checkAcrossPages(contract, walk)];
}

/** What only the pages together show: count is the same on every page, no id repeats, and the walk yields count items. */
export function checkAcrossPages(contract: Contract, walk: Walk): Violation[] {
  const violations: Violation[] = [];
  const [first] = walk.pages;
  const firstPage = first && pageOf(contract, first);
  if (!first || !firstPage) return violations;

  const seen = new Map<unknown, number>();
  let received = 0;
  walk.pages.forEach((exchange, pageIndex) => {
    const page = pageOf(contract, exchange);
    if (!page) return;
    if (page.count !== firstPage.count) {
      violations.push(
        violation(contract, 'count-is-total', 'Total changes between pages', exchange, {
          at: 'body.count',
          expected: `${firstPage.count}, the count of the first page (offset 0, limit ${walk.limit})`,
          actual: `${page.count} at offset ${page.offset}`,
        }),
      );
    }
    idsOf(page).forEach((id, index) => {
      const earlier = seen.get(id);
      if (id !== undefined && earlier !== undefined && earlier !== pageIndex) {
        violations.push(
          violation(contract, 'unique-ids', 'Subtask listed on two pages', exchange, {
            at: `body.items[${index}].id`,
            expected: 'an id not returned by an earlier page',
            actual: `${JSON.stringify(id)}, already on page ${earlier + 1} of the walk with limit ${walk.limit}`,
          }),
        );
      }
      if (id !== undefined && earlier === undefined) seen.set(id, pageIndex);
    });
    received += page.items.length;
  });

  const last = walk.pages[walk.pages.length - 1]!;
  if (walk.stoppedEarly || received !== firstPage.count) {
    violations.push(
      violation(contract, 'walk-complete', 'Paging does not return every subtask once', last, {
        expected: `${firstPage.count} items (count) over the walk with limit ${walk.limit}, ending on a short page`,
        actual: `${received} items in ${walk.pages.length} pages${walk.stoppedEarly ? `; ${walk.stoppedEarly}` : ''}`,
      }),
    );
  }
  return violations;
}

/** Walks of the same record list the same ids in the same order, whatever the page size. */
export function checkSameOrder(contract: Contract, walks: readonly Walk[]): Violation[] {
  const [reference, ...others] = walks;
  if (!reference) return [];
  const expected = walkIds(contract, reference);
  const violations: Violation[] = [];
  for (const walk of others) {
    const actual = walkIds(contract, walk);
    const index = actual.findIndex((id, i) => id !== expected[i]);
    if (index === -1 && actual.length === expected.length) continue;
    const at = index === -1 ? Math.min(actual.length, expected.length) : index;
    const pageIndex = Math.min(Math.floor(at / walk.limit), walk.pages.length - 1);
    violations.push(
      violation(contract, 'stable-order', 'Order differs between page sizes', walk.pages[pageIndex]!, {
        at: `subtask #${at + 1} of the walk (items[${at - pageIndex * walk.limit}] of page ${pageIndex + 1})`,
        expected: `${JSON.stringify(expected[at])}, as in the walk with limit ${reference.limit}`,
        actual: `${JSON.stringify(actual[at])} with limit ${walk.limit}`,
      }),
    );
  }
  return violations;
}

/** Each page lists, at each of its positions, the subtask the reference pages list there: the order does not depend on the page size. */
export function checkPagesMatch(contract: Contract, reference: readonly Exchange[], others: readonly Exchange[]): Violation[] {
  const expected = new Map<number, { id: unknown; page: Page }>();
  for (const exchange of reference) {
    const page = pageOf(contract, exchange);
    page?.items.forEach((item, index) => expected.set((page.offset ?? 0) + index, { id: item.id, page }));
  }
  return others.flatMap((exchange) => {
    const page = pageOf(contract, exchange);
    if (!page) return [];
    const index = page.items.findIndex((item, i) => {
      const there = expected.get((page.offset ?? 0) + i);
      return there !== undefined && there.id !== item.id;
    });
    if (index === -1) return [];
    const position = (page.offset ?? 0) + index;
    const there = expected.get(position)!;
    return [
      violation(contract, 'stable-order', 'Order differs between page sizes', exchange, {
        at: `body.items[${index}].id (subtask #${position + 1})`,
        expected: `${JSON.stringify(there.id)}, as at offset ${there.page.offset} with limit ${there.page.limit}`,
        actual: `${JSON.stringify(page.items[index]!.id)} at offset ${page.offset} with limit ${page.limit}`,
      }),
    ];
  });
}

/** The same request answered twice gives the same page. */
export function checkSamePage(contract: Contract, ruleId: string, reference: Exchange, other: Exchange, what: string): Violation[] {
  const a = pageOf(contract, reference);
  const b = pageOf(contract, other);
  if (!a || !b) return [];
  const expected = JSON.stringify(idsOf(a));
  const actual = JSON.stringify(idsOf(b));
  if (expected === actual && a.count === b.count) return [];
  return [
    violation(contract, ruleId, 'Different page for the same request', other, {
      at: 'body',
      expected: `count ${a.count} and ids ${expected} (${what})`,
      actual: `count ${b.count} and ids ${actual}`,
    }),
  ];
}

function walkIds(contract: Contract, walk: Walk): unknown[] {
  return walk.pages.flatMap((exchange) => {
    const page = pageOf(contract, exchange);
    return page ? idsOf(page) : [];
  });
}

/** count is the total: every page of the record, wherever it starts and however long, reports the same count. */
export function checkSameCount(contract: Contract, reference: Exchange, others: readonly Exchange[]): Violation[] {
  const first = pageOf(contract, reference);
  if (!first) return [];
  return others.flatMap((exchange) => {
    const page = pageOf(contract, exchange);
    if (!page || page.count === first.count) return [];
    return [
      violation(contract, 'count-is-total', 'Total depends on the page', exchange, {
        at: 'body.count',
        expected: `${first.count}, the count at offset ${first.offset} with limit ${first.limit}`,
        actual: `${page.count} at offset ${page.offset} with limit ${page.limit}`,
      }),
    ];
  });
}
