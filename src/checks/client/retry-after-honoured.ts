import type { ClientCheck } from './client-check';
import { operationRequests, retryAfterSeconds, sentAgain, shown } from '../../http/recorded-requests';
import { notMet } from './retry-answers';

/**
 * How much earlier than Retry-After a retry may arrive and still count as waiting: the slack of the two
 * clocks, not leniency. A client's timer starts from its event loop's clock, which lags behind by the
 * work of the loop's current turn (tens of milliseconds on a busy machine: a correct client waiting 1 s
 * was judged early on a cold CI run with a slack of 10 ms), and the mock reads its clock at other
 * moments of the same wait. A client that does not honour Retry-After retries after a backoff of its
 * own, far sooner.
 */
export const RETRY_AFTER_TOLERANCE_MS = 100;

/** After a 429 or 503 with Retry-After the same request is not sent again before that many seconds have passed. */
export const retryAfterHonoured: ClientCheck = {
  id: 'retry-after-honoured',
  title: 'Retry before Retry-After',
  group: 'retries',
  run: ({ recording, rule }) => {
    const requests = operationRequests(recording);
    const told = requests.filter((exchange) => rule.statuses.includes(String(exchange.response.status)) && retryAfterSeconds(exchange) !== undefined);
    const findings = told.flatMap((answer) => {
      const retry = sentAgain(requests, answer);
      if (!retry) return [];
      const waitedMs = retry.startedAt - answer.endedAt;
      const askedMs = retryAfterSeconds(answer)! * 1000;
      if (waitedMs >= askedMs - RETRY_AFTER_TOLERANCE_MS) return [];
      return [{
        exchange: retry,
        at: 'time of the retry',
        expected: `at least ${askedMs} ms after ${shown(answer)} was answered ${answer.response.status} with Retry-After: ${askedMs / 1000}`,
        actual: `sent again ${Math.round(waitedMs)} ms later`,
      }];
    });
    return { exercised: told.length, findings, ...notMet(recording, rule) };
  },
};
