import { loadContracts } from '../../src/contract';
import { FAMILIES, familyCells } from '../../src/families/negative-families';
import { liveEnv, pageUrl, startMockProcess, type MockStats } from '../../tests/support/mock-process';
import { runSuite } from '../../tests/support/run-suite';
import { int, log, onExit, s, spread, userDefaults } from './support';

/** 5. Time to verdict across a network, how the cost grows with the record, and no false alarm from a short idle timeout. */

interface NetworkRun {
  readonly label: string;
  readonly tests: string;
  readonly exitCode: number | null;
  readonly seconds: number;
  readonly requests: number | undefined;
  readonly maxInFlight: number | undefined;
}

/** One full live run (the live defaults: CONTRACT_FUZZ_RUNS unset: 6 per property and operation, every credential) against a mock process started with `mockArgs`. */
async function networkRun(label: string, mockArgs: readonly string[], env: Record<string, string> = {}, args: readonly string[] = []): Promise<NetworkRun> {
  const mock = await startMockProcess(['--seed', '1', ...mockArgs]);
  let stats: MockStats | undefined;
  const stopMock = onExit(async () => void (stats = await mock.stop()));
  let suite;
  try {
    // An empty CONTRACT_FUZZ_RUNS: the live default, as a user's run would have it.
    suite = await runSuite({ ...userDefaults(liveEnv(mock, 'all')), CONTRACT_FUZZ_RUNS: '', ...env }, { jsonReport: true, ...(args.length ? { args: [...args] } : {}) });
  } finally {
    await stopMock();
  }
  const count = (status: string) => suite.results.filter((result) => result.status === status).length;
  const run = {
    label,
    tests: `${count('passed')} passed, ${count('failed')} failed, ${count('skipped')} skipped`,
    exitCode: suite.exitCode,
    seconds: suite.durationMs / 1000,
    requests: stats?.served,
    maxInFlight: stats?.maxInFlight,
  };
  log(`network: ${label}: exit ${run.exitCode}, ${run.seconds.toFixed(2)} s, ${run.requests} requests, at most ${run.maxInFlight} in flight (${run.tests})`);
  if (suite.exitCode !== 0) log(`network: ${label}: output:\n${suite.output.slice(-3000)}`);
  return run;
}

/**
 * The subtasks of the records the growth table is measured on: up to 792 the odd walk takes about 8
 * pages (src/paging/walk-size.ts), past it pages of 99, so the walks' requests grow by one every 50.
 */
const GROWTH_COUNTS = [1, 100, 1_000, 10_000];
/** The latency of the time-to-verdict run: a service across a real network. */
const LATENCY_MS = 150;
/** How many runs against a server that closes idle connections after KEEP_ALIVE_MS, and how soon. */
const KEEP_ALIVE_RUNS = 10;
const KEEP_ALIVE_MS = 5;

/**
 * What one request to the mock answering LATENCY_MS late takes on this machine, sent alone, one after
 * another (milliseconds): the latency plus the mock's and the client's own time and the machine's
 * waking from idle, which the physical bound leaves out.
 */
async function roundTrip(): Promise<number> {
  const mock = await startMockProcess(['--seed', '1', '--latency', String(LATENCY_MS)]);
  const stopMock = onExit(async () => void (await mock.stop()));
  try {
    const times: number[] = [];
    for (let request = 0; request < ROUND_TRIPS + 1; request += 1) {
      const started = performance.now();
      await (await fetch(pageUrl(mock, '?limit=10'), { headers: { 'X-Auth-Token': mock.facts.token } })).arrayBuffer();
      // The first opens the connection.
      if (request > 0) times.push(performance.now() - started);
    }
    return spread(times).median;
  } finally {
    await stopMock();
  }
}
const ROUND_TRIPS = 20;

export interface NetworkFigures {
  /** The median of ROUND_TRIPS requests sent alone (roundTrip). */
  readonly roundTripMs: number;
  readonly latency: NetworkRun;
  /** The same run, the tests of one operation only (--grep): what one operation cost. */
  readonly oneOperation: NetworkRun;
  readonly growth: readonly (NetworkRun & { readonly subtasks: number })[];
  readonly keepAlive: readonly NetworkRun[];
}

