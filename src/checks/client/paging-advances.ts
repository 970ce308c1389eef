import type { ClientCheck } from './client-check';
import { pagingSteps } from '../../paging/client-walks';
import { shown } from '../../http/recorded-requests';

/** After a full page the next request starts where that page ended: offset + the items received, no gap, no overlap. */
export const pagingAdvances: ClientCheck = {
  id: 'paging-advances',
  title: 'Paging skips or repeats subtasks',
  group: 'paging',
  run: ({ contract: { operation }, recording }) => {
    const next = pagingSteps(operation, recording).steps.filter((step) => step.kind === 'next');
    const findings = next
      .filter(({ offset, after }) => offset !== after.offset + after.items)
      .map(({ exchange, offset, after }) => {
        const expected = after.offset + after.items;
        const what = offset > expected ? `skips subtasks ${expected + 1} to ${offset}` : `asks again for subtasks ${offset + 1} to ${expected}`;
        return {
          exchange,
          at: 'query offset',
          expected: `offset=${expected}: ${after.offset} + the ${after.items} items of the page before (${shown(after.exchange)})`,
          actual: `offset=${offset}, which ${what}`,
        };
      });
    return {
      exercised: next.length,
      findings,
      unexercised: 'the client never asked for a page after a full one: page through a record larger than one page (CONTRACT_EXECUTE_HISTORY_ID)',
    };
  },
};
