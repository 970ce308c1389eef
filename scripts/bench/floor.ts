import { readdirSync, rmSync, writeFileSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../../src/spec/load-spec';
import { liveEnv, pageUrl, startMockProcess } from '../../tests/support/mock-process';
import { runSuite } from '../../tests/support/run-suite';
import { log, onExit, s, spread, timeCommand, userDefaults, type Spread } from './support';

/** 1. The full conformance run on loopback against the floor: a bare Playwright run of one trivial API test. */

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

export interface SuiteFigures {
  /** How the last timed run ended, e.g. "51 passed, 2 skipped". */
  readonly tests: string;
  readonly full: Spread;
  readonly floor: Spread;
  readonly floorTs: Spread;
}

/** The whole suite in live mode against the mock as its own process, beside the floor, alternately. */
export async function benchSuite(runs: number): Promise<SuiteFigures> {
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

export function suiteTable(suite: SuiteFigures, runs: number): string[] {
  const ratio = suite.full.median / suite.floor.median;
  return [
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
  ];
}
