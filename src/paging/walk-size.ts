/** The bounds of a list's limit parameter, as its schema writes them. */
export interface LimitBounds {
  readonly minimum: number;
  readonly maximum: number;
  readonly default: number;
}

/**
 * The pages the walk of an odd size aims at. What that walk finds (an item lost or repeated where a page
 * ends, an order that depends on the limit, a total that changes) is arithmetic of the offset, met at
 * every end of a page alike: its pages must end where no page of the default or largest size ends, and
 * more than a few of them do not find more. A walk with pages of 7 took 21 requests for 140 items, and
 * 143 for 1,000; this one takes about this many whatever the list, until the largest odd size is reached.
 */
export const ODD_WALK_PAGES = 8;

/**
 * The page size of the odd walk of a list of `total` items: the smallest odd size that divides neither
 * the default nor the largest page (so its pages end elsewhere), above the smallest, below the largest,
 * with which the walk takes at most ODD_WALK_PAGES pages; the largest such size when every one would
 * take more. Undefined when the bounds leave no such size (a limit of at most 2, say).
 */
export function oddWalkSize(limit: LimitBounds, total: number): number | undefined {
  const fits = (size: number) => size % 2 === 1 && size > limit.minimum && size < limit.maximum && limit.maximum % size !== 0 && limit.default % size !== 0;
  const wanted = Math.max(1, Math.ceil(Math.max(0, total) / ODD_WALK_PAGES));
  for (let size = wanted; size < limit.maximum; size += 1) if (fits(size)) return size;
  for (let size = Math.min(wanted, limit.maximum) - 1; size > limit.minimum; size -= 1) if (fits(size)) return size;
  return undefined;
}
