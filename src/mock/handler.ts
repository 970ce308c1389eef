import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Contracts } from '../contract';
import type { RecordedExchange } from '../http/recording';
import { lingeringClose, readRequestBody } from '../http/request-body';
import { NEGATIVE_TEST_HEADER, type Decided } from '../requests/decide';
import { judgeParameters, writtenValue } from '../requests/parameters';
import { recordExchange } from '../requests/record-exchange';
import { routerFor } from '../requests/route';
import type { MockDataset } from './dataset';
import type { Deviation } from './deviations';
import { closingAnswer, errorAnswer, ERRORS, errorMessageLimit, notFoundOf, type MockError } from './errors';
import { FAULT_HEADER, MAX_LATENCY_MS, parseFault, scenarioFaults } from './faults';
import { authenticate, faultAnswer } from './gateway';
import { issueToken } from './iam';
import type { Scenario } from './scenarios';
import { serveList } from './service';
import type { Fault, MockRequest, MockResponse } from './types';
import type { Variant } from './variants';


export interface HandlerOptions {
  readonly contracts: Contracts;
  readonly dataset: MockDataset;
  readonly deviation: () => Deviation | undefined;
  /** Correct variants of the service's behaviour (src/mock/variants.ts), applied before a deviation. */
  readonly variants?: readonly Variant[];
  /** Documented behaviours shown to clients (throttling, unavailability, slowness ...). */
  readonly scenario?: Scenario;
  /** Called with every exchange once it is answered, secrets redacted (the client judge's recording). */
  readonly record?: (exchange: RecordedExchange) => void;
  /** Every answer this late, as across a real network (npm run mock -- --latency MS). */
  readonly latencyMs?: number;
}

/**
 * The mock's request pipeline, in the order a request meets Huawei Cloud's front: its body read within
 * bounds; its route (IAM's token endpoint, the operation, nothing); the method; its parameters judged by
 * the spec (for the record first: the gateway may refuse it before the service sees them); the gateway's
 * authentication (gateway.ts); a fault asked for or shown by a scenario (faults.ts); the service's page
 * of the operation the path routes to (service.ts); a deviation's change; the answer written; the
 * exchange recorded. Each step is a module; every operation of the spec passes the same steps.
 */