/** The latency run, the growth runs (150 ms late too) and the short-idle-timeout runs (concurrency 8). */
export async function benchNetwork(): Promise<NetworkFigures> {
  const roundTripMs = await roundTrip();
  log(`network: one request alone, ${LATENCY_MS} ms late: ${roundTripMs.toFixed(1)} ms (median of ${ROUND_TRIPS})`);
  const latency = await networkRun(`latency ${LATENCY_MS} ms`, ['--latency', String(LATENCY_MS)]);
  const [first] = loadContracts().all;
  const oneOperation = await networkRun(`latency ${LATENCY_MS} ms, ${first!.operation.operationId} only`, ['--latency', String(LATENCY_MS)], {}, ['--grep', `${first!.operation.operationId} `]);
  const growth = [];
  for (const subtasks of GROWTH_COUNTS) {
    growth.push({ subtasks, ...(await networkRun(`${subtasks} subtasks`, ['--large-count', String(subtasks), '--latency', String(LATENCY_MS)])) });
  }
  const keepAlive = [];
  for (let run = 1; run <= KEEP_ALIVE_RUNS; run += 1) {
    // 20 ms of latency keeps several requests in flight at once.
    keepAlive.push(await networkRun(`keep-alive ${KEEP_ALIVE_MS} ms, run ${run}/${KEEP_ALIVE_RUNS}`, ['--keep-alive-timeout', String(KEEP_ALIVE_MS), '--latency', '20'], { CONTRACT_CONCURRENCY: '8' }));
  }
  return { roundTripMs, latency, oneOperation, growth, keepAlive };
}

/** What the families of deliberate requests (docs/input-classes.md) cost of the run above: a request a cell, every scheme set. */
function familiesCost(): string[] {
  const perOperation = loadContracts().all.map(({ operation }) => {
    const cells = familyCells(operation);
    return { operationId: operation.operationId, cells, perFamily: FAMILIES.map((family) => `${family.id} ${cells.filter((c) => c.family === family.id).length}`).join(', ') };
  });
  const total = perOperation.reduce((sum, { cells }) => sum + cells.length, 0);
  return [`Of its requests, ${total} are the cells of the families of deliberate requests (${perOperation.map((o) => `${o.operationId}: ${o.cells.length}, ${o.perFamily}`).join('; ')}), one request each: ${s((total * LATENCY_MS) / 1000 / 4)} s of the physical bound.`];
}

export function networkTable({ roundTripMs, latency, oneOperation, growth, keepAlive }: NetworkFigures): string[] {
  const bound = (run: NetworkRun, concurrency: number) => (run.requests === undefined ? 'n/a' : s((run.requests * LATENCY_MS) / 1000 / concurrency));
  const passed = keepAlive.filter((run) => run.exitCode === 0).length;
  return [
    `## 5. Time to verdict across a network (a full live run, every credential, the live default of 6 random inputs per property and operation; requests and in-flight counted by the mock)`,
    '',
    '| run | tests | exit | wall s | requests | most in flight | physical bound s (requests × latency / 4) |',
    '|---|---|---|---|---|---|---|',
    `| mock answering ${LATENCY_MS} ms late, every operation, default concurrency | ${latency.tests} | ${latency.exitCode} | ${s(latency.seconds)} | ${latency.requests ?? 'n/a'} | ${latency.maxInFlight ?? 'n/a'} | ${bound(latency, 4)} |`,
    `| the same, ${oneOperation.label.replace(/^.*, /, '')} | ${oneOperation.tests} | ${oneOperation.exitCode} | ${s(oneOperation.seconds)} | ${oneOperation.requests ?? 'n/a'} | ${oneOperation.maxInFlight ?? 'n/a'} | ${bound(oneOperation, 4)} |`,
    '',
    `One request sent alone to the mock answering ${LATENCY_MS} ms late takes ${roundTripMs.toFixed(0)} ms on this machine (median of ${ROUND_TRIPS}): requests × ${roundTripMs.toFixed(0)} ms / 4 is ${latency.requests === undefined ? 'n/a' : s((latency.requests * roundTripMs) / 1000 / 4)} s for the run of every operation, the rest is the start of the runner and its workers.`,
    '',
    `Goal: every operation at most 15 s with at most 4 in flight: ${latency.exitCode === 0 && latency.seconds <= 15 && (latency.maxInFlight ?? Infinity) <= 4 ? '✓ met' : '✗ not met'} (one operation alone: at most 12 s, ${oneOperation.exitCode === 0 && oneOperation.seconds <= 12 ? '✓ met' : '✗ not met'}).`,
    '',
    ...familiesCost(),
    '',
    `### How the cost grows (the mock ${LATENCY_MS} ms late, default concurrency)`,
    '',
    `| subtasks in the record | tests | exit | wall s | requests | physical bound s |`,
    '|---|---|---|---|---|---|',
    ...growth.map((run) => `| ${int(run.subtasks)} | ${run.tests} | ${run.exitCode} | ${s(run.seconds)} | ${run.requests ?? 'n/a'} | ${bound(run, 4)} |`),
    '',
    `### A server that closes idle keep-alive connections after ${KEEP_ALIVE_MS} ms, unannounced (20 ms latency, CONTRACT_CONCURRENCY=8)`,
    '',
    `${passed} of ${keepAlive.length} full runs passed (exit 0); most in flight ${Math.max(...keepAlive.map((run) => run.maxInFlight ?? 0))}; wall s ${keepAlive.map((run) => s(run.seconds)).join(', ')}.`,
    '',
  ];
}
