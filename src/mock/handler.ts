import { createHash, randomBytes } from 'node:crypto';
import { STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Contract } from '../contract';
import type { MockDecision, RecordedExchange } from '../http/recording';
import { redactHeaders, redactText, redactUrl } from '../secrets';
import type { MockDataset, MockToken, Subtask } from './dataset';
import type { Deviation } from './deviations';
import { ERRORS, withDetail, type MockError } from './errors';
import { verifySignature } from './verify-signature';
import { judgeParameters, writtenValue } from './parameters';
import type { Scenario } from './scenarios';
import type { Variant } from './variants';

/** What the mock is about to answer; deviations may change it before it is written. */
export interface MockResponse {
  status: number;
  headers: Record<string, string>;
  /** A JSON value, or a string sent as is. */
  body: unknown;
}

export interface MockRequest {
  readonly method: string;
  readonly url: URL;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
  /** The decoded path parameters, when the path matched the operation. */
  readonly path?: Readonly<Record<string, string>>;
}

/** A fault asked for with the X-Mock-Fault header: `500`, `503`, `429; retry-after=2`, `latency=300`, combined with `;`. */
export interface Fault {
  readonly status?: 429 | 500 | 503;
  readonly retryAfterSeconds?: number;
  readonly latencyMs?: number;
}

export const FAULT_HEADER = 'x-mock-fault';
/**
 * The header with which a client's own negative tests mark a request they send invalid on purpose: the
 * client judge does not hold its parameters or credentials against the client. Its value names the
 * test, and two requests with different values are different requests.
 */
export const NEGATIVE_TEST_HEADER = 'x-contract-negative-test';
const MAX_LATENCY_MS = 30_000;

