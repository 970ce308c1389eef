import type { ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';
import { loadContracts } from '../contract';
import { boundaryValues, type BoundaryValue } from '../spec/boundaries';
import { DETAIL, HISTORY, type ListItem, type MockDataset, type ProjectLists } from './dataset';
import { ERRORS, notFoundOf, withDetail, type MockError } from './errors';
import { verifySignature } from '../auth/verify-signature';
import type { MockRequest, MockResponse } from './types';

/**
 * A deliberately broken mock: one small change of behaviour, described in one line. Deviations are
 * written against the service's behaviour, not against the suite's checks, so that the self-test
 * measures what the suite catches instead of mirroring it.
 */
export interface Deviation {
  readonly id: string;
  readonly description: string;
  /**
   * What it breaks, for the self-test to find in the failure output: `rule:<id>` (a rule under
   * x-contract-rules), `check:<id>` (a check of src/checks) or a JSON pointer into the spec.
   */
  readonly breaks: string;
  /**
   * The one operation whose answers it changes (its hooks meet no other); every operation when absent.
   * A rule of `breaks` is looked up in it first, then in any operation that states it.
   */
  readonly operation?: string;
  /** Re-judge a parameter: 'accept' a value the spec rejects, or return a problem to reject it; `written` is the value before percent-decoding. */
  parameter?(name: string, raw: string | undefined, problem: string | undefined, written: string | undefined): string | undefined | 'accept';
  /** Read the query string otherwise (e.g. keep one copy of a repeated parameter). */
  query?(query: URLSearchParams): URLSearchParams;
  authenticate?(verdict: MockError | undefined, request: MockRequest, dataset: MockDataset): MockError | undefined;
  /** Read the lists of the path's project otherwise (operationId → owner id → items). */
  lists?(request: MockRequest, dataset: MockDataset): ProjectLists | undefined;
  /** Cut the page of any list otherwise. */
  page?(items: readonly ListItem[], offset: number, limit: number, request: MockRequest): { count: number; items: readonly ListItem[] };
  respond?(response: MockResponse, request: MockRequest, dataset: MockDataset): MockResponse;
  /**
   * Frame the answer otherwise: write it itself (headers are set on `outgoing`, Content-Length
   * included; `text` is the body) and return true, or return false to leave it to the server.
   */
  transmit?(status: number, text: string, outgoing: ServerResponse): boolean;
}

type Item = Record<string, unknown>;

/** The body of a page of the list the request routes to (its success answer), if the response is one. */
const pageBody = (response: MockResponse, request: MockRequest): Item | undefined => {
  const { operation } = request;
  const body = response.body;
  return operation && response.status === Number(operation.successStatus) && body && typeof body === 'object' ? (body as Item) : undefined;
};

/** The items of a page (x-list items), if the response is one. */
const pageItems = (response: MockResponse, request: MockRequest): Item[] | undefined => {
  const items = pageBody(response, request)?.[request.operation!.list.items];
  return Array.isArray(items) ? (items as Item[]) : undefined;
};

/** Changes every item of a page, of any list. */
const eachItem = (change: (item: Item, index: number) => void) => (response: MockResponse, request: MockRequest) => {
  pageItems(response, request)?.forEach(change);
  return response;
};

/** The subtasks the dataset holds of an execution of the path's project, by the execution's id. */
const subtasksOf = (dataset: MockDataset, request: MockRequest, executionId: unknown): readonly ListItem[] =>
  dataset.lists.get(request.path?.project_id ?? '')?.get(DETAIL)?.get(String(executionId)) ?? [];

/** Changes the body of every error answer. */
const eachError = (change: (body: Item) => void) => (response: MockResponse) => {
  if (response.status >= 400 && response.body && typeof response.body === 'object') change(response.body as Item);
  return response;
};

// The faults of the bounds are off by one from the edges the spec writes, read from it when a request comes.
const specParameter = (name: string) => loadContracts().all.flatMap(({ operation }) => operation.parameters).find((p) => p.name === name)!;
const edgeValue = (parameter: string, edge: BoundaryValue['edge']) => String(boundaryValues(specParameter(parameter)).find((b) => b.edge === edge)!.value);
const rejectEdge = (parameter: string, edge: BoundaryValue['edge']) => (name: string, raw: string | undefined) =>
  name === parameter && raw === edgeValue(parameter, edge) ? `${name} is out of range` : undefined;
const acceptEdge = (parameter: string, edge: BoundaryValue['edge']) => (name: string, raw: string | undefined) =>
  name === parameter && raw === edgeValue(parameter, edge) ? ('accept' as const) : undefined;
const slice = (listed: readonly ListItem[], from: number, limit: number) => ({
  count: listed.length,
  items: listed.slice(Math.max(from, 0), Math.max(from, 0) + limit),
});

/** An error of the catalogue in place of what the service would have answered. */
const errorOf = (error: MockError, response: MockResponse): MockResponse => ({
  status: error.status,
  headers: response.headers,
  body: { error_code: error.code, error_msg: error.message },
});

/** A page whose count is its own length instead of the list's total. */
const pageLengthAsCount = (listed: readonly ListItem[], offset: number, limit: number) => {
  const items = listed.slice(offset, offset + limit);
  return { count: items.length, items };
};

/** The service's documented internal error, in place of what it would have answered. */
const serverError = (response: MockResponse): MockResponse => ({
  status: ERRORS.internal.status,
  headers: response.headers,
  body: { error_code: ERRORS.internal.code, error_msg: ERRORS.internal.message },
});

/** A transmit for the 200 pages of GET only: every other answer is framed by the server as usual. */
const onPages = (write: (text: string, outgoing: ServerResponse) => void) => (status: number, text: string, outgoing: ServerResponse) => {
  if (status !== 200 || outgoing.req.method !== 'GET') return false;
  write(text, outgoing);
  return true;
};

/** A transmit that writes its 200 page as the bytes `encode` makes of its text, framed by their length. */
const pageBytes = (encode: (text: string) => Buffer) =>
  onPages((text, outgoing) => {
    const bytes = encode(text);
    outgoing.setHeader('content-length', bytes.length);
    outgoing.writeHead(200);
    outgoing.end(bytes);
  });

/** The answer written byte by byte on the socket, framed wrongly in one way; the connection is closed after it. */
function raw(outgoing: ServerResponse, status: number, text: string, wrong: { statusLine?: string; extra?: string; chunkSize?: string }): void {
  const headers = Object.entries(outgoing.getHeaders()).filter(([name]) => !(wrong.chunkSize && name === 'content-length'));
  const lines = [wrong.statusLine ?? `HTTP/1.1 ${status} OK`, ...headers.map(([name, value]) => `${name}: ${String(value)}`), ...(wrong.chunkSize ? ['transfer-encoding: chunked'] : [])];
  const body = wrong.chunkSize ? `${wrong.chunkSize}\r\n${text}\r\n0\r\n\r\n` : `${text}${wrong.extra ?? ''}`;
  outgoing.socket?.end(`${lines.join('\r\n')}\r\n\r\n${body}`);
}

/**
 * The lists of the path's project with those of the routed operation changed: `change` gets its owners
 * (owner id → items) and the owner id the path names, and returns the owners the service then reads.
 */
const ownersOfPath = (change: (owners: ReadonlyMap<string, readonly ListItem[]>, id: string, request: MockRequest, dataset: MockDataset) => ReadonlyMap<string, readonly ListItem[]>) => (request: MockRequest, dataset: MockDataset): ProjectLists | undefined => {
  const lists = dataset.lists.get(request.path!.project_id!);
  const operation = request.operation!;
  const owners = lists?.get(operation.operationId);
  if (!lists || !owners) return lists;
  return new Map([...lists, [operation.operationId, change(owners, request.path![operation.list.owner.parameter]!, request, dataset)]]);
};

let rotation = 0;
let bomb: Buffer | undefined;

function decodeOrKeep(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

export const DEVIATIONS: readonly Deviation[] = [
  // Response schema
  {
    id: 'status-outside-enum',
    description: 'Reports a finished subtask or execution with status "COMPLETED", a value outside the documented enum (both lists).',
    breaks: '#/components/schemas/ScheduleTaskStatus/enum',
    respond: eachItem((item) => item.status === 'SUCCESS' && (item.status = 'COMPLETED')),
  },
  {
    id: 'task-type-lower-case',
    description: 'Sends task_type in lower case ("restart_server"), on subtasks and executions.',
    breaks: '#/components/schemas/ScheduleTaskTypeEnum/enum',
    respond: eachItem((item) => (item.task_type = String(item.task_type).toLowerCase())),
  },
  {
    id: 'count-as-string',
    description: 'Sends the total of every page as a string ("count": "137"), on both lists.',
    breaks: '#/components/schemas/ListScheduleTaskExecuteDetailResp/properties/count/type',
    respond: (response, request) => {
      const body = pageBody(response, request);
      const { total } = request.operation?.list ?? {};
      if (body && total) body[total] = String(body[total]);
      return response;
    },
  },
  {
    id: 'begin-time-not-rfc3339',
    description: 'Formats begin_time as "2026-05-01 10:00:00" instead of an RFC 3339 date-time, on subtasks and executions.',
    breaks: '#/components/schemas/ScheduleTaskExecuteDetail/properties/begin_time/format',
    respond: eachItem((item) => typeof item.begin_time === 'string' && (item.begin_time = item.begin_time.slice(0, 19).replace('T', ' '))),
  },
  {
    id: 'date-time-without-offset',
    description: 'Writes end_time without its offset ("2026-05-01T10:00:43.858"), a local time RFC 3339 does not allow (both lists).',
    breaks: '#/components/schemas/ScheduleTaskExecuteDetail/properties/end_time/format',
    respond: eachItem((item) => typeof item.end_time === 'string' && (item.end_time = item.end_time.replace(/Z$/, ''))),
  },
  {
    id: 'item-without-id',
    description: 'Leaves the id out of every item, subtask and execution.',
    breaks: '#/components/schemas/ScheduleTaskExecuteDetail/required',
    respond: eachItem((item) => delete item.id),
  },
  {
    id: 'empty-page-without-items',
    description: 'Answers an empty page with {"count": N} and no items array, on both lists.',
    breaks: '#/components/schemas/ListScheduleTaskExecuteDetailResp/required',
    respond: (response, request) => {
      if (pageItems(response, request)?.length === 0) delete pageBody(response, request)![request.operation!.list.items];
      return response;
    },
  },
  {
    id: 'error-without-code',
    description: 'Sends error bodies without error_code.',
    breaks: '#/components/schemas/ErrorResp/required',
    respond: eachError((body) => delete body.error_code),
  },
  {
    id: 'error-code-too-long',
    description: 'Sends error codes longer than 16 characters ("WKS.INVALID_REQUEST").',
    breaks: '#/components/schemas/ErrorResp/properties/error_code/maxLength',
    respond: eachError((body) => (body.error_code = `WKS.ERROR.${String(body.error_code)}`)),
  },
  // Headers
  {
    id: 'page-as-text-plain',
    description: 'Labels successful pages Content-Type: text/plain.',
    breaks: 'check:content-type-conformance',
    respond: (response) => {
      if (response.status === 200) response.headers['content-type'] = 'text/plain';
      return response;
    },
  },
  {
    id: 'no-request-id',
    description: 'Sends no X-Request-Id header.',
    breaks: '#/components/headers/XRequestId',
    respond: (response) => {
      delete response.headers['x-request-id'];
      return response;
    },
  },
  {
    id: 'not-found-as-html',
    description: 'Answers an unknown record or task (any 404) with an HTML error page.',
    breaks: '#/components/responses/NotFound/content',
    respond: (response) => {
      if (response.status !== 404) return response;
      return { status: 404, headers: { ...response.headers, 'content-type': 'text/html' }, body: '<html><body><h1>404 Not Found</h1></body></html>' };
    },
  },
  {
    id: 'internal-error-as-text',
    description: 'Answers an internal error (the 500 fault) with a plain-text body.',
    breaks: '#/components/responses/InternalServerError/content',
    respond: (response) =>
      response.status === 500 ? { status: 500, headers: { ...response.headers, 'content-type': 'text/plain' }, body: 'Internal Server Error' } : response,
  },
  // Parameter bounds
  {
    id: 'limit-above-maximum-accepted',
    description: 'Accepts limit=101 (maximum off by one, upwards).',
    breaks: '#/components/parameters/Limit/schema/maximum',
    parameter: acceptEdge('limit', 'max+1'),
  },
  {
    id: 'limit-maximum-rejected',
    description: 'Rejects limit=100 (maximum off by one, downwards).',
    breaks: '#/components/parameters/Limit/schema/maximum',
    parameter: rejectEdge('limit', 'max'),
  },
  {
    id: 'limit-below-minimum-accepted',
    description: 'Accepts limit=0 and answers an empty page.',
    breaks: '#/components/parameters/Limit/schema/minimum',
    parameter: acceptEdge('limit', 'min-1'),
  },
  {
    id: 'limit-minimum-rejected',
    description: 'Rejects limit=1 (minimum off by one, upwards).',
    breaks: '#/components/parameters/Limit/schema/minimum',
    parameter: rejectEdge('limit', 'min'),
  },
  {
    id: 'offset-below-minimum-accepted',
    description: 'Accepts offset=-1 and treats it as 0.',
    breaks: '#/components/parameters/Offset/schema/minimum',
    parameter: acceptEdge('offset', 'min-1'),
    page: (listed, offset, limit) => slice(listed, offset, limit),
  },
  {
    id: 'offset-minimum-rejected',
    description: 'Rejects offset=0 (minimum off by one, upwards).',
    breaks: '#/components/parameters/Offset/schema/minimum',
    parameter: rejectEdge('offset', 'min'),
  },
  {
    id: 'offset-maximum-rejected',
    description: 'Rejects offset=2147483647 (maximum off by one, downwards).',
    breaks: '#/components/parameters/Offset/schema/maximum',
    parameter: rejectEdge('offset', 'max'),
  },
  {
    id: 'offset-above-maximum-accepted',
    description: 'Accepts offset=2147483648.',
    breaks: '#/components/parameters/Offset/schema/maximum',
    parameter: acceptEdge('offset', 'max+1'),
  },
  {
    id: 'non-integer-truncated',
    description: 'Reads limit leniently as a number: 1.5 becomes 1 and 1e2 becomes 100.',
    breaks: '#/components/parameters/Limit/schema/type',
    parameter: (name, raw) => (name === 'limit' && raw !== undefined && /^\d+[.e]/.test(raw) ? 'accept' : undefined),
  },
  {
    id: 'empty-limit-defaulted',
    description: 'Treats an empty limit= as the default limit.',
    breaks: '#/components/parameters/Limit/schema/type',
    parameter: (name, raw) => (name === 'limit' && raw === '' ? 'accept' : undefined),
    page: (listed, offset, limit, request) => slice(listed, offset, request.url.searchParams.get('limit') === '' ? Number(specParameter('limit').schema.default) : limit),
  },
  {
    id: 'default-limit-20',
    description: 'Uses 20 as the default page size instead of the documented default, on both lists.',
    breaks: 'rule:page-length',
    page: (listed, offset, limit, request) => slice(listed, offset, request.url.searchParams.has(request.operation!.list.limit) ? limit : 20),
  },
  // Input classes: spellings, repeats and odd path segments (judged by the input matrix on every run)
  {
    id: 'repeated-value-last-wins',
    description: 'Accepts a repeated query parameter and uses its last value (limit=1&limit=100 is a page of 100).',
    breaks: 'rule:invalid-parameter:repeated',
    query: (query) => {
      const lastWins = new URLSearchParams();
      for (const [name, value] of query) lastWins.set(name, value);
      return lastWins;
    },
  },
  {
    id: 'bound-checked-before-decoding',
    description: 'Checks the bounds of the query text before percent-decoding it, so limit=%31%30%31 (101) is served.',
    breaks: 'rule:invalid-parameter:percent-encoded',
    parameter: (_name, raw, problem, written) => (problem && written !== raw && /^\d+$/.test(raw ?? '') ? 'accept' : undefined),
  },
  {
    id: 'percent-encoding-not-decoded',
    description: 'Does not percent-decode query values, so limit=%31%30%30 (100) is rejected as not an integer.',
    breaks: 'rule:invalid-parameter:percent-encoded',
    parameter: (name, raw, problem, written) => (!problem && written !== undefined && written !== raw ? `${name} must be an integer` : undefined),
  },
  {
    id: 'leading-zero-server-error',
    description: 'Crashes on an integer written with a leading zero (limit=010) and answers 500.',
    breaks: 'rule:open-spelling',
    respond: (response, request) =>
      [...request.url.searchParams.values()].some((value) => /^0\d/.test(value)) ? serverError(response) : response,
  },
  {
    id: 'long-project-id-server-error',
    description: "Crashes looking up the token's project for a project_id longer than its maximum length and answers 500.",
    breaks: 'rule:invalid-parameter:project-id-out-of-bounds',
    authenticate: (verdict, request) => (request.path!.project_id!.length > Number(specParameter('project_id').schema.maxLength) ? ERRORS.internal : verdict),
  },
  {
    id: 'empty-path-segment-server-error',
    description: 'Crashes on an empty path segment (an empty project_id, execute_history_id or task_id) and answers 500.',
    breaks: 'rule:invalid-parameter:empty-path-segment',
    authenticate: (verdict, request) => (Object.values(request.path!).includes('') ? ERRORS.internal : verdict),
  },
  {
    id: 'path-id-not-decoded',
    description: 'Looks records and tasks up by the path segment as written, so a percent-encoded execute_history_id or task_id names nothing (404).',
    breaks: 'rule:invalid-parameter:percent-encoded',
    lists: ownersOfPath((owners, _id, request) => {
      const written = request.url.pathname.split('/');
      return new Map([...owners].filter(([id]) => written.includes(id)));
    }),
  },
  {
    id: 'query-decoded-twice',
    description: 'Percent-decodes query values twice, so limit=%2531%2530 ("%31%30" once decoded) is served as 10.',
    breaks: 'rule:invalid-parameter:query-escapes',
    query: (query) => new URLSearchParams([...query].map(([name, value]): [string, string] => [name, decodeOrKeep(value)])),
  },
  {
    id: 'path-cut-at-semicolon',
    description: 'Cuts a path segment at ";" (a matrix parameter, as servlet containers do), so <record id>;x serves that record, <task id>;x that task.',
    breaks: 'rule:invalid-parameter',
    lists: ownersOfPath((owners, id) => {
      const cut = owners.get(id.split(';')[0]!);
      return cut && id.includes(';') ? new Map([...owners, [id, cut]]) : owners;
    }),
  },
  // Pagination
  {
    id: 'count-is-page-length',
    description: 'Reports the page length as count instead of the total, on both lists.',
    breaks: 'rule:count-is-total',
    page: pageLengthAsCount,
  },
  {
    id: 'count-plus-one',
    description: 'Reports one item more than the list holds (a subtask more than the record, an execution more than the task).',
    breaks: 'rule:walk-complete',
    page: (listed, offset, limit) => ({ count: listed.length + 1, items: listed.slice(offset, offset + limit) }),
  },
  {
    id: 'overlapping-pages',
    description: 'Starts every page after the first one item early, so page boundaries repeat an item (both lists).',
    breaks: 'rule:unique-ids',
    page: (listed, offset, limit) => slice(listed, offset > 0 ? offset - 1 : 0, limit),
  },
  {
    id: 'gap-between-pages',
    description: 'Starts every page after the first one item late, so an item falls between pages (both lists).',
    breaks: 'rule:walk-complete',
    page: (listed, offset, limit) => slice(listed, offset > 0 ? offset + 1 : 0, limit),
  },
  {
    id: 'order-depends-on-limit',
    description: 'Lists items in reverse order when limit is odd (both lists).',
    breaks: 'rule:stable-order',
    page: (listed, offset, limit) => slice(limit % 2 ? [...listed].reverse() : listed, offset, limit),
  },
  {
    id: 'order-changes-between-requests',
    description: 'Rotates the order of the items by one on every request (both lists).',
    breaks: 'rule:stable-order',
    page: (listed, offset, limit) => {
      rotation = (rotation + 1) % Math.max(listed.length, 1);
      return slice([...listed.slice(rotation), ...listed.slice(0, rotation)], offset, limit);
    },
  },
  {
    id: 'short-pages',
    description: 'Returns one item less than limit on pages that are not the last (both lists).',
    breaks: 'rule:page-length',
    page: (listed, offset, limit) => {
      const items = listed.slice(offset, offset + limit);
      return { count: listed.length, items: limit > 1 && offset + limit < listed.length ? items.slice(0, -1) : items };
    },
  },
  {
    id: 'limit-ignored',
    description: 'Always returns pages of 10, whatever the limit (both lists).',
    breaks: 'rule:items-within-limit',
    page: (listed, offset) => slice(listed, offset, 10),
  },
  {
    id: 'offset-ignored',
    description: 'Always returns the first page, whatever the offset (both lists).',
    breaks: 'rule:unique-ids',
    page: (listed, _offset, limit) => slice(listed, 0, limit),
  },
  {
    id: 'offset-past-end-not-found',
    description: 'Answers 404 instead of an empty page when offset reaches count (both lists).',
    breaks: 'rule:page-length',
    respond: (response, request) => {
      const offset = Number(request.url.searchParams.get(request.operation?.list.offset ?? '') ?? 0);
      if (pageItems(response, request)?.length !== 0 || !offset) return response;
      const { code, message } = notFoundOf(loadContracts().of(request.operation!.operationId));
      return { status: 404, headers: response.headers, body: { error_code: code, error_msg: message } };
    },
  },
  // Authentication and authorisation
  {
    id: 'no-auth-check',
    description: 'Answers without checking credentials at all.',
    breaks: 'rule:unauthenticated',
    authenticate: () => undefined,
  },
  {
    id: 'unknown-token-accepted',
    description: 'Checks only that a token is present, not that it is known.',
    breaks: 'rule:unauthenticated',
    authenticate: (verdict) => (verdict === ERRORS.tokenInvalid ? undefined : verdict),
  },
  {
    id: 'missing-token-forbidden',
    description: 'Answers a request without a token 403 instead of 401.',
    breaks: 'rule:unauthenticated',
    authenticate: (verdict) => (verdict === ERRORS.tokenMissing ? ERRORS.permissionDenied : verdict),
  },
  {
    id: 'signature-not-verified',
    description: 'Accepts an AK/SK signature of a known access key without checking it against the secret key.',
    breaks: 'rule:unauthenticated',
    authenticate: (verdict, request) =>
      verdict?.message.includes('verify aksk signature fail') && request.headers.authorization ? undefined : verdict,
  },
  {
    id: 'signature-date-not-checked',
    description: 'Accepts AK/SK signatures of any age (no clock-skew check).',
    breaks: 'rule:unauthenticated',
    authenticate: (verdict) => (verdict?.message.includes('signature expired') ? undefined : verdict),
  },
  {
    id: 'signature-error-quotes-canonical-request',
    description: "Answers a bad AK/SK signature 401 with an error_msg quoting the whole canonical request, past 255 characters, as Huawei's API gateway does.",
    breaks: '#/components/schemas/ErrorResp/properties/error_msg/maxLength',
    respond: (response, request, dataset) => {
      const body = response.body as Item | undefined;
      if (response.status !== 401 || typeof body?.error_msg !== 'string' || !body.error_msg.includes('canonicalRequest:')) return response;
      const verdict = verifySignature(request, (ak) => dataset.accessKeys.get(ak)?.sk, new Date());
      // The gateway quotes the canonical request in full, and the signature it computed after it.
      if (!verdict.ok) body.error_msg = withDetail(ERRORS.signatureInvalid, `${verdict.detail}, stringToSign:SDK-HMAC-SHA256|${String(request.headers['x-sdk-date'])}|${'0'.repeat(64)}`).message;
      return response;
    },
  },
  {
    id: 'long-token-server-error',
    description: 'Crashes on an unknown X-Auth-Token longer than 4,096 characters and answers 500 instead of 401.',
    breaks: 'rule:unauthenticated',
    authenticate: (verdict, request) => (verdict === ERRORS.tokenInvalid && String(request.headers['x-auth-token']).length > 4096 ? ERRORS.internal : verdict),
  },
  {
    id: 'token-prefix-compared',
    description: 'Compares tokens on their first 8 characters only, so a changed or extended token is accepted.',
    breaks: 'rule:unauthenticated',
    authenticate: (verdict, request, dataset) => {
      if (verdict !== ERRORS.tokenInvalid) return verdict;
      const sent = String(request.headers['x-auth-token']);
      const known = [...dataset.tokens].find(([token]) => token.slice(0, 8) === sent.slice(0, 8))?.[1];
      if (!known) return verdict;
      return known.projectId !== request.path?.project_id ? ERRORS.wrongProject : known.permitted ? undefined : ERRORS.permissionDenied;
    },
  },
  {
    id: 'signature-without-query',
    description: 'Also accepts an AK/SK signature computed without the query string, so the query can be changed after signing.',
    breaks: 'rule:unauthenticated',
    authenticate: (verdict, request, dataset) => {
      if (!verdict?.message.includes('verify aksk signature fail')) return verdict;
      const url = new URL(request.url.href);
      url.search = '';
      return verifySignature({ ...request, url }, (ak) => dataset.accessKeys.get(ak)?.sk, new Date()).ok ? undefined : verdict;
    },
  },
  {
    id: 'aksk-project-from-path',
    description: "Authorises an AK/SK-signed request for whatever project its path names, so another project's records are read with a valid key.",
    breaks: 'rule:tenant-isolation',
    authenticate: (verdict, request) => (verdict === ERRORS.wrongProject && request.headers.authorization !== undefined && request.headers['x-auth-token'] === undefined ? undefined : verdict),
  },
  {
    id: 'permission-not-checked',
    description: 'Serves users without workspace:scheduledTasks:getRecord.',
    breaks: 'rule:forbidden',
    authenticate: (verdict) => (verdict === ERRORS.permissionDenied ? undefined : verdict),
  },
  {
    id: 'forbidden-as-unauthorized',
    description: 'Answers a user without the permission 401 instead of 403.',
    breaks: 'rule:forbidden',
    authenticate: (verdict) => (verdict === ERRORS.permissionDenied ? ERRORS.tokenInvalid : verdict),
  },
  {
    id: 'project-scope-not-checked',
    description: "Accepts a token of another project on this project's path.",
    breaks: 'rule:other-project',
    authenticate: (verdict) => (verdict === ERRORS.wrongProject ? undefined : verdict),
  },
  {
    id: 'records-of-every-project',
    description: "Finds execution records and tasks in every project, not only in the project of the path.",
    breaks: 'rule:tenant-isolation',
    lists: ownersOfPath((_owners, _id, request, dataset) => {
      const operationId = request.operation!.operationId;
      return new Map([...dataset.lists.values()].flatMap((lists) => [...(lists.get(operationId) ?? [])]));
    }),
  },
  // Status codes
  {
    id: 'wrong-method-not-found',
    description: 'Answers other methods 404 (as a bare API gateway does) instead of 405.',
    breaks: 'rule:method-not-allowed',
    respond: (response) =>
      response.status === 405
        ? { status: 404, headers: { 'content-type': 'application/json', 'x-request-id': response.headers['x-request-id']! }, body: { error_code: 'APIGW.0101', error_msg: 'The API does not exist.' } }
        : response,
  },
  {
    id: 'options-server-error',
    description: 'Answers OPTIONS on the operation 500.',
    breaks: 'rule:method-not-allowed',
    respond: (response, request) => (request.method === 'OPTIONS' ? serverError(response) : response),
  },
  {
    id: 'no-allow-header',
    description: 'Answers 405 without an Allow header.',
    breaks: '#/components/headers/Allow',
    respond: (response) => {
      delete response.headers.allow;
      return response;
    },
  },
  {
    id: 'unknown-record-empty-page',
    description: 'Answers an unknown execute_history_id with an empty page instead of 404 (ListTaskExecuteDetail).',
    breaks: 'rule:unknown-record',
    operation: DETAIL,
    lists: ownersOfPath((owners, id) => (owners.has(id) ? owners : new Map([...owners, [id, []]]))),
  },
  {
    id: 'unavailable-as-bad-gateway',
    description: 'Answers an unavailable service (the 503 fault) with the undocumented 502.',
    breaks: 'check:status-code-conformance',
    respond: (response) => (response.status === 503 ? { ...response, status: 502 } : response),
  },
  {
    id: 'invalid-parameter-server-error',
    description: 'Crashes on parameters outside the spec and answers 500.',
    // Among the parameters it crashes on, the first the suite sends is limit above its maximum.
    breaks: '#/components/parameters/Limit/schema/maximum',
    respond: (response) => (response.status === 400 ? { ...response, status: 500 } : response),
  },
  {
    id: 'invalid-parameter-422',
    description: 'Answers parameters outside the spec with the undocumented status 422.',
    breaks: 'check:status-code-conformance',
    respond: (response) => (response.status === 400 ? { ...response, status: 422 } : response),
  },
  // How an answer arrives (RFC 9112): each breaks a case of complete-response, on every page it serves.
  {
    id: 'page-never-ends',
    description: 'Streams a 200 page that never ends: chunked, the items repeated without end.',
    breaks: 'rule:complete-response:body-too-large',
    transmit: onPages((text, outgoing) => {
      outgoing.removeHeader('content-length');
      outgoing.writeHead(200);
      // The page's text up to its list of items (its first array), then items without end.
      const item = `${text.slice(text.indexOf('[') + 1).match(/^\{[^{}]*\}/)?.[0] ?? '{}'},`.repeat(64);
      outgoing.write(text.slice(0, text.indexOf('[') + 1));
      const pump = () => {
        while (!outgoing.destroyed && outgoing.write(item));
        if (!outgoing.destroyed) outgoing.once('drain', pump);
      };
      pump();
    }),
  },
  {
    id: 'page-gzip-bomb',
    description: 'Answers a 200 page with a gzip body that decodes to 64 MiB of spaces after the page.',
    breaks: 'rule:complete-response:body-too-large',
    transmit: onPages((text, outgoing) => {
      // Two gzip members, decoded as one body (RFC 1952 section 2.2): the page, then the bomb, made once.
      bomb ??= gzipSync(Buffer.alloc(64 * 1024 * 1024, 0x20));
      const body = Buffer.concat([gzipSync(text), bomb]);
      outgoing.setHeader('content-encoding', 'gzip');
      outgoing.setHeader('content-length', body.length);
      outgoing.writeHead(200).end(body);
    }),
  },
  {
    id: 'page-drips',
    description: 'Sends a 200 page one byte every 200 ms.',
    breaks: 'rule:complete-response:body-not-in-time',
    transmit: onPages((text, outgoing) => {
      outgoing.writeHead(200);
      let sent = 0;
      const drip = setInterval(() => {
        if (outgoing.destroyed || sent >= text.length) return void (clearInterval(drip), outgoing.end());
        outgoing.write(text[sent++]!);
      }, 200);
    }),
  },
  {
    id: 'page-never-answered',
    description: 'Holds every request for a page without ever answering it.',
    breaks: 'rule:complete-response:no-answer',
    transmit: onPages(() => undefined),
  },
  {
    id: 'length-beyond-body',
    description: 'Announces a Content-Length 100 bytes beyond its 200 page, sends the page and closes the connection.',
    breaks: 'rule:complete-response:body-shorter-than-length',
    transmit: onPages((text, outgoing) => {
      outgoing.setHeader('content-length', Buffer.byteLength(text) + 100);
      outgoing.writeHead(200);
      outgoing.write(text, () => outgoing.socket?.destroy());
    }),
  },
  {
    id: 'body-beyond-length',
    description: 'Sends 32 bytes more than the Content-Length of its 200 page announces.',
    breaks: 'rule:complete-response:body-longer-than-length',
    transmit: onPages((text, outgoing) => raw(outgoing, 200, text, { extra: ' '.repeat(32) })),
  },
  {
    id: 'status-line-without-code',
    description: 'Answers a page with a status line that has no status code ("HTTP/1.1 OK").',
    breaks: 'rule:complete-response:malformed-status-line',
    transmit: onPages((text, outgoing) => raw(outgoing, 200, text, { statusLine: 'HTTP/1.1 OK' })),
  },
  {
    id: 'chunk-size-not-hex',
    description: 'Frames its 200 page in one chunk whose size line is not hexadecimal.',
    breaks: 'rule:complete-response:malformed-framing',
    transmit: onPages((text, outgoing) => raw(outgoing, 200, text, { chunkSize: 'zz' })),
  },
  // Answers a correct deployment gives only where HTTP or a layer in front lets it (the transport's, HEAD, OPTIONS, 501):
  // each given where it is not allowed
  {
    id: 'pages-not-implemented',
    description: 'Answers GET on the operations 501 Not Implemented, the answer RFC 9110 section 9.1 allows only for a method the server does not implement.',
    breaks: 'check:status-code-conformance',
    respond: (response, request) =>
      pageBody(response, request) && request.method === request.operation!.method ? { status: 501, headers: { 'content-type': 'text/plain' }, body: 'Not Implemented' } : response,
  },
  {
    id: 'cors-answer-for-pages',
    description: "Answers a GET that carries credentials and asks for a page as a CORS plug-in answers OPTIONS: 200 with Access-Control-* fields and no body.",
    breaks: 'check:response-schema-conformance',
    respond: (response, request) =>
      pageBody(response, request) && request.method === request.operation!.method
        ? { status: 200, headers: { 'access-control-allow-origin': '*', 'access-control-allow-methods': 'GET, HEAD, OPTIONS' }, body: '' }
        : response,
  },
  {
    id: 'bare-bad-request',
    description: "Answers a parameter outside the spec with a bare 400 (no body, no media type, no X-Request-Id), as Node's parser answers a request it cannot parse, although the service parsed this one.",
    breaks: '#/components/responses/BadRequest/content',
    respond: (response) => (response.status === 400 ? { status: 400, headers: {}, body: '' } : response),
  },
  {
    id: 'method-not-allowed-as-html',
    description: 'Answers every method it does not allow 405 with an HTML page and neither Allow nor X-Request-Id, as nginx answers TRACE itself.',
    breaks: '#/components/responses/MethodNotAllowed/content',
    respond: (response) =>
      response.status === 405 ? { status: 405, headers: { 'content-type': 'text/html' }, body: '<html><head><title>405 Not Allowed</title></head><body><h1>405 Not Allowed</h1></body></html>' } : response,
  },
  {
    id: 'trace-echoed',
    description: 'Serves TRACE: 200 with the request it received echoed back as message/http, credentials included.',
    breaks: 'rule:method-not-allowed:trace',
    respond: (response, request) =>
      request.method === 'TRACE'
        ? { status: 200, headers: { 'content-type': 'message/http' }, body: [`TRACE ${request.url.pathname}${request.url.search} HTTP/1.1`, ...Object.entries(request.headers).map(([name, value]) => `${name}: ${String(value)}`), ''].join('\r\n') }
        : response,
  },
  {
    id: 'unknown-method-server-error',
    description: "Crashes on a method of the registry it does not know (PROPFIND, QUERY, ...) and answers 500 instead of 405 or 501.",
    breaks: 'rule:method-not-allowed:registry',
    respond: (response, request) => (!['GET', 'HEAD', 'OPTIONS', 'POST', 'PUT', 'PATCH', 'DELETE', 'TRACE'].includes(request.method) ? serverError(response) : response),
  },
  {
    id: 'page-coding-without-body',
    description: "Answers GET with 200, Content-Encoding: gzip and no body: the header fields of a representation it never sent, which only an answer to HEAD may carry.",
    breaks: 'rule:complete-response:malformed-framing',
    transmit: onPages((_text, outgoing) => {
      outgoing.setHeader('content-encoding', 'gzip');
      outgoing.setHeader('content-length', 0);
      outgoing.writeHead(200).end();
    }),
  },
  {
    id: 'token-refused-as-too-large',
    description: 'Refuses every request carrying an X-Auth-Token 431 Request Header Fields Too Large, an answer RFC 6585 allows only for fields larger than a server wishes to process.',
    breaks: 'check:status-code-conformance',
    respond: (response, request) => (request.headers['x-auth-token'] !== undefined && request.method !== 'OPTIONS' ? { status: 431, headers: { 'content-type': 'text/plain' }, body: 'Request Header Fields Too Large' } : response),
  },
  // The JSON text (RFC 8259 section 8.1)
  {
    id: 'page-with-byte-order-mark',
    description: 'Begins every JSON page with a UTF-8 byte order mark (EF BB BF), as a serializer writing files does.',
    breaks: 'rule:json-text:byte-order-mark',
    transmit: pageBytes((text) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')])),
  },
  {
    id: 'page-in-latin1',
    description: 'Names servers with an accented letter ("Café-APS-1") and writes its pages of subtasks in ISO-8859-1 bytes instead of UTF-8, as a servlet with the platform\'s default charset does (ListTaskExecuteDetail).',
    breaks: 'rule:json-text:invalid-utf8',
    operation: DETAIL,
    respond: eachItem((item, index) => typeof item.server_name === 'string' && (item.server_name = `Café-APS-${index + 1}`)),
    transmit: pageBytes((text) => Buffer.from(text, 'latin1')),
  },
  {
    id: 'page-in-utf16',
    description: 'Writes its pages in UTF-16LE without a byte order mark instead of UTF-8, as a service writing its platform\'s Unicode strings as they are does.',
    breaks: 'rule:json-text:utf-16-or-32',
    transmit: pageBytes((text) => Buffer.from(text, 'utf16le')),
  },
  // Semantics
  {
    id: 'execute-id-of-the-task',
    description: 'Puts another id (the scheduled task id) in every subtask\'s execute_id (ListTaskExecuteDetail).',
    breaks: 'rule:owner-matches-path',
    operation: DETAIL,
    respond: eachItem((item) => (item.execute_id = '3f1c5a7e-0d2b-4e6f-8a9c-b1d3f5e7a9c0')),
  },
  {
    id: 'end-before-begin',
    description: 'Swaps begin_time and end_time of finished subtasks and executions.',
    breaks: 'rule:end-after-begin',
    respond: eachItem((item) => {
      if (item.begin_time && item.end_time) [item.begin_time, item.end_time] = [item.end_time, item.begin_time];
    }),
  },
  // ListTaskExecuteHistory's own: a task's executions, their schema and their paging
  {
    id: 'unknown-task-other-executions',
    description: "Answers an unknown task_id with the executions of the project's first task that has any (ListTaskExecuteHistory).",
    // unknown-task leaves the items of a page to owner-matches-path, which names the other task's executions.
    breaks: 'rule:owner-matches-path',
    operation: HISTORY,
    lists: ownersOfPath((owners, id) => (owners.has(id) ? owners : new Map([...owners, [id, [...owners.values()].find((listed) => listed.length > 0) ?? []]]))),
  },
  {
    id: 'tasks-of-every-project',
    description: "Finds a task in every project, not only in the project of the path, so another project's task lists its executions, which repeat its task_id (ListTaskExecuteHistory).",
    // tenant-isolation allows this list an empty 200 for another project's task (served: empty): only an empty one.
    breaks: 'rule:tenant-isolation',
    operation: HISTORY,
    lists: ownersOfPath((_owners, _id, request, dataset) => new Map([...dataset.lists.values()].flatMap((lists) => [...(lists.get(request.operation!.operationId) ?? [])]))),
  },
  {
    id: 'unknown-task-forbidden',
    description: 'Answers an unknown task_id 403, as if the task were hidden from the user, instead of 404 or an empty list (ListTaskExecuteHistory).',
    breaks: 'rule:unknown-task',
    operation: HISTORY,
    respond: (response) => (response.status === 404 ? errorOf(ERRORS.permissionDenied, response) : response),
  },
  {
    id: 'execution-of-another-task',
    description: "Puts another task's id in every execution's task_id (ListTaskExecuteHistory).",
    breaks: 'rule:owner-matches-path',
    operation: HISTORY,
    respond: eachItem((item) => (item.task_id = '7c4e2a9f-5b1d-4f3e-9a8c-d0e2f4a6b8c1')),
  },
  {
    id: 'total-count-as-string',
    description: 'Sends every execution\'s total_count as a string ("12") (ListTaskExecuteHistory).',
    breaks: '#/components/schemas/ScheduleTaskExecuteHistory/properties/total_count/type',
    operation: HISTORY,
    respond: eachItem((item) => typeof item.total_count === 'number' && (item.total_count = String(item.total_count))),
  },
  {
    id: 'scheduled-type-outside-enum',
    description: 'Reports every execution\'s scheduled_type as "CRON", a value outside the documented enum (ListTaskExecuteHistory).',
    breaks: '#/components/schemas/ScheduledTypeEnum/enum',
    operation: HISTORY,
    respond: eachItem((item) => item.scheduled_type !== undefined && (item.scheduled_type = 'CRON')),
  },
  {
    id: 'history-count-is-page-length',
    description: "Reports the page length as count on the task's execution list only (ListTaskExecuteHistory).",
    breaks: 'rule:count-is-total',
    operation: HISTORY,
    page: pageLengthAsCount,
  },
  {
    id: 'history-pages-capped',
    description: "Cuts the task's execution list at 50 items a page whatever the limit, as a service with its own cap (ListTaskExecuteHistory).",
    breaks: 'rule:page-length',
    operation: HISTORY,
    page: (listed, offset, limit) => slice(listed, offset, Math.min(limit, 50)),
  },
  // Consistency across the lists: an execution's counts sum up its subtasks (counts-match-subtasks)
  {
    id: 'total-count-off-by-one',
    description: 'Reports one subtask more in the total_count of every execution that has subtasks (ListTaskExecuteHistory).',
    breaks: 'rule:counts-match-subtasks',
    operation: HISTORY,
    respond: eachItem((item) => typeof item.total_count === 'number' && item.total_count > 0 && (item.total_count += 1)),
  },
  {
    id: 'success-count-counts-failed',
    description: "Counts an execution's FAILED subtasks in its success_count too (ListTaskExecuteHistory).",
    breaks: 'rule:counts-match-subtasks',
    operation: HISTORY,
    respond: eachItem((item) => {
      if (typeof item.success_count === 'number' && typeof item.failed_count === 'number') item.success_count += item.failed_count;
    }),
  },
  {
    id: 'executing-count-ignores-running',
    description: "Leaves an execution's RUNNING subtasks out of its excuting_count (ListTaskExecuteHistory).",
    breaks: 'rule:counts-match-subtasks',
    operation: HISTORY,
    respond: (response, request, dataset) =>
      eachItem((item) => {
        const running = subtasksOf(dataset, request, item.id).filter((subtask) => subtask.status === 'RUNNING').length;
        if (typeof item.excuting_count === 'number') item.excuting_count = Math.max(item.excuting_count - running, 0);
      })(response, request),
  },
  {
    id: 'subtask-lost-from-detail',
    description: "Loses the last subtask of every execution from ListTaskExecuteDetail: its count agrees with its items, the execution's total_count no longer does.",
    breaks: 'rule:counts-match-subtasks',
    operation: DETAIL,
    lists: ownersOfPath((owners) => new Map([...owners].map(([id, listed]): [string, readonly ListItem[]] => [id, listed.slice(0, -1)]))),
  },
];

export function deviationById(id: string): Deviation {
  const found = DEVIATIONS.find((d) => d.id === id);
  if (!found) throw new Error(`unknown mock deviation "${id}"; known: ${DEVIATIONS.map((d) => d.id).join(', ')}`);
  return found;
}

/**
 * What a failure message of the suite must name for the fault to count as caught for the right reason:
 * where the spec writes the rule, the check's id in brackets, or the JSON pointer it breaks.
 */
export function caughtMarker(deviation: Deviation): string {
  if (deviation.breaks.startsWith('rule:')) {
    // `rule:<id>` or `rule:<id>:<case>`: the failure must name the case where the spec writes it.
    const [ruleId, caseId] = deviation.breaks.slice(5).split(':');
    // A rule each operation states in its own words is written in each: the deviation's operation names which.
    const { all } = loadContracts();
    const ordered = [...all.filter((c) => c.operation.operationId === deviation.operation), ...all];
    const rule = ordered.map(({ operation }) => operation.rules.get(ruleId!)).find(Boolean);
    if (!rule) return `no rule ${ruleId} in the spec`;
    if (caseId === undefined) return rule.pointer;
    return rule.cases.find((c) => c.id === caseId)?.pointer ?? `no case ${caseId} of rule ${ruleId}`;
  }
  if (deviation.breaks.startsWith('check:')) return `[${deviation.breaks.slice(6)}]`;
  return deviation.breaks;
}