export function createHandler({ contracts, dataset, deviation, variants = [], scenario, record, latencyMs = 0 }: HandlerOptions) {
  const maxMessage = Math.min(...contracts.all.map(errorMessageLimit));
  const notFound = new Map(contracts.all.map((contract) => [contract.operation.operationId, notFoundOf(contract)]));
  const route = routerFor(contracts.all);
  const scenarioFault = scenarioFaults(scenario);
  // The methods of a resource (RFC 9110 9.3.7): the operation's, HEAD with a GET, and OPTIONS itself.
  const allowedOf = (method: string) => [method, ...(method === 'GET' ? ['HEAD'] : []), 'OPTIONS'].join(', ');

  /** The deviation, where it changes the operation the path routes to (one operation, or all when it names none). */
  const brokenFor = (request: MockRequest): Deviation | undefined => {
    const broken = deviation();
    return !broken?.operation || request.operation?.operationId === broken.operation ? broken : undefined;
  };

  const answer = (request: MockRequest, requestId: string, fault: Fault | undefined, decided: Decided): MockResponse => {
    const broken = brokenFor(request);
    const error = (definition: MockError, message?: string) => errorAnswer(definition, requestId, maxMessage, message);
    const routing = route(request.url.pathname);
    if (routing.route === 'iam') {
      decided.route = 'iam';
      return issueToken(request, dataset, requestId);
    }
    if (routing.route === 'unknown') return error(ERRORS.routeNotFound);
    decided.route = 'operation';
    const { contract } = routing;
    const { operation } = contract;
    const allowed = allowedOf(operation.method);
    if ('problem' in routing) {
      decided.parameterProblem = routing.problem;
      return error(ERRORS.invalidRequest, `The request message is invalid: ${routing.problem}.`);
    }
    const routed: MockRequest = { ...request, path: routing.path, operation };

    // As the gateway with CORS enabled: it answers OPTIONS (a preflight carries no credentials) itself.
    if (request.method === 'OPTIONS') return { status: 204, headers: { allow: allowed, 'x-request-id': requestId }, body: '' };
    // HEAD is GET without the body (RFC 9110 9.3.2); every other method is not allowed.
    if (request.method !== operation.method && !(request.method === 'HEAD' && operation.method === 'GET')) {
      const response = error(ERRORS.methodNotAllowed);
      // Allow names every method the resource supports (RFC 9110 15.5.6), as the answer to OPTIONS does.
      response.headers.allow = allowed;
      return response;
    }

    // Judged first only for the record: a client judge holds bad parameters against a client even
    // when the gateway refused the request before the service saw them.
    const query = broken?.query ? broken.query(request.url.searchParams) : request.url.searchParams;
    const rejudge = broken?.parameter?.bind(broken);
    const parameters = judgeParameters(contract, routing.path, query, rejudge && ((name, raw, problem) => rejudge(name, raw, problem, writtenValue(request.url.search, name))));
    if (!parameters.ok) decided.parameterProblem = parameters.problem;

    // As the gateway: it authenticates a request before it throttles it or hands it to the service.
    const verdict = authenticate(routed, dataset);
    decided.credentials = verdict.credentials;
    const authError = broken?.authenticate ? broken.authenticate(verdict.error, routed, dataset) : verdict.error;
    if (authError) return error(authError);

    if (fault?.status) decided.injected = String(fault.status);
    const injected = faultAnswer(fault);
    if (injected) {
      const response = error(injected.error);
      if (injected.retryAfter !== undefined) response.headers['retry-after'] = String(injected.retryAfter);
      return response;
    }

    if (!parameters.ok) return error(ERRORS.invalidRequest, `${ERRORS.invalidRequest.message.slice(0, -1)}: ${parameters.problem}.`);
    const page = serveList(operation, routed, parameters.values, dataset, broken);
    return page ? { status: Number(operation.successStatus), headers: {}, body: page } : error(notFound.get(operation.operationId)!);
  };

  let recorded = 0;

  return async function handle(incoming: IncomingMessage, outgoing: ServerResponse): Promise<void> {
    const startedAt = performance.timeOrigin + performance.now();
    const requestId = randomBytes(16).toString('hex');
    const decided: Decided = { route: 'unknown' };
    let response: MockResponse;
    let request: MockRequest | undefined;
    try {
      const read = await readRequestBody(incoming);
      if ('refused' in read) return lingeringClose(incoming, closingAnswer(read.refused === 'too-large' ? ERRORS.requestBodyTooLarge : ERRORS.requestTimeout, requestId));
      const url = new URL(incoming.url ?? '/', 'http://mock.invalid');
      const routed = route(url.pathname);
      // The request as the pipeline's steps see it: with the operation it routes to and its path's values.
      request = {
        method: incoming.method ?? 'GET',
        url,
        headers: incoming.headers,
        body: read.body.toString('utf8'),
        ...(routed.route === 'operation' ? { operation: routed.contract.operation, ...('path' in routed ? { path: routed.path } : {}) } : {}),
      };
      const fault = parseFault(incoming.headers[FAULT_HEADER]) ?? scenarioFault(routed.route === 'operation' && incoming.method === routed.contract.operation.method);
      if (fault?.latencyMs) decided.injected = 'latency';
      const lateMs = Math.min(latencyMs + (fault?.latencyMs ?? 0), MAX_LATENCY_MS);
      if (lateMs > 0) await new Promise((resolve) => setTimeout(resolve, lateMs));
      response = answer(request, requestId, fault, decided);
    } catch {
      response = errorAnswer(ERRORS.invalidRequest, requestId, maxMessage);
    }
    response.headers['x-request-id'] ??= requestId;
    response.headers['content-type'] ??= 'application/json';
    for (const variant of request ? variants : []) if (variant.respond) response = variant.respond(response, request!, dataset);
    const broken = request && brokenFor(request);
    if (broken?.respond && request) response = broken.respond(response, request, dataset);
    const text = typeof response.body === 'string' ? response.body : JSON.stringify(response.body);
    for (const [name, value] of Object.entries(response.headers)) if (value !== undefined) outgoing.setHeader(name, value);
    outgoing.setHeader('content-length', Buffer.byteLength(text));
    // A server broken in how it frames its answer writes it itself, and so does a variant that encodes it.
    const framed = !!request && (!!broken?.transmit?.(response.status, text, outgoing) || variants.some((variant) => variant.transmit?.(response.status, text, outgoing)));
    if (!framed) {
      outgoing.writeHead(response.status);
      outgoing.end(incoming.method === 'HEAD' ? undefined : text);
    }
    if (record) {
      const negative = incoming.headers[NEGATIVE_TEST_HEADER];
      if (negative !== undefined) decided.negative = String(negative);
      recorded += 1;
      const headers = Object.fromEntries(Object.entries(response.headers).map(([name, value]) => [name.toLowerCase(), String(value)]));
      record(recordExchange(contracts.all, recorded, incoming, { status: response.status, headers, text }, decided, startedAt));
    }
  };
}
