import type { ClientCheck } from './client-check';
import { pagingSteps } from '../../paging/client-walks';
import { shown } from '../../http/recorded-requests';

/** A walk ends on a short page, or once it has received count items: no request goes on past a short page. */
export const pagingStops: ClientCheck = {
  id: 'paging-stops',
  title: 'Paging goes on past the last page',
  group: 'paging',
  run: ({ contract: { operation }, recording }) => {
    const { steps, ended } = pagingSteps(operation, recording);
    const findings = steps
      .filter((step) => step.kind === 'past-end')
      .map(({ exchange, offset, after }) => ({
        exchange,
        at: 'query offset',
        expected: `no further page after ${shown(after.exchange)}, which held ${after.items} of at most ${after.limit} items (count ${after.count})`,
        actual: `offset=${offset} asked for`,
      }));
    return {
      exercised: ended.length,
      findings,
      unexercised: 'no walk of the client reached the end of a record (a page shorter than its limit, or count items received)',
    };
  },
};
