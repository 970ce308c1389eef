import type { IncomingMessage } from 'node:http';
import { startHostileServer, type Hostility } from './hostile-server';
import { liveEnv, startMockProcess } from './mock-process';
import { watchTreeMemory, type TreeMemory } from './process-memory';
import { runSuite, type SuiteRun } from './run-suite';

/** The subtasks of the record: the walks' pages and the page at offset = count are known. */
export const RECORD_COUNT = 150;

/**
 * Requests of one test each of tests/conformance/across-pages.spec.ts, by query: the second page
 * of the limit=7 walk, a page only the test of the same total for every offset and limit asks for
 * (offset=2, limit=7), the last page of limit=1 at the end of the list, the repeated request (offset=1,
 * limit=10), the page at offset = count.
 */
export const HOSTILE_QUERIES: Readonly<Record<string, Hostility>> = {
  'offset=7&limit=7': 'endless-json',
  'offset=2&limit=7': 'huge-body',
  [`offset=${RECORD_COUNT - 1}&limit=1`]: 'drip',
  'offset=1&limit=10': 'never-answers',
  [`offset=${RECORD_COUNT}&limit=100`]: 'redirect-elsewhere',
};

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
export async function hostileRun(hostile: (query: string) => Hostility | undefined, env: Record<string, string>, args: readonly string[]): Promise<HostileRun> {
  const mock = await startMockProcess(['--seed', '1', '--large-count', String(RECORD_COUNT)]);
  const elsewhere = await startHostileServer({ hostility: () => undefined });
  const query = (request: IncomingMessage) => new URL(request.url ?? '/', 'http://x').search.slice(1);
  const front = await startHostileServer({ hostility: (request) => hostile(query(request)), upstream: mock.url, redirectTo: elsewhere.url });
  let stop: (() => TreeMemory) | undefined;
  try {
    const run = await runSuite({ ...liveEnv(mock, 'token'), CONTRACT_BASE_URL: front.url, ...env }, { args, jsonReport: false, onStart: (pid) => (stop = watchTreeMemory(pid)) });
    return { run, memory: stop!(), redirectFollowed: elsewhere.seen.length };
  } finally {
    await Promise.all([front.close(), elsewhere.close(), mock.stop()]);
  }
}
