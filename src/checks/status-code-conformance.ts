import type { Check } from './check';
import { RULE_IDS } from '../spec/rule-ids';

/** The status code must be one the operation documents. */
export const statusCodeConformance: Check = {
  id: 'status-code-conformance',
  title: 'Undocumented HTTP status code',
  run: ({ contract: { operation }, exchange: { response } }) =>
    operation.responses.has(String(response.status))
      ? []
      : [
          {
            expected: `one of ${[...operation.responses.keys()].join(', ')}`,
            actual: `${response.status} ${response.statusText}`.trim(),
            rule: operation.responsesPointer,
            ruleId: RULE_IDS.documentedStatus,
          },
        ],
};
