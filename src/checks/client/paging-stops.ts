import type { ClientCheck } from './client-check';
import { pagingSteps } from '../../paging/client-walks';
import { shown } from '../../http/recorded-requests';

/** A walk ends on a short page, or once it has received the total of items: no request goes on past a short page. */
export const pagingStops: ClientCheck = {
  id: 'paging-stops',
  title: 'Paging goes on past the last page',
  group: 'paging',
  run: ({ contract: { operation }, recording }) => {
    const { list } = operation;
    const { steps, ended } = pagingSteps(operation, recording);
    const findings = steps
      .filter((step) => step.kind === 'past-end')
      .map(({ exchange, offset, after }) => ({
        exchange,
        at: `query ${list.offset}`,
        expected: `no further page after ${shown(after.exchange)}, which held ${after.items} of at most ${after.limit} ${list.items} (${list.total} ${after.count})`,
        actual: `${list.offset}=${offset} asked for`,
      }));
    return {
      exercised: ended.length,
      findings,
      unexercised: `no walk of the client reached the end of a list of ${operation.operationId} (a page shorter than its ${list.limit}, or ${list.total} ${list.items} received)`,
    };
  },
};
