import type { IncomingMessage } from 'node:http';
import { loadContracts } from '../../src/contract';
import { DETAIL, HISTORY } from '../../src/mock/dataset';
import { oddWalkSize, type LimitBounds } from '../../src/paging/walk-size';
import { routerFor } from '../../src/requests/route';
import type { Operation } from '../../src/spec/operation';
import { startHostileServer, type Hostility } from './hostile-server';
import { liveEnv, startMockProcess } from './mock-process';
import { watchTreeMemory, type TreeMemory } from './process-memory';
import { runSuite, type SuiteRun } from './run-suite';

/** The items of each list (the large record's subtasks, the task's executions): the walks' pages and the page at offset = count are known. */
export const RECORD_COUNT = 150;

const contracts = loadContracts();
const detail = contracts.of(DETAIL).operation;
const history = contracts.of(HISTORY).operation;
const route = routerFor(contracts.all);
const limitOf = (operation: Operation) => operation.parameter(operation.list.limit).schema as LimitBounds;
/** The page size of the odd walk of a list of RECORD_COUNT items of the operation (tests/conformance/across-pages.spec.ts). */
export const oddSizeOf = (operation: Operation) => oddWalkSize(limitOf(operation), RECORD_COUNT)!;
/** The query of a page of the operation, as the suite writes it: offset, then limit, by the list's shape. */
const pageQuery = (operation: Operation, offset: number, limit: number) => `${operation.list.offset}=${offset}&${operation.list.limit}=${limit}`;

/** A request of the run, as the hostile front sees it: the list it asks for (by operationId) and its query. */
export interface HostileRequest {
  readonly operationId: string | undefined;
  readonly query: string;
}

/**
 * Requests of one test each of tests/conformance/across-pages.spec.ts, for both lists: the second page of
 * the odd walk, of each list; the last page of the smallest size at the end of the subtasks; the repeated
 * request of the subtasks (offset 1, the default size); the page of the largest size at offset = count of
 * the executions.
 */
export const HOSTILE_REQUESTS: readonly (HostileRequest & { readonly hostility: Hostility })[] = [
  { operationId: DETAIL, query: pageQuery(detail, oddSizeOf(detail), oddSizeOf(detail)), hostility: 'endless-json' },
  { operationId: HISTORY, query: pageQuery(history, oddSizeOf(history), oddSizeOf(history)), hostility: 'huge-body' },
  { operationId: DETAIL, query: pageQuery(detail, RECORD_COUNT - 1, limitOf(detail).minimum), hostility: 'drip' },
  { operationId: DETAIL, query: pageQuery(detail, 1, limitOf(detail).default), hostility: 'never-answers' },
  { operationId: HISTORY, query: pageQuery(history, RECORD_COUNT, limitOf(history).maximum), hostility: 'redirect-elsewhere' },
];

/** What HOSTILE_REQUESTS says of a request. */
export const hostileRequests = (request: HostileRequest) => HOSTILE_REQUESTS.find((one) => one.operationId === request.operationId && one.query === request.query)?.hostility;

export interface HostileRun {
  readonly run: SuiteRun;
  readonly memory: TreeMemory;
  /** Requests the origin the redirect points at received (none: nothing followed it). */
  readonly redirectFollowed: number;
}

/**
 * The suite, as a user runs it against a live target, in front of a correct server (a mock process)
 * that misbehaves for the requests `hostile` names; the memory of the run's processes is sampled.
 */
export async function hostileRun(hostile: (request: HostileRequest) => Hostility | undefined, env: Record<string, string>, args: readonly string[]): Promise<HostileRun> {
  const mock = await startMockProcess(['--seed', '1', '--large-count', String(RECORD_COUNT), '--execution-count', String(RECORD_COUNT)]);
  const elsewhere = await startHostileServer({ hostility: () => undefined });
  const seen = (request: IncomingMessage) => {
    const url = new URL(request.url ?? '/', 'http://x');
    const routed = route(url.pathname);
    return { operationId: routed.route === 'operation' ? routed.contract.operation.operationId : undefined, query: url.search.slice(1) };
  };
  const front = await startHostileServer({ hostility: (request) => hostile(seen(request)), upstream: mock.url, redirectTo: elsewhere.url });
  let stop: (() => TreeMemory) | undefined;
  try {
    const run = await runSuite({ ...liveEnv(mock, 'token'), CONTRACT_BASE_URL: front.url, ...env }, { args, jsonReport: false, onStart: (pid) => (stop = watchTreeMemory(pid)) });
    return { run, memory: stop!(), redirectFollowed: elsewhere.seen.length };
  } finally {
    await Promise.all([front.close(), elsewhere.close(), mock.stop()]);
  }
}
