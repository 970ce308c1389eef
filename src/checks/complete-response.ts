import type { Check } from './check';
import { RULE_IDS } from '../spec/rule-ids';

/** The rule of x-contract-rules every exchange is judged by first: the answer arrived whole, in time and within the size bound. */
export const COMPLETE_RESPONSE_RULE = 'complete-response';

/** An answer arrives whole: headers in time, a body framed as announced, ended in time, no larger than a page can be. */
export const completeResponse: Check = {
  id: COMPLETE_RESPONSE_RULE,
  title: 'Response did not arrive whole',
  run: ({ contract, exchange }) => {
    const { incomplete } = exchange.response;
    const rule = contract.operation.rules.get(COMPLETE_RESPONSE_RULE);
    if (!incomplete || !rule) return [];
    const ruleCase = rule.cases.find((c) => c.id === incomplete.case);
    return [
      {
        expected: ruleCase?.summary ?? rule.summary,
        actual: exchange.response.status ? `${exchange.response.status} ${exchange.response.statusText}, then ${incomplete.detail}` : incomplete.detail,
        rule: ruleCase?.pointer ?? rule.pointer,
        ruleId: ruleCase ? RULE_IDS.ruleCase(rule.id, ruleCase.id) : rule.id,
      },
    ];
  },
};
