import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Contract } from '../contract';
import type { MockDataset, MockToken, Subtask } from './dataset';
import type { Deviation } from './deviations';
import { ERRORS, withDetail, type MockError } from './errors';
import { verifySignature } from './verify-signature';
import { judgeParameters, writtenValue } from './parameters';

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
const MAX_LATENCY_MS = 30_000;

export interface HandlerOptions {
  readonly contract: Contract;
  readonly dataset: MockDataset;
  readonly deviation: () => Deviation | undefined;
}

export function createHandler({ contract, dataset, deviation }: HandlerOptions) {
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

  const answer = (request: MockRequest, requestId: string, fault: Fault | undefined): MockResponse => {
    const broken = deviation();
    const error = (definition: MockError, message?: string) => errorResponse(definition, requestId, message);
    if (request.url.pathname === IAM_TOKENS_PATH) return issueToken(request, dataset, requestId);
    const match = pattern.exec(request.url.pathname);
    if (!match) return error(ERRORS.routeNotFound);
    let path: Record<string, string>;
    try {
      path = Object.fromEntries(names.map((name, index) => [name, decodeURIComponent(match[index + 1]!)]));
    } catch {
      return error(ERRORS.invalidRequest, 'The request message is invalid: a path parameter is not valid percent-encoding.');
    }
    const routed: MockRequest = { ...request, path };

    if (request.method !== 'GET' && request.method !== 'HEAD') {
      const response = error(ERRORS.methodNotAllowed);
      response.headers.allow = 'GET';
      return response;
    }

    if (fault?.status === 500) return error(ERRORS.internal);
    if (fault?.status === 503) return error(ERRORS.unavailable);
    if (fault?.status === 429) {
      const response = error(ERRORS.throttled);
      response.headers['retry-after'] = String(fault.retryAfterSeconds ?? 1);
      return response;
    }

    const authError = broken?.authenticate
      ? broken.authenticate(authenticate(routed), routed, dataset)
      : authenticate(routed);
    if (authError) return error(authError);

    const query = broken?.query ? broken.query(request.url.searchParams) : request.url.searchParams;
    const rejudge = broken?.parameter?.bind(broken);
    const verdict = judgeParameters(contract, path, query, rejudge && ((name, raw, problem) => rejudge(name, raw, problem, writtenValue(request.url.search, name))));
    if (!verdict.ok) return error(ERRORS.invalidRequest, `${ERRORS.invalidRequest.message.slice(0, -1)}: ${verdict.problem}.`);

    const projectRecords = broken?.records ? broken.records(routed, dataset) : dataset.records.get(path.project_id!);
    const subtasks = projectRecords?.get(path.execute_history_id!);
    if (!subtasks) return error(ERRORS.recordNotFound);

    const offset = Number(verdict.values.offset);
    const limit = Number(verdict.values.limit);
    const page = broken?.page ? broken.page(subtasks, offset, limit, routed) : { count: subtasks.length, items: subtasks.slice(offset, offset + limit) };
    return { status: 200, headers: {}, body: { count: page.count, items: page.items.map((item) => ({ ...item })) } };
  };

  /** As the gateway: a token if one is sent, else an AK/SK signature, else 401. */
  const authenticate = (request: MockRequest): MockError | undefined => {
    const token = request.headers['x-auth-token'];
    let known: MockToken | undefined;
    if (token === undefined && request.headers.authorization !== undefined) {
      const verdict = verifySignature(request, (ak) => dataset.accessKeys.get(ak)?.sk, new Date());
      if (!verdict.ok) return withDetail(ERRORS.signatureInvalid, verdict.detail);
      known = dataset.accessKeys.get(verdict.ak);
    } else {
      if (token === undefined || token === '') return ERRORS.tokenMissing;
      known = dataset.tokens.get(String(token));
      if (!known) return ERRORS.tokenInvalid;
    }
    if (!known) return ERRORS.tokenInvalid;
    if (known.projectId !== request.path?.project_id) return ERRORS.wrongProject;
    if (!known.permitted) return ERRORS.permissionDenied;
    return undefined;
  };

  return async function handle(incoming: IncomingMessage, outgoing: ServerResponse): Promise<void> {
    const requestId = randomBytes(16).toString('hex');
    let response: MockResponse;
    let request: MockRequest | undefined;
    try {
      const body = await readBody(incoming);
      request = { method: incoming.method ?? 'GET', url: new URL(incoming.url ?? '/', 'http://mock.invalid'), headers: incoming.headers, body };
      const fault = parseFault(incoming.headers[FAULT_HEADER]);
      if (fault?.latencyMs) await new Promise((resolve) => setTimeout(resolve, Math.min(fault.latencyMs!, MAX_LATENCY_MS)));
      response = answer(request, requestId, fault);
    } catch {
      response = errorResponse(ERRORS.invalidRequest, requestId);
    }
    response.headers['x-request-id'] ??= requestId;
    response.headers['content-type'] ??= 'application/json';
    const broken = deviation();
    if (broken?.respond && request) response = broken.respond(response, request, dataset);
    const text = typeof response.body === 'string' ? response.body : JSON.stringify(response.body);
    for (const [name, value] of Object.entries(response.headers)) if (value !== undefined) outgoing.setHeader(name, value);
    outgoing.setHeader('content-length', Buffer.byteLength(text));
    outgoing.writeHead(response.status);
    outgoing.end(incoming.method === 'HEAD' ? undefined : text);
  };
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
