import type { Check } from './check';

/** The status must be one the rule under test demands (a bound → 400, no token → 401, ...), or one a layer in front may refuse the request with itself. */
export const expectedStatus: Check = {
  id: 'expected-status',
  title: 'Unexpected HTTP status code',
  run: ({ exchange: { response }, expectation }) =>
    !expectation || expectation.statuses.includes(String(response.status)) || expectation.transport?.statuses.includes(String(response.status))
      ? []
      : [
          {
            expected: `${expectation.statuses.join(' or ')} (${expectation.why})${expectation.transport ? `; or, from a layer in front of the service, ${expectation.transport.statuses.join(' or ')}` : ''}`,
            actual: `${response.status} ${response.statusText}`.trim(),
            rule: expectation.rule,
            ruleId: expectation.ruleId,
          },
        ],
};
