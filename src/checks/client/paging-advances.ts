import type { ClientCheck } from './client-check';
import { pagingSteps } from '../../paging/client-walks';
import { shown } from '../../http/recorded-requests';

/** After a full page the next request starts where that page ended: offset + the items received, no gap, no overlap (the names are the operation's x-list). */
export const pagingAdvances: ClientCheck = {
  id: 'paging-advances',
  title: 'Paging skips or repeats items',
  group: 'paging',
  run: ({ contract: { operation }, recording }) => {
    const { list } = operation;
    const owner = operation.parameter(list.owner.parameter);
    const next = pagingSteps(operation, recording).steps.filter((step) => step.kind === 'next');
    const findings = next
      .filter(({ offset, after }) => offset !== after.offset + after.items)
      .map(({ exchange, offset, after }) => {
        const expected = after.offset + after.items;
        const what = offset > expected ? `skips ${list.items} ${expected + 1} to ${offset}` : `asks again for ${list.items} ${offset + 1} to ${expected}`;
        return {
          exchange,
          at: `query ${list.offset}`,
          expected: `${list.offset}=${expected}: ${after.offset} + the ${after.items} ${list.items} of the page before (${shown(after.exchange)})`,
          actual: `${list.offset}=${offset}, which ${what}`,
        };
      });
    return {
      exercised: next.length,
      findings,
      unexercised: `the client never asked for a page after a full one: page through a list of ${operation.operationId} larger than one page (${owner.variables ? `the ${owner.name} given as ${owner.variables.value}` : `an ${owner.name} of a large list`})`,
    };
  },
};
