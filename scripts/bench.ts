import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { checkExchange } from '../src/checks';
import { loadContract } from '../src/contract';
import type { Exchange } from '../src/http/exchange';
import { buildUrl } from '../src/http/send';
import { buildDataset } from '../src/mock/dataset';
import { PROJECT_ROOT } from '../src/spec/load-spec';
import { FAMILIES, familyCells } from '../src/spec/negative-families';
import { liveEnv, memoryKiB, pageUrl, startMockProcess, type MockProcess, type MockStats } from '../tests/support/mock-process';
import { runSuite } from '../tests/support/run-suite';

/**
 * `npm run bench [-- --runs 5 --seconds 10 --connections 50]`: a benchmark, not a test. Every figure it
 * prints is measured on this machine; the Markdown table goes to stdout and to reports/bench.md.
 */

const WARM_UP_SECONDS = 2;
const SAMPLE_MS = 200;
const VALIDATION_MS = 2_000;

const log = (line: string) => process.stderr.write(`bench: ${line}\n`);

/** What must be stopped however the script ends: mock processes, Playwright children, temp folders. */
const cleanups = new Set<() => Promise<unknown> | void>();
function onExit(cleanup: () => Promise<unknown> | void): () => Promise<void> {
  cleanups.add(cleanup);
  return async () => {
    cleanups.delete(cleanup);
    await cleanup();
  };
}
async function cleanUp(): Promise<void> {
  const pending = [...cleanups];
  cleanups.clear();
  await Promise.allSettled(pending.map(async (cleanup) => cleanup()));
}
for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
  process.once(signal, () => {
    log(`${signal}: stopping child processes`);
    void cleanUp().then(() => process.exit(code));
  });
}

interface Spread {
  readonly median: number;
  readonly min: number;
  readonly max: number;
}

function spread(values: readonly number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return { median, min: sorted[0]!, max: sorted[sorted.length - 1]! };
}

/** A run as a user's would be: the default concurrency, not the project tests' (tests/support/run-suite.ts). */
function userDefaults(env: Record<string, string>): Record<string, string> {
  return { ...env, CONTRACT_CONCURRENCY: '' };
}

// ── 1. The full conformance run against the floor ────────────────────────────────────────────────

/**
 * A throwaway Playwright project of one trivial API test: the least any Playwright suite can take. In
 * JavaScript (the floor the goal is measured against), or in TypeScript as this suite is written, which
 * adds Playwright's TypeScript loader to the runner and to the worker.
 */
function writeFloorProject(language: 'js' | 'ts'): string {
  const directory = mkdtempSync(path.join(os.tmpdir(), `bench-floor-${language}-`));
  writeFileSync(
    path.join(directory, `playwright.config.${language}`),
    language === 'js'
      ? "module.exports = { testDir: __dirname, reporter: 'dot', outputDir: require('node:path').join(__dirname, 'results') };\n"
      : "import path from 'node:path';\nexport default { testDir: __dirname, reporter: 'dot', outputDir: path.join(__dirname, 'results') };\n",
  );
  writeFileSync(
    path.join(directory, `floor.spec.${language}`),
    language === 'js'
      ? "const { test, expect } = require('@playwright/test');\n" +
          "test('floor', async ({ request }) => { const r = await request.get(process.env.FLOOR_URL); expect(r.status()).toBeLessThan(500); });\n"
      : "import { test, expect } from '@playwright/test';\n" +
          "test('floor', async ({ request }) => { const r = await request.get(process.env.FLOOR_URL!); expect(r.status()).toBeLessThan(500); });\n",
  );
  return directory;
}

/** Wall seconds of one bare Playwright run of the floor test, from spawn to exit. */
async function timeFloor(directory: string, url: string): Promise<number> {
  const config = readdirSync(directory).find((file) => file.startsWith('playwright.config.'))!;
  const cli = path.join(PROJECT_ROOT, 'node_modules', '@playwright', 'test', 'cli.js');
  // NODE_PATH: the spec lives outside the project, so require('@playwright/test') needs to be pointed at it.
  const run = await timeCommand(process.execPath, [cli, 'test', '-c', path.join(directory, config)], PROJECT_ROOT, { NODE_PATH: path.join(PROJECT_ROOT, 'node_modules'), FLOOR_URL: url });
  if (run.exitCode !== 0) throw new Error(`the floor run exited ${run.exitCode}:\n${run.output}`);
  return run.seconds;
}

