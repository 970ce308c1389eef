import type { ClientCheck } from './client-check';
import { operationRequests, sentAgain, shown } from '../../http/recorded-requests';

/** A request refused with 400, 401, 403, 404 or 405 is not sent again unchanged. */
export const noBlindRepeat: ClientCheck = {
  id: 'no-blind-repeat',
  title: 'Refused request sent again unchanged',
  group: 'retries',
  run: ({ recording, rule }) => {
    const requests = operationRequests(recording);
    const refused = requests.filter((exchange) => rule.statuses.includes(String(exchange.response.status)));
    const findings = refused.flatMap((answer) => {
      const repeat = sentAgain(requests, answer);
      if (!repeat) return [];
      return [{
        exchange: repeat,
        at: 'request',
        expected: `no new try of ${shown(answer)}, refused ${answer.response.status} (${String((answer.response.json as { error_code?: unknown } | undefined)?.error_code ?? 'no error_code')}), unless changed`,
        actual: `the same request sent again ${Math.round(repeat.startedAt - answer.endedAt)} ms later`,
      }];
    });
    const notApplicable = refused.length === 0 ? `the service refused none of the client's requests with ${rule.statuses.join(', ')}` : undefined;
    return { exercised: refused.length, findings, ...(notApplicable ? { notApplicable } : {}) };
  },
};
