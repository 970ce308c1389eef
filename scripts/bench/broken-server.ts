import { liveEnv, startMockProcess, type MockProcess } from '../../tests/support/mock-process';
import { runSuite } from '../../tests/support/run-suite';
import { log, onExit, s, spread, userDefaults, type Spread } from './support';

/** 4. A server that breaks what every test touches gets its verdict as soon as a correct one. */

/** Runs of each, alternated, after one untimed warm-up of each. */
const BROKEN_RUNS = 3;
/** The fault: `count` a string on every page, which breaks what nearly every test touches. */
const BROKEN_DEVIATION = 'count-as-string';

export interface BrokenFigures {
  readonly correct: Spread;
  readonly broken: Spread;
  readonly correctTests: string;
  readonly brokenTests: string;
  readonly brokenExit: number | null;
  /** The same broken run with the plain mechanism: Playwright's own reporter only, so a new worker after every failure. */
  readonly plain: Spread;
}

/** A full run with the user's reporters (the report a release manager reads) against a mock process. */
async function reportedRun(mock: MockProcess, args: readonly string[] = []): Promise<{ seconds: number; tests: string; exitCode: number | null }> {
  const run = await runSuite(userDefaults(liveEnv(mock, 'token')), { jsonReport: false, args });
  const counts = ['passed', 'failed', 'skipped'].map((word) => `${new RegExp(`(\\d+) ${word}`).exec(run.output)?.[1] ?? 0} ${word}`);
  return { seconds: run.durationMs / 1000, tests: counts.join(', '), exitCode: run.exitCode };
}

/** The live run against the correct mock and against the mock that breaks every page's schema, alternately. */
export async function benchBroken(): Promise<BrokenFigures> {
  const correctMock = await startMockProcess(['--seed', '1']);
  const stopCorrect = onExit(() => correctMock.stop());
  const brokenMock = await startMockProcess(['--seed', '1', '--deviation', BROKEN_DEVIATION]);
  const stopBroken = onExit(() => brokenMock.stop());
  const correct: number[] = [];
  const broken: number[] = [];
  const plain: number[] = [];
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
      // Without the first reporter that turns a kept worker's failure back, no worker is kept (docs/architecture.md).
      const restarted = await reportedRun(brokenMock, ['--reporter=dot']);
      plain.push(restarted.seconds);
      if (good.exitCode !== 0) throw new Error(`the run against the correct mock exited ${good.exitCode}`);
      correct.push(good.seconds);
      broken.push(bad.seconds);
      [correctTests, brokenTests, brokenExit] = [good.tests, bad.tests, bad.exitCode];
      log(`broken: run ${run}/${BROKEN_RUNS}: correct ${good.seconds.toFixed(2)} s (${good.tests}), ${BROKEN_DEVIATION} ${bad.seconds.toFixed(2)} s (${bad.tests}, exit ${bad.exitCode}), with --reporter=dot ${restarted.seconds.toFixed(2)} s`);
    }
  } finally {
    await stopCorrect();
    await stopBroken();
  }
  return { correct: spread(correct), broken: spread(broken), correctTests, brokenTests, brokenExit, plain: spread(plain) };
}

export function brokenTable(figures: BrokenFigures): string[] {
  const ratio = figures.broken.median / figures.correct.median;
  return [
    `## 4. A server that breaks the schema of every page (\`--deviation ${BROKEN_DEVIATION}\`) against a correct one (live mode, token, the user's reporters, ${BROKEN_RUNS} runs each alternated after one untimed warm-up)`,
    '',
    '| run | tests | exit | median s | min | max |',
    '|---|---|---|---|---|---|',
    `| correct mock | ${figures.correctTests} | 0 | ${s(figures.correct.median)} | ${s(figures.correct.min)} | ${s(figures.correct.max)} |`,
    `| ${BROKEN_DEVIATION} | ${figures.brokenTests} | ${figures.brokenExit} | ${s(figures.broken.median)} | ${s(figures.broken.min)} | ${s(figures.broken.max)} |`,
    `| **ratio broken / correct (medians)** | | | **${ratio.toFixed(2)}×** | goal ≤ 1.5× | ${ratio <= 1.5 ? '✓' : '✗'} |`,
    `| the plain mechanism side by side: ${BROKEN_DEVIATION} with \`--reporter=dot\` (a new worker after every failure) | | | ${s(figures.plain.median)} | ${s(figures.plain.min)} | ${s(figures.plain.max)} |`,
    '',
  ];
}