interface SuiteFigures {
  /** How the last timed run ended, e.g. "51 passed, 2 skipped". */
  readonly tests: string;
  readonly full: Spread;
  readonly floor: Spread;
  readonly floorTs: Spread;
}

/** The whole suite in live mode against the mock as its own process, beside the floor, alternately. */
async function benchSuite(runs: number): Promise<SuiteFigures> {
  const mock = await startMockProcess(['--seed', '1']);
  const stopMock = onExit(() => mock.stop());
  const directory = writeFloorProject('js');
  const directoryTs = writeFloorProject('ts');
  const removeFloor = onExit(() => [directory, directoryTs].forEach((d) => rmSync(d, { recursive: true, force: true })));
  const floorUrl = pageUrl(mock, '?limit=1');
  const full: number[] = [];
  const floor: number[] = [];
  const floorTs: number[] = [];
  let tests = '';
  try {
    log(`suite: one untimed warm-up run of each (Playwright's transform cache, disk cache)`);
    await runSuite(userDefaults(liveEnv(mock, 'token')), { jsonReport: true });
    await timeFloor(directory, floorUrl);
    await timeFloor(directoryTs, floorUrl);
    for (let run = 1; run <= runs; run += 1) {
      const suite = await runSuite(userDefaults(liveEnv(mock, 'token')), { jsonReport: true });
      if (suite.exitCode !== 0) throw new Error(`the conformance run exited ${suite.exitCode}:\n${suite.output.slice(-4000)}`);
      const count = (status: string) => suite.results.filter((result) => result.status === status).length;
      tests = `${count('passed')} passed, ${count('skipped')} skipped`;
      full.push(suite.durationMs / 1000);
      floor.push(await timeFloor(directory, floorUrl));
      floorTs.push(await timeFloor(directoryTs, floorUrl));
      log(`suite: run ${run}/${runs}: full ${full.at(-1)!.toFixed(2)} s (${tests}), floor ${floor.at(-1)!.toFixed(2)} s, in TypeScript ${floorTs.at(-1)!.toFixed(2)} s`);
    }
  } finally {
    await stopMock();
    await removeFloor();
  }
  return { tests, full: spread(full), floor: spread(floor), floorTs: spread(floorTs) };
}

// ── 1a. A broken server: its verdict as soon as a correct server's ────────────────────────────────

/** Runs of each, alternated, after one untimed warm-up of each. */
const BROKEN_RUNS = 3;
/** The fault: `count` a string on every page, which breaks what nearly every test touches. */
const BROKEN_DEVIATION = 'count-as-string';

interface BrokenFigures {
  readonly correct: Spread;
  readonly broken: Spread;
  readonly correctTests: string;
  readonly brokenTests: string;
  readonly brokenExit: number | null;
}

/** A full run with the user's reporters (the report a release manager reads) against a mock process. */
async function reportedRun(mock: MockProcess): Promise<{ seconds: number; tests: string; exitCode: number | null }> {
  const run = await runSuite(userDefaults(liveEnv(mock, 'token')), { jsonReport: false });
  const counts = ['passed', 'failed', 'skipped'].map((word) => `${new RegExp(`(\\d+) ${word}`).exec(run.output)?.[1] ?? 0} ${word}`);
  return { seconds: run.durationMs / 1000, tests: counts.join(', '), exitCode: run.exitCode };
}

/** The live run against the correct mock and against the mock that breaks every page's schema, alternately. */
async function benchBroken(): Promise<BrokenFigures> {
  const correctMock = await startMockProcess(['--seed', '1']);
  const stopCorrect = onExit(() => correctMock.stop());
  const brokenMock = await startMockProcess(['--seed', '1', '--deviation', BROKEN_DEVIATION]);
  const stopBroken = onExit(() => brokenMock.stop());
  const correct: number[] = [];
  const broken: number[] = [];
  let correctTests = '';
  let brokenTests = '';
  let brokenExit: number | null = null;
  try {
    log(`broken: one untimed warm-up run against each`);
    await reportedRun(correctMock);
    await reportedRun(brokenMock);
    for (let run = 1; run <= BROKEN_RUNS; run += 1) {
      const good = await reportedRun(correctMock);
      const bad = await reportedRun(brokenMock);
      if (good.exitCode !== 0) throw new Error(`the run against the correct mock exited ${good.exitCode}`);
      correct.push(good.seconds);
      broken.push(bad.seconds);
      [correctTests, brokenTests, brokenExit] = [good.tests, bad.tests, bad.exitCode];
      log(`broken: run ${run}/${BROKEN_RUNS}: correct ${good.seconds.toFixed(2)} s (${good.tests}), ${BROKEN_DEVIATION} ${bad.seconds.toFixed(2)} s (${bad.tests}, exit ${bad.exitCode})`);
    }
  } finally {
    await stopCorrect();
    await stopBroken();
  }
  return { correct: spread(correct), broken: spread(broken), correctTests, brokenTests, brokenExit };
}

