import type { RecordedExchange } from '../../http/recording';
import { SpecError } from '../../spec/load-spec';
import type { ClientCheck } from './client-check';
import { operationRequests, sentAgain } from '../../http/recorded-requests';
import { notMet } from './retry-answers';

/** A request answered 429 or 503 is sent at most max-attempts times in a row; then the client gives up. */
export const retriesBounded: ClientCheck = {
  id: 'retries-bounded',
  title: 'Retries without end',
  group: 'retries',
  run: ({ recording, rule }) => {
    const maxAttempts = rule.limits['max-attempts'];
    if (maxAttempts === undefined) throw new SpecError(`${rule.pointer}: the rule states no max-attempts, the bound it judges retries by`);
    const refusedAgain = (exchange: RecordedExchange) => rule.statuses.includes(String(exchange.response.status));
    // A run: a request answered 429 or 503, then each time it was sent again after such an answer.
    const requests = operationRequests(recording);
    const inRun = new Set<RecordedExchange>();
    const runs: RecordedExchange[][] = [];
    for (const first of requests.filter(refusedAgain)) {
      if (inRun.has(first)) continue;
      const run = [first];
      for (let again = sentAgain(requests, first); again; again = refusedAgain(again) ? sentAgain(requests, again) : undefined) {
        run.push(again);
        inRun.add(again);
      }
      runs.push(run);
    }
    const findings = runs
      .filter((run) => run.length > maxAttempts)
      .map((run) => ({
        exchange: run[maxAttempts]!,
        at: 'number of tries',
        expected: `at most ${maxAttempts} tries in a row of one request answered ${rule.statuses.join(' or ')} (max-attempts)`,
        actual: `try ${maxAttempts + 1} after ${maxAttempts} answers of ${[...new Set(run.slice(0, maxAttempts).map((e) => e.response.status))].join(' and ')}${run.length > maxAttempts + 1 ? `; ${run.length} tries in all` : ''}`,
      }));
    const exercised = runs.length;
    return { exercised, findings, ...notMet(recording, rule) };
  },
};