export interface HandlerOptions {
  readonly contract: Contract;
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

/** The decision, filled in as the request is judged. */
type Decided = { -readonly [K in keyof MockDecision]: MockDecision[K] };

/** How much of a body a recording keeps: more than the largest page, so a page is kept whole (an evidence block shows less). */
const RECORDED_BODY_CHARS = 64_000;

export function createHandler({ contract, dataset, deviation, variants = [], scenario, record, latencyMs = 0 }: HandlerOptions) {
  const { operation } = contract;
  const names: string[] = [];
  const pattern = new RegExp(
    '^' +
      operation.pathTemplate.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{([^}]+)\}/g, (_, name: string) => {
        names.push(name);
        return '([^/]*)';
      }) +
      '$',
  );

  const answer = (request: MockRequest, requestId: string, fault: Fault | undefined, decided: Decided): MockResponse => {
    const broken = deviation();
    const error = (definition: MockError, message?: string) => errorResponse(definition, requestId, message);
    if (request.url.pathname === IAM_TOKENS_PATH) {
      decided.route = 'iam';
      return issueToken(request, dataset, requestId);
    }
    const match = pattern.exec(request.url.pathname);
    if (!match) return error(ERRORS.routeNotFound);
    decided.route = 'operation';
    let path: Record<string, string>;
    try {
      path = Object.fromEntries(names.map((name, index) => [name, decodeURIComponent(match[index + 1]!)]));
    } catch {
      decided.parameterProblem = 'a path parameter is not valid percent-encoding';
      return error(ERRORS.invalidRequest, 'The request message is invalid: a path parameter is not valid percent-encoding.');
    }
    const routed: MockRequest = { ...request, path };

    // As the gateway with CORS enabled: it answers OPTIONS (a preflight carries no credentials) itself.
    if (request.method === 'OPTIONS') return { status: 204, headers: { allow: 'GET, HEAD, OPTIONS', 'x-request-id': requestId }, body: '' };
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      const response = error(ERRORS.methodNotAllowed);
      response.headers.allow = 'GET';
      return response;
    }

    // Judged first only for the record: a client judge holds bad parameters against a client even
    // when the gateway refused the request before the service saw them.
    const query = broken?.query ? broken.query(request.url.searchParams) : request.url.searchParams;
    const rejudge = broken?.parameter?.bind(broken);
    const parameters = judgeParameters(contract, path, query, rejudge && ((name, raw, problem) => rejudge(name, raw, problem, writtenValue(request.url.search, name))));
    if (!parameters.ok) decided.parameterProblem = parameters.problem;

    // As the gateway: it authenticates a request before it throttles it or hands it to the service.
    const verdict = authenticate(routed);
    decided.credentials = verdict.credentials;
    const authError = broken?.authenticate ? broken.authenticate(verdict.error, routed, dataset) : verdict.error;
    if (authError) return error(authError);

    if (fault?.status) decided.injected = String(fault.status);
    if (fault?.status === 500) return error(ERRORS.internal);
    if (fault?.status === 503) {
      const response = error(ERRORS.unavailable);
      if (fault.retryAfterSeconds !== undefined) response.headers['retry-after'] = String(fault.retryAfterSeconds);
      return response;
    }
    if (fault?.status === 429) {
      const response = error(ERRORS.throttled);
      response.headers['retry-after'] = String(fault.retryAfterSeconds ?? 1);
      return response;
    }

    if (!parameters.ok) {
      return error(ERRORS.invalidRequest, `${ERRORS.invalidRequest.message.slice(0, -1)}: ${parameters.problem}.`);
    }

    const projectRecords = broken?.records ? broken.records(routed, dataset) : dataset.records.get(path.project_id!);
    const subtasks = projectRecords?.get(path.execute_history_id!);
    if (!subtasks) return error(ERRORS.recordNotFound);

    const offset = Number(parameters.values.offset);
    const limit = Number(parameters.values.limit);
    const page = broken?.page ? broken.page(subtasks, offset, limit, routed) : { count: subtasks.length, items: subtasks.slice(offset, offset + limit) };
    return { status: 200, headers: {}, body: { count: page.count, items: page.items.map((item) => ({ ...item })) } };
  };

  /** As the gateway: a token if one is sent, else an AK/SK signature, else 401; then the project and the permission. */
  const authenticate = (request: MockRequest): { error?: MockError; credentials: NonNullable<MockDecision['credentials']> } => {
    const token = request.headers['x-auth-token'];
    const refuse = (error: MockError, credentials: Omit<NonNullable<MockDecision['credentials']>, 'refused'>, refusal: string) => ({
      error,
      credentials: { ...credentials, refused: { case: refusal, detail: error.message } },
    });
    let known: MockToken | undefined;
    let credentials: NonNullable<MockDecision['credentials']>;
    if (token === undefined && request.headers.authorization !== undefined) {
      const verdict = verifySignature(request, (ak) => dataset.accessKeys.get(ak)?.sk, new Date());
      const ak = /Access=([^,\s]+)/.exec(String(request.headers.authorization))?.[1];
      credentials = { scheme: 'aksk', ...(ak ? { id: shortHash(ak) } : {}) };
      if (!verdict.ok) return refuse(withDetail(ERRORS.signatureInvalid, verdict.detail), credentials, verdict.detail.includes('signature expired') ? 'stale-signature' : 'signature');
      known = dataset.accessKeys.get(verdict.ak);
    } else {
      if (token === undefined) return refuse(ERRORS.tokenMissing, { scheme: 'none' }, 'no-credentials');
      credentials = { scheme: 'token', id: shortHash(String(token)) };
      if (token === '') return refuse(ERRORS.tokenMissing, credentials, 'token');
      known = dataset.tokens.get(String(token));
    }
    if (!known) return refuse(ERRORS.tokenInvalid, credentials, 'token');
    if (known.projectId !== request.path?.project_id) return refuse(ERRORS.wrongProject, credentials, 'project');
    if (!known.permitted) return refuse(ERRORS.permissionDenied, credentials, 'project');
    return { credentials };
  };

  let operationRequests = 0;
  /** The scenario's answer for a request of the operation, counted in the order requests arrive. */
  const scenarioFault = (incoming: IncomingMessage, url: URL): Fault | undefined => {
    if (!scenario?.fault || incoming.method !== 'GET' || !pattern.test(url.pathname)) return undefined;
    operationRequests += 1;
    return scenario.fault(operationRequests);
  };
  let recorded = 0;

  return async function handle(incoming: IncomingMessage, outgoing: ServerResponse): Promise<void> {
    const startedAt = performance.timeOrigin + performance.now();
    const requestId = randomBytes(16).toString('hex');
    const decided: Decided = { route: 'unknown' };
    let response: MockResponse;
    let request: MockRequest | undefined;
    try {
      const body = await readBody(incoming);
      request = { method: incoming.method ?? 'GET', url: new URL(incoming.url ?? '/', 'http://mock.invalid'), headers: incoming.headers, body };
      const fault = parseFault(incoming.headers[FAULT_HEADER]) ?? scenarioFault(incoming, request.url);
      if (fault?.latencyMs) decided.injected = 'latency';
      const lateMs = Math.min(latencyMs + (fault?.latencyMs ?? 0), MAX_LATENCY_MS);
      if (lateMs > 0) await new Promise((resolve) => setTimeout(resolve, lateMs));
      response = answer(request, requestId, fault, decided);
    } catch {
      response = errorResponse(ERRORS.invalidRequest, requestId);
    }
    response.headers['x-request-id'] ??= requestId;
    response.headers['content-type'] ??= 'application/json';
    for (const variant of request ? variants : []) response = variant.respond(response, request!);
    const broken = deviation();
    if (broken?.respond && request) response = broken.respond(response, request, dataset);
    const text = typeof response.body === 'string' ? response.body : JSON.stringify(response.body);
    for (const [name, value] of Object.entries(response.headers)) if (value !== undefined) outgoing.setHeader(name, value);
    outgoing.setHeader('content-length', Buffer.byteLength(text));
    outgoing.writeHead(response.status);
    outgoing.end(incoming.method === 'HEAD' ? undefined : text);
    if (record) {
      const negative = incoming.headers[NEGATIVE_TEST_HEADER];
      if (negative !== undefined) decided.negative = String(negative);
      recorded += 1;
      record(recordExchange(contract, recorded, incoming, response, text, decided, startedAt));
    }
  };
}

