import type { Check } from './check';
import { RULE_IDS } from '../spec/rule-ids';

/** The status code must be one the operation documents, or one a layer in front may answer the request with itself (answer.ts). */
export const statusCodeConformance: Check = {
  id: 'status-code-conformance',
  title: 'Undocumented HTTP status code',
  run: ({ contract: { operation }, exchange: { response }, answer }) =>
    answer.kind !== 'undocumented'
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
