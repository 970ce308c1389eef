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
        const kind = (n: number) => n % 2 === 1 && n > limit.minimum && n < limit.maximum && limit.maximum % n !== 0 && limit.default % n !== 0;
        const sizes = Array.from({ length: limit.maximum }, (_, n) => n).filter(kind);
        const fitting = sizes.filter((n) => Math.ceil(total / n) <= ODD_WALK_PAGES);
        // The smallest size within the budget (as many page ends as the walk may have), else the largest of its kind.
        expect(size, why).toBe(fitting.length ? Math.min(...fitting) : Math.max(...sizes));
      }
    });
  }

  test('the figures docs/rules.md and docs/performance.md quote for the spec\'s bounds: 19 for 140 items, 99 for 1,000, 3 for a short list', () => {
    // Read from the spec: bounds that change change these figures, and the docs that quote them.
    const [, limit] = SPEC_LIMITS[0]!;
    expect([oddWalkSize(limit, 140), oddWalkSize(limit, 1_000), oddWalkSize(limit, 12), oddWalkSize(limit, 0)]).toEqual([19, 99, 3, 3]);
  });

  test('bounds that leave no odd size give none, and bounds of another list give their own', () => {
    expect(oddWalkSize({ minimum: 1, maximum: 2, default: 2 }, 50)).toBeUndefined();
    // A limit of 1 to 50, default 20: 5 divides both, so 7 for 40 items (5 would take 8 pages).
    expect(oddWalkSize({ minimum: 1, maximum: 50, default: 20 }, 40)).toBe(7);
    expect(oddWalkSize({ minimum: 1, maximum: 50, default: 20 }, 5_000)).toBe(49);
  });
});
