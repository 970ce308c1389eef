import { schemaPointerOf } from '../validation/validators';
import { actualOf, expectedOf } from '../validation/describe-error';
import type { Check, Finding } from './check';
import { RULE_IDS } from '../spec/rule-ids';

/** Every header the response documents as required is present and valid against its schema. */
export const responseHeadersConformance: Check = {
  id: 'response-headers-conformance',
  title: 'Missing or invalid documented header',
  representation: true,
  run: ({ contract: { validators, spec }, exchange: { response }, answer }) => {
    const documented = answer.kind === 'documented' ? answer.response : undefined;
    const findings: Finding[] = [];
    for (const header of documented?.headers ?? []) {
      const value = response.headers[header.name.toLowerCase()];
      if (value === undefined) {
        if (header.required) findings.push({ at: `header ${header.name}`, expected: 'present', actual: 'absent', rule: header.pointer, ruleId: RULE_IDS.header(header.name) });
        continue;
      }
      const validate = validators.at(header.schemaPointer);
      if (validate(value)) continue;
      for (const error of validate.errors ?? []) {
        findings.push({
          at: `header ${header.name}`,
          expected: expectedOf(error),
          actual: actualOf(error, value),
          rule: schemaPointerOf(spec.doc, error, header.schemaPointer),
          ruleId: RULE_IDS.header(header.name),
        });
      }
    }
    return findings;
  },
};
