import { availableParallelism } from 'node:os';
import { DEVIATIONS } from '../../src/mock/deviations';
import { runSuite } from '../../tests/support/run-suite';
import { log, s } from './support';

/**
 * 7. The self-test's mechanism side by side with the plain one: the broken mocks as copies of the tests,
 * a share of them in one worker per core (tests/broken-copies.ts), against a Playwright project per
 * broken mock, a worker each. Both must catch every broken mock; the figure is the wall time.
 */
export interface SelfTestFigures {
  readonly copies: { readonly seconds: number; readonly caught: number };
  readonly projects: { readonly seconds: number; readonly caught: number };
}

async function selfTestRun(mode: '1' | 'projects'): Promise<{ seconds: number; caught: number }> {
  const run = await runSuite({ CONTRACT_SELF_TEST: mode, CONTRACT_FUZZ_RUNS: '10' }, { args: ['--workers', String(availableParallelism())] });
  const caught = DEVIATIONS.filter((deviation) => run.results.some((result) => result.project === deviation.id && result.status === 'failed')).length;
  log(`self-test (${mode === '1' ? 'copies' : 'a project per broken mock'}): ${(run.durationMs / 1000).toFixed(1)} s, ${caught}/${DEVIATIONS.length} caught`);
  return { seconds: run.durationMs / 1000, caught };
}

export async function benchSelfTest(): Promise<SelfTestFigures> {
  return { copies: await selfTestRun('1'), projects: await selfTestRun('projects') };
}

export function selfTestTable({ copies, projects }: SelfTestFigures): string[] {
  return [
    `## 7. The self-test's mechanism beside the plain one (the whole self-test run, ${DEVIATIONS.length} broken mocks, ${availableParallelism()} workers)`,
    '',
    '| mechanism | wall s | broken mocks caught |',
    '|---|---|---|',
    `| copies of the tests, a share in one worker per core (tests/broken-copies.ts) | ${s(copies.seconds)} | ${copies.caught}/${DEVIATIONS.length} |`,
    `| plain: a Playwright project per broken mock | ${s(projects.seconds)} | ${projects.caught}/${DEVIATIONS.length} |`,
    '',
  ];
}
