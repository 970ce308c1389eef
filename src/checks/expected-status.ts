import type { Check } from './check';

/** The status must be one the rule under test demands (a bound → 400, no token → 401, ...). */
export const expectedStatus: Check = {
  id: 'expected-status',
  title: 'Unexpected HTTP status code',
  run: ({ exchange: { response }, expectation }) =>
    !expectation || expectation.statuses.includes(String(response.status))
      ? []
      : [
          {
            expected: `${expectation.statuses.join(' or ')} (${expectation.why})`,
            actual: `${response.status} ${response.statusText}`.trim(),
            rule: expectation.rule,
            ruleId: expectation.ruleId,
          },
        ],
};
