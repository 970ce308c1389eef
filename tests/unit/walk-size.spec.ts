import { expect, test } from '@playwright/test';
import { loadContracts } from '../../src/contract';
import { ODD_WALK_PAGES, oddWalkSize, type LimitBounds } from '../../src/paging/walk-size';

const SPEC_LIMITS = loadContracts().all.map(({ operation }) => [operation.operationId, operation.parameter(operation.list.limit).schema as LimitBounds] as const);

test.describe('the page size of the odd walk (src/paging/walk-size.ts)', () => {
  for (const [operationId, limit] of SPEC_LIMITS) {
    test(`${operationId}: odd, above ${limit.minimum}, below ${limit.maximum}, no divisor of ${limit.default} or ${limit.maximum}, the smallest within ${ODD_WALK_PAGES} pages`, () => {
      for (const total of [0, 1, 9, 10, 11, 40, 56, 57, 100, 101, 140, 150, 792, 793, 1_000, 10_000, 2_147_483_647]) {
        const size = oddWalkSize(limit, total)!;
        const why = `${total} items: ${size}`;
        expect(size % 2, why).toBe(1);
        expect(size, why).toBeGreaterThan(limit.minimum);
        expect(size, why).toBeLessThan(limit.maximum);
        expect(limit.maximum % size, why).not.toBe(0);
        expect(limit.default % size, why).not.toBe(0);
        const pages = Math.ceil(total / size);
        if (size < limit.maximum - 2) expect(pages, why).toBeLessThanOrEqual(ODD_WALK_PAGES);
        // No smaller size of the kind fits the budget: the walk has as many page ends as it may.
        for (let smaller = size - 2; smaller > limit.minimum; smaller -= 2) {
          if (limit.maximum % smaller !== 0 && limit.default % smaller !== 0) expect(Math.ceil(total / smaller), `${why}, ${smaller} would do`).toBeGreaterThan(ODD_WALK_PAGES);
        }
      }
    });
  }

  test('the figures the docs quote: 19 for 140 items, 99 for 1,000, 3 for a short list', () => {
    const limit = { minimum: 1, maximum: 100, default: 10 };
    expect([oddWalkSize(limit, 140), oddWalkSize(limit, 1_000), oddWalkSize(limit, 12), oddWalkSize(limit, 0)]).toEqual([19, 99, 3, 3]);
  });

  test('bounds that leave no odd size give none, and bounds of another list give their own', () => {
    expect(oddWalkSize({ minimum: 1, maximum: 2, default: 2 }, 50)).toBeUndefined();
    // A limit of 1 to 50, default 20: 5 divides both, so 7 for 40 items (5 would take 8 pages).
    expect(oddWalkSize({ minimum: 1, maximum: 50, default: 20 }, 40)).toBe(7);
    expect(oddWalkSize({ minimum: 1, maximum: 50, default: 20 }, 5_000)).toBe(49);
  });
});