function brokenTable(figures: BrokenFigures): string[] {
  const ratio = figures.broken.median / figures.correct.median;
  return [
    `## 4. A server that breaks the schema of every page (\`--deviation ${BROKEN_DEVIATION}\`) against a correct one (live mode, token, the user's reporters, ${BROKEN_RUNS} runs each alternated after one untimed warm-up)`,
    '',
    '| run | tests | exit | median s | min | max |',
    '|---|---|---|---|---|---|',
    `| correct mock | ${figures.correctTests} | 0 | ${s(figures.correct.median)} | ${s(figures.correct.min)} | ${s(figures.correct.max)} |`,
    `| ${BROKEN_DEVIATION} | ${figures.brokenTests} | ${figures.brokenExit} | ${s(figures.broken.median)} | ${s(figures.broken.min)} | ${s(figures.broken.max)} |`,
    `| **ratio broken / correct (medians)** | | | **${ratio.toFixed(2)}×** | goal ≤ 1.5× | ${ratio <= 1.5 ? '✓' : '✗'} |`,
    '',
  ];
}

// ── 1c. The project's own tests on a fresh clone ──────────────────────────────────────────────────

interface ProjectTestFigures {
  readonly installSeconds: number;
  readonly testSeconds: number;
  readonly exitCode: number | null;
  readonly outcome: string;
}

