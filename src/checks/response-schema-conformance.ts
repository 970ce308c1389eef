import { mediaTypeOf } from '../http/exchange';
import { schemaPointerOf } from '../validation/validators';
import { actualOf, expectedOf, pathOf, shorten } from '../validation/describe-error';
import type { Check } from './check';
import { RULE_IDS } from '../spec/rule-ids';

/** The body of a documented response is JSON valid against the schema documented for its status. */
export const responseSchemaConformance: Check = {
  id: 'response-schema-conformance',
  title: 'Response violates schema',
  representation: true,
  run: ({ contract: { validators, spec }, exchange: { request, response }, answer }) => {
    const documented = answer.kind === 'documented' ? answer.response : undefined;
    // An answer to HEAD has no content (RFC 9110 section 9.3.2): there is no body to judge.
    if (!documented || documented.mediaTypes.length === 0 || request.method === 'HEAD') return [];
    // With a wrong content type the body is still judged against the documented schema, so that both
    // faults show; content-type-conformance reports the header.
    const received = mediaTypeOf(response);
    const media = documented.mediaTypes.find((m) => m.type.toLowerCase() === received) ?? documented.mediaTypes[0]!;
    if (response.json === undefined) {
      return [
        {
          at: 'body',
          expected: `a JSON document valid against ${media.schemaPointer}`,
          actual: response.text === '' ? 'an empty body' : `not JSON (${response.jsonError}): ${shorten(JSON.stringify(response.text), 120)}`,
          rule: media.schemaPointer,
          ruleId: RULE_IDS.schema(response.status),
        },
      ];
    }
    const validate = validators.at(media.schemaPointer);
    if (validate(response.json)) return [];
    return (validate.errors ?? []).map((error) => ({
      at: pathOf('body', error.instancePath) + (error.keyword === 'required' ? `.${String(error.params.missingProperty)}` : ''),
      expected: expectedOf(error),
      actual: actualOf(error, response.json),
      rule: schemaPointerOf(spec.doc, error, media.schemaPointer),
      ruleId: RULE_IDS.schema(response.status),
    }));
  },
};
