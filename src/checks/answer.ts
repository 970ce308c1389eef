import type { Contract } from '../contract';
import { mediaTypeOf, type Exchange } from '../http/exchange';
import type { DocumentedResponse, TransportAnswer } from '../spec/operation';
import type { Expectation } from './check';

/**
 * Whose answer an exchange is, and so what it is judged against: the documented response of its status
 * (or of its case's `answered-as`, the answer to OPTIONS), the transport's own refusal (a layer in front
 * of the service, where the case that decides the request names one: its status alone is judged), or
 * nothing the operation documents.
 */
export type Answer =
  | { readonly kind: 'documented'; readonly response: DocumentedResponse }
  | { readonly kind: 'transport'; readonly transport: TransportAnswer }
  | { readonly kind: 'undocumented' };

/**
 * Judges an answer as the transport's where the expectation's case lets a layer in front refuse the
 * request with its status, unless it carries the service's own marks (its documented media type and
 * X-Request-Id): a service's answer is judged as written even where a layer might have answered.
 */
export function answerOf({ operation }: Contract, exchange: Exchange, expectation?: Expectation): Answer {
  const { response } = exchange;
  const status = String(response.status);
  if (expectation?.answeredAs && /^2\d\d$/.test(status)) return { kind: 'documented', response: expectation.answeredAs };
  const documented = operation.responses.get(status);
  if (expectation?.transport?.statuses.includes(status) && !(documented && carriesServiceMarks(documented, exchange))) {
    return { kind: 'transport', transport: expectation.transport };
  }
  return documented ? { kind: 'documented', response: documented } : { kind: 'undocumented' };
}

/** The marks every answer the service writes carries: the documented media type (where the response has content) and X-Request-Id. */
function carriesServiceMarks(documented: DocumentedResponse, { response }: Exchange): boolean {
  const type = mediaTypeOf(response);
  const typed = documented.mediaTypes.length === 0 || documented.mediaTypes.some((media) => media.type.toLowerCase() === type);
  return typed && response.headers['x-request-id'] !== undefined;
}