/** Wall seconds of a command in `cwd`, with nothing of the caller's environment but PATH, HOME and `env`. */
async function timeCommand(command: string, args: readonly string[], cwd: string, env: Record<string, string> = {}): Promise<{ seconds: number; exitCode: number | null; output: string }> {
  const started = performance.now();
  const child = spawn(command, args, { cwd, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? cwd, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const kill = () => void child.kill('SIGTERM');
  cleanups.add(kill);
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const exitCode = await new Promise<number | null>((resolve) => child.on('close', resolve));
  cleanups.delete(kill);
  return { seconds: (performance.now() - started) / 1000, exitCode, output };
}

/** `npm ci`, then `npm test` timed, in a fresh clone of this repository's last commit. */
async function benchProjectTests(): Promise<ProjectTestFigures> {
  const directory = mkdtempSync(path.join(os.tmpdir(), 'bench-clone-'));
  const remove = onExit(() => rmSync(directory, { recursive: true, force: true }));
  try {
    execFileSync('git', ['clone', '--quiet', PROJECT_ROOT, directory]);
    log(`project tests: npm ci in a fresh clone (${directory})`);
    const install = await timeCommand('npm', ['ci', '--no-audit', '--no-fund'], directory, { CI: 'true' });
    if (install.exitCode !== 0) throw new Error(`npm ci failed:\n${install.output.slice(-2000)}`);
    log(`project tests: npm test (the README's test command)`);
    const run = await timeCommand('npm', ['test'], directory, { CI: 'true' });
    let outcome = 'no report';
    try {
      const { stats } = JSON.parse(readFileSync(path.join(directory, 'reports', 'project-tests.json'), 'utf8')) as { stats: { expected: number; unexpected: number; flaky: number; skipped: number } };
      outcome = `${stats.expected + stats.flaky} passed, ${stats.unexpected} failed${stats.skipped ? `, ${stats.skipped} skipped` : ''}`;
    } catch {
      // The run stopped before writing its report; the exit code says so.
    }
    log(`project tests: ${run.seconds.toFixed(1)} s, exit ${run.exitCode} (${outcome})`);
    return { installSeconds: install.seconds, testSeconds: run.seconds, exitCode: run.exitCode, outcome };
  } finally {
    await remove();
  }
}

function projectTestsTable(figures: ProjectTestFigures): string[] {
  return [
    `## 6. The project's own tests on a fresh clone (\`npm test\`: the type check, the unit tests and the self-test)`,
    '',
    '| step | wall s | outcome |',
    '|---|---|---|',
    `| npm ci | ${s(figures.installSeconds)} | |`,
    `| **npm test** | **${s(figures.testSeconds)}** | exit ${figures.exitCode}: ${figures.outcome} |`,
    '',
    `Goal: under 120 s: ${figures.exitCode === 0 && figures.testSeconds < 120 ? '✓ met' : '✗ not met'}.`,
    '',
  ];
}

// ── 1b. Time to verdict across a real network, and how the cost grows ───────────────────────────

interface NetworkRun {
  readonly label: string;
  readonly tests: string;
  readonly exitCode: number | null;
  readonly seconds: number;
  readonly requests: number | undefined;
  readonly maxInFlight: number | undefined;
}

/** One full live run (the live defaults: CONTRACT_FUZZ_RUNS 20, every credential) against a mock process started with `mockArgs`. */
async function networkRun(label: string, mockArgs: readonly string[], env: Record<string, string> = {}): Promise<NetworkRun> {
  const mock = await startMockProcess(['--seed', '1', ...mockArgs]);
  let stats: MockStats | undefined;
  const stopMock = onExit(async () => void (stats = await mock.stop()));
  let suite;
  try {
    // An empty CONTRACT_FUZZ_RUNS: the live default, as a user's run would have it.
    suite = await runSuite({ ...userDefaults(liveEnv(mock, 'all')), CONTRACT_FUZZ_RUNS: '', ...env }, { jsonReport: true });
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
 * The subtasks of the records the growth table is measured on; 2,793 is the largest record a limit=7
 * walk still takes (399 pages of 7 and the short one: MAX_WALK_PAGES of tests/fixtures.ts), the run that
 * sends the most.
 */
const GROWTH_COUNTS = [1, 100, 1_000, 2_793, 10_000];
/** The latency of the time-to-verdict run: a service across a real network. */
const LATENCY_MS = 150;
/** How many runs against a server that closes idle connections after KEEP_ALIVE_MS, and how soon. */
const KEEP_ALIVE_RUNS = 10;
const KEEP_ALIVE_MS = 5;

interface NetworkFigures {
  readonly latency: NetworkRun;
  readonly growth: readonly (NetworkRun & { readonly subtasks: number })[];
  readonly keepAlive: readonly NetworkRun[];
}

/** The latency run, the growth runs (150 ms late too) and the short-idle-timeout runs (concurrency 8). */
async function benchNetwork(): Promise<NetworkFigures> {
  const latency = await networkRun(`latency ${LATENCY_MS} ms`, ['--latency', String(LATENCY_MS)]);
  const growth = [];
  for (const subtasks of GROWTH_COUNTS) {
    growth.push({ subtasks, ...(await networkRun(`${subtasks} subtasks`, ['--large-count', String(subtasks), '--latency', String(LATENCY_MS)])) });
  }
  const keepAlive = [];
  for (let run = 1; run <= KEEP_ALIVE_RUNS; run += 1) {
    // 20 ms of latency keeps several requests in flight at once.
    keepAlive.push(await networkRun(`keep-alive ${KEEP_ALIVE_MS} ms, run ${run}/${KEEP_ALIVE_RUNS}`, ['--keep-alive-timeout', String(KEEP_ALIVE_MS), '--latency', '20'], { CONTRACT_CONCURRENCY: '8' }));
  }
  return { latency, growth, keepAlive };
}

/** What the families of deliberate requests (docs/input-classes.md) cost of the run above: a request a cell, every scheme set. */
function familiesCost(): string[] {
  const cells = familyCells(loadContract().operation);
  const perFamily = FAMILIES.map((family) => `${family.id} ${cells.filter((c) => c.family === family.id).length}`).join(', ');
  return [`Of its requests, ${cells.length} are the cells of the families of deliberate requests (${perFamily}), one request each: ${s((cells.length * LATENCY_MS) / 1000 / 4)} s of the physical bound.`];
}

function networkTable({ latency, growth, keepAlive }: NetworkFigures): string[] {
  const bound = (run: NetworkRun, concurrency: number) => (run.requests === undefined ? 'n/a' : s((run.requests * LATENCY_MS) / 1000 / concurrency));
  const passed = keepAlive.filter((run) => run.exitCode === 0).length;
  return [
    `## 5. Time to verdict across a network (a full live run, every credential, CONTRACT_FUZZ_RUNS 20; requests and in-flight counted by the mock)`,
    '',
    '| run | tests | exit | wall s | requests | most in flight | physical bound s (requests × latency / 4) |',
    '|---|---|---|---|---|---|---|',
    `| mock answering ${LATENCY_MS} ms late, default concurrency | ${latency.tests} | ${latency.exitCode} | ${s(latency.seconds)} | ${latency.requests ?? 'n/a'} | ${latency.maxInFlight ?? 'n/a'} | ${bound(latency, 4)} |`,
    '',
    `Goal: at most 12 s with at most 4 in flight: ${latency.exitCode === 0 && latency.seconds <= 12 && (latency.maxInFlight ?? Infinity) <= 4 ? '✓ met' : '✗ not met'}.`,
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

// ── 2. The mock under concurrent load ─────────────────────────────────────────────────────────────

/** The highest RSS of a process, sampled every 200 ms until stopped. */
function watchRss(pid: number): () => number | undefined {
  let peak: number | undefined;
  const sample = () => {
    const rss = memoryKiB(pid, 'VmRSS');
    if (rss !== undefined) peak = Math.max(peak ?? 0, rss);
  };
  sample();
  const timer = setInterval(sample, SAMPLE_MS);
  return () => {
    clearInterval(timer);
    sample();
    return peak;
  };
}

interface LoadFigures {
  readonly limit: number;
  readonly result: autocannon.Result;
  readonly peakRssKiB: number | undefined;
}

/** One autocannon run: GET one page size of the large record, as many requests as the connections allow. */
function load(mock: MockProcess, limit: number, connections: number, seconds: number): Promise<autocannon.Result> {
  return autocannon({
    url: pageUrl(mock, `?limit=${limit}`),
    headers: { 'X-Auth-Token': mock.facts.token },
    connections,
    duration: seconds,
  });
}

/** Requests/s, latency and memory of the mock for the first page of 10 and a full page of 100. */
async function benchLoad(connections: number, seconds: number): Promise<{ figures: LoadFigures[]; idleRssKiB: number | undefined; hwmKiB: number | undefined }> {
  const mock = await startMockProcess(['--seed', '1']);
  const stop = onExit(() => mock.stop());
  const figures: LoadFigures[] = [];
  let idleRssKiB: number | undefined;
  let hwmKiB: number | undefined;
  try {
    idleRssKiB = memoryKiB(mock.pid, 'VmRSS');
    for (const limit of [10, 100]) {
      // The scenario must be a success before it is loaded: 200 and a page of `limit` items.
      const probe = await fetch(pageUrl(mock, `?limit=${limit}`), {
        headers: { 'X-Auth-Token': mock.facts.token },
      });
      const body = (await probe.json()) as { items?: unknown[] };
      if (probe.status !== 200 || body.items?.length !== limit) throw new Error(`limit=${limit}: expected 200 and ${limit} items, got ${probe.status}`);
      log(`load: limit=${limit}: ${WARM_UP_SECONDS} s warm-up, then ${seconds} s with ${connections} connections`);
      await load(mock, limit, connections, WARM_UP_SECONDS);
      const stopWatching = watchRss(mock.pid);
      const result = await load(mock, limit, connections, seconds);
      figures.push({ limit, result, peakRssKiB: stopWatching() });
      log(`load: limit=${limit}: ${Math.round(result.requests.average)} requests/s, p99 ${result.latency.p99} ms`);
    }
    hwmKiB = memoryKiB(mock.pid, 'VmHWM');
  } finally {
    await stop();
  }
  return { figures, idleRssKiB, hwmKiB };
}

// ── 3. Validation throughput ──────────────────────────────────────────────────────────────────────

/** How many times per second `work` runs, over about `ms` milliseconds, after a short warm-up. */
function perSecond(work: () => unknown, ms: number): number {
  const until = (end: number) => {
    let count = 0;
    while (performance.now() < end) {
      for (let i = 0; i < 50; i += 1) work();
      count += 50;
    }
    return count;
  };
  until(performance.now() + 200);
  const started = performance.now();
  const count = until(started + ms);
  return count / ((performance.now() - started) / 1000);
}

/** Pages of 100 subtasks validated per second by the 200 response's compiled schema, and by every check. */
function benchValidation(): { pages: number; exchanges: number; violations: number } {
  const contract = loadContract();
  const validate = contract.validators.at(contract.operation.responses.get('200')!.mediaTypes[0]!.schemaPointer);
  const { facts, records } = buildDataset({ seed: 1 });
  const record = records.get(facts.projectId)!.get(facts.executeHistoryId)!;
  const page = { count: record.length, items: record.slice(0, 100) };
  if (!validate(page)) throw new Error(`the dataset's page does not validate: ${JSON.stringify(validate.errors)}`);
  const text = JSON.stringify(page);
  const pathParams = { project_id: facts.projectId, execute_history_id: facts.executeHistoryId };
  const exchange: Exchange = {
    operationId: contract.operation.operationId,
    pathTemplate: contract.operation.pathTemplate,
    request: { method: 'GET', url: buildUrl('http://127.0.0.1:8080', contract.operation, { path: pathParams, query: { limit: 100 } }), headers: { 'X-Auth-Token': facts.token }, pathParams },
    response: { status: 200, statusText: 'OK', headers: { 'content-type': 'application/json', 'x-request-id': '1d65691d233d55956a60a54a119399d0' }, text, json: JSON.parse(text) },
    durationMs: 1,
    attempts: 1,
  };
  const violations = checkExchange(contract, exchange).length;
  log(`validation: ${VALIDATION_MS / 1000} s of the page validator, then ${VALIDATION_MS / 1000} s of checkExchange (${violations} violations)`);
  return { pages: perSecond(() => validate(page), VALIDATION_MS), exchanges: perSecond(() => checkExchange(contract, exchange), VALIDATION_MS), violations };
}

// ── The table ─────────────────────────────────────────────────────────────────────────────────────

/** The machine, Node and commit the figures were measured on. */
function environment(): string[] {
  const cpus = os.cpus();
  const git = (...args: string[]) => execFileSync('git', args, { cwd: PROJECT_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  let commit = 'unknown';
  try {
    commit = git('rev-parse', '--short', 'HEAD');
    // diff-index only reads: exit 1 when the working tree differs from the commit.
    try {
      git('diff-index', '--quiet', 'HEAD', '--');
    } catch {
      commit += ' + uncommitted changes';
    }
  } catch {
    // Not a git checkout.
  }
  return [
    `| date | ${new Date().toISOString()} |`,
    `| commit | ${commit} |`,
    `| machine | ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${cpus.length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB |`,
    `| node | ${process.version} (${os.platform()} ${os.release()}) |`,
  ];
}

const s = (seconds: number) => seconds.toFixed(2);
const mib = (kib: number | undefined) => (kib === undefined ? 'n/a' : (kib / 1024).toFixed(0));
const int = (value: number) => Math.round(value).toLocaleString('en-US');

/** The title and what the figures were measured on. */
function header(options: string): string[] {
  return ['# Benchmark: ListTaskExecuteDetail contract suite', '', '| | |', '|---|---|', ...environment(), `| options | ${options} |`, ''];
}

function table(options: string, suite: SuiteFigures, runs: number, loadRun: Awaited<ReturnType<typeof benchLoad>>, connections: number, seconds: number, validation: ReturnType<typeof benchValidation>): string {
  const ratio = suite.full.median / suite.floor.median;
  const first = loadRun.figures.find((figure) => figure.limit === 10)!.result;
  const loadMet = first.requests.average >= 10_000 && first.errors === 0 && first.timeouts === 0 && first.non2xx === 0;
  return [
    ...header(options),
    `## 1. Full conformance run vs the floor (wall seconds, spawn to exit, ${runs} runs each after one untimed warm-up)`,
    '',
    '| run | tests | median | min | max |',
    '|---|---|---|---|---|',
    `| full suite, live mode (token) against the mock as its own process, CONTRACT_FUZZ_RUNS=10 | ${suite.tests} | ${s(suite.full.median)} | ${s(suite.full.min)} | ${s(suite.full.max)} |`,
    `| floor: bare Playwright, one trivial API test | 1 passed | ${s(suite.floor.median)} | ${s(suite.floor.min)} | ${s(suite.floor.max)} |`,
    `| the floor written in TypeScript (Playwright's TS loader in runner and worker) | 1 passed | ${s(suite.floorTs.median)} | ${s(suite.floorTs.min)} | ${s(suite.floorTs.max)} |`,
    `| **ratio full / floor (medians)** | | **${ratio.toFixed(2)}×** | goal ≤ 1.5× | ${ratio <= 1.5 ? '✓' : '✗'} |`,
    `| ratio full / TypeScript floor | | ${(suite.full.median / suite.floorTs.median).toFixed(2)}× | | |`,
    '',
    `## 2. Mock under load (autocannon, ${connections} connections, ${seconds} s after a ${WARM_UP_SECONDS} s warm-up; the mock in its own process)`,
    '',
    '| scenario | requests/s (avg) | p50 ms | p99 ms | requests | non-2xx | errors (timeouts) | KiB/response | peak RSS MiB |',
    '|---|---|---|---|---|---|---|---|---|',
    ...loadRun.figures.map(({ limit, result, peakRssKiB }) =>
      `| limit=${limit} | ${int(result.requests.average)} | ${result.latency.p50} | ${result.latency.p99} | ${int(result.requests.total)} | ${result.non2xx} | ${result.errors} (${result.timeouts}) | ${(result.throughput.total / Math.max(1, result.requests.total) / 1024).toFixed(1)} | ${mib(peakRssKiB)} |`,
    ),
    '',
    `Mock RSS idle ${mib(loadRun.idleRssKiB)} MiB, high-water mark (VmHWM) ${mib(loadRun.hwmKiB)} MiB. ` +
      `Goal ≥ 10,000 requests/s for limit=10 with no error: ${loadMet ? '✓ met' : '✗ not met'}.`,
    '',
    `## 3. Validation throughput (in process, ${VALIDATION_MS / 1000} s each)`,
    '',
    '| what | per second |',
    '|---|---|',
    `| a 100-item page through the compiled validator of the 200 response | ${int(validation.pages)} pages (${int(validation.pages * 100)} items) |`,
    `| checkExchange: every check on a 200 exchange of that page (${validation.violations} violations) | ${int(validation.exchanges)} exchanges |`,
    '',
  ].join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: '5' },
      seconds: { type: 'string', default: '10' },
      connections: { type: 'string', default: '50' },
      'network-only': { type: 'boolean', default: false },
      'skip-project-tests': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write('Usage: npm run bench -- [--runs 5] [--seconds 10] [--connections 50] [--network-only] [--skip-project-tests]\n');
    return;
  }
  const whole = (name: 'runs' | 'seconds' | 'connections') => {
    const text = values[name];
    if (!/^[1-9]\d{0,4}$/.test(text)) throw new UsageError(`--${name} must be a whole number from 1, got "${text}"`);
    return Number(text);
  };
  const [runs, seconds, connections] = [whole('runs'), whole('seconds'), whole('connections')];
  const options = `--runs ${runs} --seconds ${seconds} --connections ${connections}${values['network-only'] ? ' --network-only' : ''}${values['skip-project-tests'] ? ' --skip-project-tests' : ''}`;
  let markdown = '';
  let broken: string[] = [];
  if (!values['network-only']) {
    const suite = await benchSuite(runs);
    broken = brokenTable(await benchBroken());
    const loadRun = await benchLoad(connections, seconds);
    const validation = benchValidation();
    markdown = table(options, suite, runs, loadRun, connections, seconds, validation);
  }
  const network = networkTable(await benchNetwork());
  const projectTests = values['network-only'] || values['skip-project-tests'] ? [] : projectTestsTable(await benchProjectTests());
  markdown = [...(markdown ? [markdown] : header(options)), ...broken, ...network, ...projectTests].join('\n');
  const reports = path.join(PROJECT_ROOT, 'reports');
  mkdirSync(reports, { recursive: true });
  writeFileSync(path.join(reports, 'bench.md'), markdown);
  process.stdout.write(markdown);
  log(`written to ${path.relative(process.cwd(), path.join(reports, 'bench.md'))}`);
}

/** A bad option: said in one line, exit 2. */
class UsageError extends Error {}

main()
  .catch((error: unknown) => {
    const usage = error instanceof UsageError || (error as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS');
    log(usage ? `${(error as Error).message} (npm run bench -- --help)` : `failed: ${(error as Error).stack ?? String(error)}`);
    process.exitCode = usage ? 2 : 1;
  })
  .finally(() => cleanUp());
