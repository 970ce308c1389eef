import { mediaTypeOf } from '../http/exchange';
import { appendPointer } from '../spec/json-pointer';
import type { Check } from './check';
import { RULE_IDS } from '../spec/rule-ids';

/** A documented response with content must carry one of its documented media types. */
export const contentTypeConformance: Check = {
  id: 'content-type-conformance',
  title: 'Undocumented Content-Type',
  run: ({ contract: { operation }, exchange: { response } }) => {
    const documented = operation.responses.get(String(response.status));
    if (!documented || documented.mediaTypes.length === 0) return [];
    const received = mediaTypeOf(response);
    const allowed = documented.mediaTypes.map((m) => m.type.toLowerCase());
    if (received && allowed.includes(received)) return [];
    return [
      {
        at: 'header Content-Type',
        expected: allowed.join(' or '),
        actual: response.headers['content-type'] ?? 'absent',
        rule: appendPointer(documented.pointer, 'content'),
        ruleId: RULE_IDS.contentType,
      },
    ];
  },
};
