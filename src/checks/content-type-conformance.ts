import { mediaTypeOf } from '../http/exchange';
import { appendPointer } from '../spec/json-pointer';
import type { Check } from './check';
import { RULE_IDS } from '../spec/rule-ids';

/** A documented response with content must carry one of its documented media types. */
export const contentTypeConformance: Check = {
  id: 'content-type-conformance',
  title: 'Undocumented Content-Type',
  representation: true,
  run: ({ exchange: { request, response }, answer }) => {
    const documented = answer.kind === 'documented' ? answer.response : undefined;
    if (!documented || documented.mediaTypes.length === 0) return [];
    const received = mediaTypeOf(response);
    // An answer to HEAD has no content (RFC 9110 section 9.3.2): it may leave out the type of the one a GET would get.
    if (request.method === 'HEAD' && received === undefined) return [];
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
