import { mediaTypeOf } from '../http/exchange';
import { RULE_IDS } from '../spec/rule-ids';
import type { Check } from './check';

/** The rule of x-contract-rules a body labelled JSON is judged by before its JSON: UTF-8, without a byte order mark. */
export const JSON_TEXT_RULE = 'json-text';

/** Whether an answer says its body is JSON (application/json, or a +json media type). */
export const labelledJson = (headers: Readonly<Record<string, string>>) => /^application\/([\w.-]+\+)?json$/.test(mediaTypeOf({ headers }) ?? '');

/** A body labelled JSON is a JSON text as RFC 8259 section 8.1 has it sent: UTF-8 bytes, no byte order mark. */
export const jsonText: Check = {
  id: JSON_TEXT_RULE,
  title: 'JSON body not UTF-8',
  representation: true,
  run: ({ contract, exchange: { response } }) => {
    const rule = contract.operation.rules.get(JSON_TEXT_RULE);
    if (!rule || !response.notUtf8 || !labelledJson(response.headers)) return [];
    const ruleCase = rule.cases.find((c) => c.id === response.notUtf8!.case);
    return [
      {
        at: 'body',
        expected: ruleCase?.summary ?? rule.summary,
        actual: response.notUtf8.detail,
        rule: ruleCase?.pointer ?? rule.pointer,
        ruleId: ruleCase ? RULE_IDS.ruleCase(rule.id, ruleCase.id) : rule.id,
      },
    ];
  },
};