/** The exchange as a recording keeps it: headers and URL redacted, the body cut, the page summed up. */
function recordExchange(
  contract: Contract,
  seq: number,
  incoming: IncomingMessage,
  response: MockResponse,
  text: string,
  decision: MockDecision,
  startedAt: number,
): RecordedExchange {
  const endedAt = performance.timeOrigin + performance.now();
  const headers = Object.fromEntries(
    Object.entries(incoming.headers)
      .filter(([, value]) => value !== undefined)
      .map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : String(value)]),
  );
  const body = response.body as { count?: unknown; items?: unknown } | undefined;
  const page = response.status === 200 && typeof body?.count === 'number' && Array.isArray(body.items) ? { count: body.count, items: body.items.length } : undefined;
  const kept = redactText(text.length > RECORDED_BODY_CHARS ? text.slice(0, RECORDED_BODY_CHARS) : text);
  let json: unknown;
  try {
    json = kept.length === text.length ? JSON.parse(kept) : undefined;
  } catch {
    json = undefined;
  }
  const url = new URL(incoming.url ?? '/', `http://${incoming.headers.host ?? 'mock.invalid'}`);
  return {
    seq,
    startedAt,
    endedAt,
    operationId: contract.operation.operationId,
    pathTemplate: contract.operation.pathTemplate,
    request: { method: incoming.method ?? 'GET', url: redactUrl(url.href), headers: redactHeaders(headers), pathParams: {} },
    response: {
      status: response.status,
      statusText: STATUS_CODES[response.status] ?? '',
      headers: redactHeaders(Object.fromEntries(Object.entries(response.headers).map(([name, value]) => [name.toLowerCase(), String(value)]))),
      text: kept,
      json,
    },
    durationMs: endedAt - startedAt,
    attempts: 1,
    decision,
    ...(page ? { page } : {}),
  };
}

