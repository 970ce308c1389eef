import type { ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';
import { DETAIL, HISTORY, type MockDataset } from './dataset';
import { ERRORS } from './errors';
import type { Operation, RuleCase } from '../spec/operation';
import type { MockRequest, MockResponse } from './types';

/**
 * A correct variant of the service: another behaviour the spec allows (a gateway without CORS, error
 * messages that quote the credential, other names). The suite must pass against each; the self-test
 * runs it against all of them at once (npm run mock -- --variant ID shows one).
 */
export interface Variant {
  readonly id: string;
  readonly description: string;
  respond?(response: MockResponse, request: MockRequest, dataset: MockDataset): MockResponse;
  /** Frame the answer otherwise (as a deviation's transmit): write it itself and return true, or return false to leave it. */
  transmit?(status: number, text: string, outgoing: ServerResponse): boolean;
}

/** The methods HTTP itself and PATCH define that the service names in its answers (Allow) or refuses as not allowed (405). */
const IMPLEMENTED = new Set(['GET', 'HEAD', 'OPTIONS', 'POST', 'PUT', 'PATCH', 'DELETE']);

type Item = Record<string, unknown>;

/** The items of a page of the list the request routes to (x-list items), if the response is one. */
function pageItems(response: MockResponse, request: MockRequest): Item[] | undefined {
  const { operation } = request;
  const items = operation && response.status === Number(operation.successStatus) ? (response.body as Item | undefined)?.[operation.list.items] : undefined;
  return Array.isArray(items) ? (items as Item[]) : undefined;
}

/** An id no list of any project is owned by: it names nothing anywhere, not even in another project. */
function namesNothing(dataset: MockDataset, operationId: string, id: string): boolean {
  return ![...dataset.lists.values()].some((lists) => lists.get(operationId)?.has(id));
}

/** The rule allows the success status, with an empty list only (`served: empty`). */
function servedEmptyAllows(operation: Operation, ruleId: string): boolean {
  const rule = operation.rules.get(ruleId);
  return !!rule?.servedEmpty && rule.statuses.includes(operation.successStatus);
}

/** The cases of the operation's rules that decide an id of the path parameter `name` with a reserved character of a path (reserved-in-task-id). */
function reservedCases(operation: Operation, name: string): RuleCase[] {
  return [...operation.rules.values()].flatMap((rule) => rule.cases).filter((c) => c.when.parameter === name && c.when.class?.some((k) => k === 'semicolon' || k === 'reserved'));
}

export const VARIANTS: readonly Variant[] = [
  {
    id: 'cors-preflight',
    description:
      "Answers OPTIONS itself as an API gateway's CORS plug-in does: 200 with Access-Control-Allow-Origin, -Methods, -Headers and -Max-Age, no Allow, no body, no X-Request-Id (ListTaskExecuteHistory, whose API group enables CORS).",
    respond: (response, request) => {
      if (request.method !== 'OPTIONS' || request.operation?.operationId !== HISTORY) return response;
      return {
        status: 200,
        headers: {
          'access-control-allow-origin': '*',
          'access-control-allow-methods': 'GET, HEAD, OPTIONS',
          'access-control-allow-headers': 'Content-Type, X-Auth-Token, Authorization, X-Sdk-Date, X-Project-Id, X-Security-Token',
          'access-control-max-age': '86400',
        },
        body: '',
      };
    },
  },
  {
    id: 'methods-not-implemented',
    description:
      'Answers a method it does not implement (TRACE, WebDAV\'s PROPFIND, QUERY and any other past GET, HEAD, OPTIONS, POST, PUT, PATCH and DELETE) 501 Not Implemented in plain text without X-Request-Id, as RFC 9110 section 9.1 suggests.',
    respond: (response, request) =>
      IMPLEMENTED.has(request.method) ? response : { status: 501, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: 'Not Implemented\n' },
  },
  {
    id: 'gzip-answers',
    description:
      'Compresses every answer with content (gzip) when the request accepts it, with its Content-Length; an answer to HEAD carries the Content-Encoding and Content-Length of the body a GET would get, and no body (RFC 9110 section 9.3.2).',
    transmit: (status, text, outgoing) => {
      if (text === '' || !/\bgzip\b/.test(String(outgoing.req.headers['accept-encoding'] ?? ''))) return false;
      const body = gzipSync(text);
      outgoing.setHeader('content-encoding', 'gzip');
      outgoing.setHeader('vary', 'Accept-Encoding');
      outgoing.setHeader('content-length', body.length);
      outgoing.writeHead(status);
      // Node writes no body for HEAD whatever is given.
      outgoing.end(body);
      return true;
    },
  },
  {
    id: 'options-not-allowed',
    description: 'Answers OPTIONS 405 with Allow: GET, as a gateway without CORS does, instead of a preflight answer (ListTaskExecuteDetail).',
    respond: (response, request) => {
      if (request.method !== 'OPTIONS' || request.operation?.operationId !== DETAIL) return response;
      const { code, message, status } = ERRORS.methodNotAllowed;
      return { status, headers: { ...response.headers, allow: 'GET', 'content-type': 'application/json' }, body: { error_code: code, error_msg: message } };
    },
  },
  {
    id: 'error-quotes-credential',
    description: 'Quotes the X-Auth-Token sent in the error_msg of a 401 or 403, where it fits in the message, as some gateways do.',
    respond: (response, request) => {
      const body = response.body as Item | undefined;
      const token = request.headers['x-auth-token'];
      if ((response.status !== 401 && response.status !== 403) || typeof body?.error_msg !== 'string' || typeof token !== 'string' || token === '') return response;
      const quoted = `${body.error_msg} (X-Auth-Token: ${token})`;
      if (quoted.length <= 255) body.error_msg = quoted;
      return response;
    },
  },
  {
    id: 'charset-and-offsets',
    description: 'Labels JSON with a charset (application/json;charset=UTF-8) and writes begin_time with a +08:00 offset, the same instant (RFC 3339), end_time in UTC, on subtasks and executions.',
    respond: (response, request) => {
      if (String(response.headers['content-type']).startsWith('application/json')) response.headers['content-type'] = 'application/json;charset=UTF-8';
      for (const item of pageItems(response, request) ?? []) if (typeof item.begin_time === 'string') item.begin_time = inShanghai(item.begin_time);
      return response;
    },
  },
  {
    id: 'chinese-names',
    description: 'Names every server in Chinese with an emoji (应用服务器-1 🚀), and answers failures in Chinese.',
    respond: (response, request) => {
      (pageItems(response, request) ?? []).forEach((item, index) => {
        if (typeof item.server_name === 'string') item.server_name = `应用服务器-${index + 1} 🚀`;
        if (typeof item.result_message === 'string') item.result_message = '服务暂时不可用，请稍后重试。😢';
      });
      return response;
    },
  },
  {
    id: 'unknown-owner-empty-page',
    description:
      "Answers an owner id that names nothing in this project 200 with an empty list (count 0) instead of 404, as a list filtered by it would, wherever the spec allows it: an unknown task_id of ListTaskExecuteHistory, another project's task_id (tenant-isolation) and one with a reserved character of a path (reserved-in-task-id).",
    respond: (response, request, dataset) => {
      const { operation, path } = request;
      if (!operation || !path || response.status !== 404 || request.method !== operation.method) return response;
      const { owner, total, items } = operation.list;
      const id = path[owner.parameter];
      if (id === undefined || !servedEmptyAllows(operation, owner.unknownRule)) return response;
      // Each class of id the 404 stands for is another rule of the spec, which must allow the empty list too.
      const reserved = !/^[\w.~-]+$/.test(id);
      if (reserved && !reservedCases(operation, owner.parameter).every((c) => c.servedEmpty && c.statuses.includes(operation.successStatus))) return response;
      if (!namesNothing(dataset, operation.operationId, id) && !servedEmptyAllows(operation, 'tenant-isolation')) return response;
      return { status: Number(operation.successStatus), headers: { ...response.headers, 'content-type': 'application/json' }, body: { [total]: 0, [items]: [] } };
    },
  },
  {
    id: 'executing-counts-waiting',
    description: "Counts an execution's WAITING subtasks in its excuting_count too, as counts-match-subtasks allows (a subtask waiting to start is part of the run).",
    respond: (response, request, dataset) => {
      for (const item of pageItems(response, request) ?? []) {
        if (typeof item.excuting_count !== 'number') continue;
        const subtasks = dataset.lists.get(request.path?.project_id ?? '')?.get(DETAIL)?.get(String(item.id)) ?? [];
        item.excuting_count += subtasks.filter((subtask) => subtask.status === 'WAITING').length;
      }
      return response;
    },
  },
  {
    id: 'executions-progress',
    description:
      'Moves an execution that is still running on as its subtasks are read: each answer of its subtask list ends its RUNNING subtask (SUCCESS) and starts its WAITING one, and its counts, status and end_time follow at once, as a run in progress does between two reads.',
    respond: (response, request, dataset) => {
      const { operation, path } = request;
      if (operation?.operationId !== DETAIL || !path || response.status !== Number(operation.successStatus)) return response;
      const lists = dataset.lists.get(path.project_id ?? '');
      const id = path[operation.list.owner.parameter] ?? '';
      const execution = [...(lists?.get(HISTORY)?.values() ?? [])].flat().find((record) => record.id === id) as Item | undefined;
      const subtasks = lists?.get(DETAIL)?.get(id) as Item[] | undefined;
      if (execution?.status === 'RUNNING' && subtasks) moveOn(execution, subtasks);
      return response;
    },
  },
  {
    id: 'task-runs-while-read',
    description:
      "Starts a new execution of the task while its executions are read: once, after the first answer of a page past the first (a walk's second page), the newest execution, first in the list, WAITING with 3 subtasks, as a task run by its schedule meanwhile; every count and page after it holds one more.",
    respond: (response, request, dataset) => {
      const { operation, path } = request;
      if (operation?.operationId !== HISTORY || !path || response.status !== Number(operation.successStatus) || started.has(dataset)) return response;
      if (!(Number(request.url.searchParams.get(operation.list.offset)) > 0)) return response;
      const lists = dataset.lists.get(path.project_id ?? '');
      const executions = lists?.get(HISTORY)?.get(path[operation.list.owner.parameter] ?? '') as Item[] | undefined;
      const subtaskLists = lists?.get(DETAIL) as Map<string, readonly Item[]> | undefined;
      const newest = executions?.[0];
      if (!newest || !subtaskLists) return response;
      started.add(dataset);
      const id = `00000000-0000-4000-8000-${String(dataset.seed).padStart(12, '0').slice(-12)}`;
      const begin = Date.parse(String(newest.begin_time)) + 86_400_000;
      const subtasks = Array.from({ length: 3 }, (_, index) => ({
        id: `00000000-0000-4000-8001-${String(index).padStart(12, '0')}`,
        execute_id: id,
        server_id: `00000000-0000-4000-8002-${String(index).padStart(12, '0')}`,
        server_name: `APS-WKSAPP${String(index + 1).padStart(3, '0')}`,
        status: 'WAITING',
        task_type: newest.task_type,
        time_zone: newest.time_zone,
      }));
      subtaskLists.set(id, subtasks);
      const { end_time: _ended, ...like } = newest;
      executions.unshift({ ...like, id, status: 'WAITING', total_count: subtasks.length, success_count: 0, failed_count: 0, excuting_count: 0, begin_time: new Date(begin).toISOString(), create_time: new Date(begin - 1_000).toISOString() });
      return response;
    },
  },
];

/** The datasets whose task task-runs-while-read has started once already. */
const started = new WeakSet<MockDataset>();

/** One step of a run in progress: the RUNNING subtask ends, the WAITING one starts, the execution's counts (and, once nothing is left, its status and end) follow. */
function moveOn(execution: Item, subtasks: Item[]): void {
  const at = (item: Item, key: string) => Date.parse(String(item[key] ?? '')) || 0;
  const latest = Math.max(...subtasks.map((subtask) => at(subtask, 'begin_time')), at(execution, 'begin_time'));
  const running = subtasks.find((subtask) => subtask.status === 'RUNNING');
  const waiting = subtasks.find((subtask) => subtask.status === 'WAITING');
  if (running) Object.assign(running, { status: 'SUCCESS', end_time: new Date(at(running, 'begin_time') + 30_000).toISOString() });
  if (waiting) Object.assign(waiting, { status: 'RUNNING', begin_time: new Date(latest + 1_500).toISOString() });
  const counted = (status: string) => subtasks.filter((subtask) => subtask.status === status).length;
  Object.assign(execution, { success_count: counted('SUCCESS'), failed_count: counted('FAILED'), excuting_count: counted('RUNNING') });
  if (counted('RUNNING') + counted('WAITING') === 0) {
    Object.assign(execution, { status: counted('FAILED') > 0 ? 'FAILED' : 'SUCCESS', end_time: new Date(Math.max(...subtasks.map((subtask) => at(subtask, 'end_time')))).toISOString() });
  }
}

/** The same instant written in UTC+08:00: 2026-05-01T02:00:00.000Z is 2026-05-01T10:00:00.000+08:00. */
function inShanghai(utc: string): string {
  return new Date(Date.parse(utc) + 8 * 3600_000).toISOString().replace('Z', '+08:00');
}

export function variantById(id: string): Variant {
  const found = VARIANTS.find((v) => v.id === id);
  if (!found) throw new Error(`unknown mock variant "${id}"; known: ${VARIANTS.map((v) => v.id).join(', ')}`);
  return found;
}
