import { loadContract } from '../contract';
import { DETAIL, HISTORY } from './dataset';
import type { DatasetOptions } from './dataset';
import type { Fault } from './types';

/**
 * A documented behaviour of the service that a client must survive, shown deterministically: which
 * requests meet it depends only on their order of arrival (`n`, 1 for the first request to any of the
 * operations, counted across them all), never on chance or the clock.
 */
export interface Scenario {
  readonly id: string;
  readonly description: string;
  /** Data the scenario needs (e.g. a record whose size is a multiple of the largest page). */
  dataset?(): DatasetOptions;
  /** The answer injected instead of the service's for the n-th request to an operation (any of them), if any. */
  fault?(n: number): Fault | undefined;
}

/** Every third request from the second on: 2, 5, 8 ... (a retry of one of them is served). */
const everyThirdFromSecond = (n: number) => n % 3 === 2;

export const SCENARIOS: readonly Scenario[] = [
  { id: 'none', description: 'the service as it behaves on a quiet day (the default)' },
  {
    id: 'throttled',
    description: 'requests 2, 5, 8 ... to the operations (counted across them all) are answered 429 APIGW.0308 with Retry-After: 1, as the API gateway throttles; a retry of one is served',
    fault: (n) => (everyThirdFromSecond(n) ? { status: 429, retryAfterSeconds: 1 } : undefined),
  },
  {
    id: 'unavailable',
    description: 'requests 2, 5, 8 ... to the operations (counted across them all) are answered 503 with Retry-After: 1; a retry of one is served',
    fault: (n) => (everyThirdFromSecond(n) ? { status: 503, retryAfterSeconds: 1 } : undefined),
  },
  {
    id: 'overloaded',
    description: 'every request to an operation after the first is answered 429 with Retry-After: 1, for as long as it lasts: a client must give up after a bounded number of tries',
    fault: (n) => (n > 1 ? { status: 429, retryAfterSeconds: 1 } : undefined),
  },
  {
    id: 'slow',
    description: 'every answer of every operation comes 2 seconds late, as across a slow network: a client with a shorter timeout must say so, not hang or retry blindly',
    fault: () => ({ latencyMs: 2000 }),
  },
  {
    id: 'full-last-page',
    description: "the large list of each operation (the large execution's subtasks, the task's executions) holds exactly twice its limit's maximum, so a walk with the largest page ends on a full page: the client must ask once more and stop on the empty page, or stop once it has the total",
    dataset: () => ({ largeCount: 2 * largestPage(DETAIL), executionCount: 2 * largestPage(HISTORY) }),
  },
];

/** The most items a page of the operation holds: its x-list limit's maximum. */
function largestPage(operationId: string): number {
  const { operation } = loadContract(operationId);
  return Number(operation.parameter(operation.list.limit).schema.maximum);
}

export function scenarioById(id: string): Scenario | undefined {
  return SCENARIOS.find((scenario) => scenario.id === id);
}

/** The statuses a scenario answers some requests with instead of the service (429, 503 ...). */
export function injectedStatuses(scenario: Scenario): number[] {
  const statuses = new Set<number>();
  // Its faults depend only on n, and every scenario shows each of them within its first requests.
  for (let n = 1; n <= 12; n += 1) {
    const status = scenario.fault?.(n)?.status;
    if (status !== undefined) statuses.add(status);
  }
  return [...statuses].sort();
}