/** A credential as a recording names it: enough to tell two apart, nothing to use. */
function shortHash(secret: string): string {
  return createHash('sha256').update(secret).digest('hex').slice(0, 12);
}

const IAM_TOKENS_PATH = '/v3/auth/tokens';
const MAX_BODY_BYTES = 1024 * 1024;

/**
 * IAM's POST /v3/auth/tokens, password method, scoped to a project by id: a right password gets 201
 * with the token in X-Subject-Token, as Huawei Cloud IAM answers.
 */
function issueToken(request: MockRequest, dataset: MockDataset, requestId: string): MockResponse {
  const iamError = (status: number, message: string): MockResponse => ({
    status,
    headers: { 'x-iam-trace-id': requestId },
    body: { error: { code: status, message, title: status === 401 ? 'Unauthorized' : 'Bad Request' } },
  });
  if (request.method !== 'POST') return iamError(405, 'The method is not allowed for the requested URL.');
  let auth: { identity?: { methods?: string[]; password?: { user?: { name?: string; password?: string; domain?: { name?: string } } } }; scope?: { project?: { id?: string } } } | undefined;
  try {
    auth = (JSON.parse(request.body) as { auth?: typeof auth }).auth;
  } catch {
    return iamError(400, 'The request body is not JSON.');
  }
  const user = auth?.identity?.password?.user;
  const { iamUser, facts } = dataset;
  if (!auth?.identity?.methods?.includes('password') || user?.name !== iamUser.name || user.password !== iamUser.password || user.domain?.name !== iamUser.domain) {
    return iamError(401, 'The username or password is wrong.');
  }
  const projectId = auth.scope?.project?.id;
  const token = projectId === facts.projectId ? facts.token : projectId === facts.otherProjectId ? facts.otherProjectToken : undefined;
  if (!token) return iamError(400, 'The project does not exist or is not scoped.');
  const issued = new Date();
  return {
    status: 201,
    headers: { 'x-subject-token': token, 'x-iam-trace-id': requestId },
    body: {
      token: {
        methods: ['password'],
        issued_at: issued.toISOString(),
        expires_at: new Date(issued.getTime() + 24 * 3600 * 1000).toISOString(),
        project: { id: projectId, name: 'cn-north-4', domain: { name: iamUser.domain } },
        user: { name: iamUser.name, domain: { name: iamUser.domain } },
      },
    },
  };
}

/** The request body, read to the end (it is signed); a larger body than any GET needs is cut off. */
async function readBody(incoming: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of incoming) {
    size += (chunk as Buffer).length;
    if (size <= MAX_BODY_BYTES) chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function errorResponse(definition: MockError, requestId: string, message: string = definition.message): MockResponse {
  return {
    status: definition.status,
    headers: {},
    body: { error_code: definition.code, error_msg: message.slice(0, 255), ...(definition.gateway ? { request_id: requestId } : {}) },
  };
}

export function parseFault(header: string | string[] | undefined): Fault | undefined {
  if (!header) return undefined;
  const fault: { status?: 429 | 500 | 503; retryAfterSeconds?: number; latencyMs?: number } = {};
  for (const part of String(header).split(';').map((p) => p.trim().toLowerCase())) {
    const [key, value] = part.split('=').map((p) => p.trim());
    if (key === '500' || key === '503' || key === '429') fault.status = Number(key) as 429 | 500 | 503;
    else if (key === 'retry-after' && /^\d+$/.test(value ?? '')) fault.retryAfterSeconds = Number(value);
    else if (key === 'latency' && /^\d+$/.test(value ?? '')) fault.latencyMs = Number(value);
  }
  return fault;
}

export type { Subtask };
