import type { Contract } from '../contract';
import { appendPointer, resolveRef } from '../spec/json-pointer';
import { STATUS_CODES } from 'node:http';
import type { MockResponse } from './types';

/**
 * The mock's error answers, one catalogue. Gateway errors (route, authentication, throttling) use
 * the APIGW codes and add request_id, as Huawei Cloud's API gateway does; the service's own errors
 * use WKS codes.
 */
export interface MockError {
  readonly status: number;
  readonly code: string;
  readonly message: string;
  readonly gateway: boolean;
}

const error = (status: number, code: string, message: string, gateway = false): MockError => ({ status, code, message, gateway });

export const ERRORS = {
  routeNotFound: error(404, 'APIGW.0101', 'The API does not exist or has not been published in the environment.', true),
  tokenMissing: error(401, 'APIGW.0301', 'Incorrect IAM authentication information: x-auth-token not found', true),
  tokenInvalid: error(401, 'APIGW.0301', 'Incorrect IAM authentication information: decrypt token fail', true),
  signatureInvalid: error(401, 'APIGW.0301', 'Incorrect IAM authentication information: verify aksk signature fail', true),
  wrongProject: error(403, 'APIGW.0306', 'API access denied: the token is not scoped to the project of the request.', true),
  requestTooLarge: error(431, 'APIGW.0201', 'Request headers too large.', true),
  requestBodyTooLarge: error(413, 'APIGW.0201', 'Request body too large.', true),
  malformedRequest: error(400, 'APIGW.0201', 'API request error.', true),
  requestTimeout: error(408, 'APIGW.0201', 'The request was not received in time.', true),
  throttled: error(429, 'APIGW.0308', 'The throttling threshold has been reached: policy user over ratelimit,limit:100,time:1 minute', true),
  invalidRequest: error(400, 'WKS.00169901', 'The request message is invalid.'),
  permissionDenied: error(403, 'WKS.00169903', 'Permissions required: workspace:scheduledTasks:getRecord.'),
  recordNotFound: error(404, 'WKS.00169904', 'The scheduled task execution record does not exist.'),
  methodNotAllowed: error(405, 'WKS.00169905', 'The request method is not allowed.'),
  internal: error(500, 'WKS.00169999', 'An internal service error occurred.'),
  unavailable: error(503, 'WKS.00129901', 'The service is now unavailable to process the request.'),
} as const;

/**
 * The error answered on the socket itself, with Connection: close, for a request the server stops
 * reading (headers Node's parser refused, a body past its limit): the JSON error body the gateway sends.
 */
export function closingAnswer(answer: MockError, requestId: string): string {
  const body = JSON.stringify({ error_code: answer.code, error_msg: answer.message, request_id: requestId });
  return `HTTP/1.1 ${answer.status} ${STATUS_CODES[answer.status]}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nX-Request-Id: ${requestId}\r\nConnection: close\r\n\r\n${body}`;
}

/** The same error with the detail of this case appended to its message. */
export function withDetail(definition: MockError, detail: string): MockError {
  return { ...definition, message: `${definition.message.split(':')[0]}: ${detail}` };
}

/**
 * The service's answer to a path whose owner names nothing (x-list owner): the example of the operation's
 * 404 named after its rule of an unknown owner (`unknown-task` for a task), else its first example, as the
 * spec writes it; the catalogue's own where the spec has none.
 */
export function notFoundOf({ operation, spec }: Contract): MockError {
  const media = operation.responses.get('404')?.mediaTypes[0];
  const examples = media ? Object.keys((resolveRef(spec.doc, appendPointer(media.pointer, 'examples')).node as object | undefined) ?? {}) : [];
  const name = examples.includes(operation.list.owner.unknownRule) ? operation.list.owner.unknownRule : examples[0];
  const example = media && name !== undefined ? (resolveRef(spec.doc, appendPointer(media.pointer, 'examples', name)).node as { value?: { error_code?: unknown; error_msg?: unknown } }) : undefined;
  const { error_code: code, error_msg: message } = example?.value ?? {};
  return typeof code === 'string' && typeof message === 'string' ? error(404, code, message) : ERRORS.recordNotFound;
}

/**
 * The longest error_msg the spec allows: its maxLength in the schema of the operation's documented error
 * answers (ErrorResp), read from the spec; a message of the mock's is cut to it, as the service's are.
 */
export function errorMessageLimit(contract: Contract): number {
  const { operation, spec } = contract;
  const limits = [...operation.responses.values()]
    .filter((response) => response.status !== operation.successStatus)
    .flatMap((response) => response.mediaTypes)
    .map((media) => {
      const schema = resolveRef(spec.doc, media.schemaPointer);
      return (resolveRef(spec.doc, appendPointer(schema.pointer, 'properties', 'error_msg')).node as { maxLength?: unknown } | undefined)?.maxLength;
    })
    .filter((limit): limit is number => typeof limit === 'number');
  return limits.length ? Math.min(...limits) : Infinity;
}

/** An error of the catalogue as the mock answers it: the JSON error body, gateway errors with request_id, the message cut to `maxMessage`. */
export function errorAnswer(definition: MockError, requestId: string, maxMessage: number, message: string = definition.message): MockResponse {
  return {
    status: definition.status,
    headers: {},
    body: { error_code: definition.code, error_msg: message.slice(0, maxMessage), ...(definition.gateway ? { request_id: requestId } : {}) },
  };
}
