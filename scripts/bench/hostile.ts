import { loadContracts } from '../../src/contract';
import { DETAIL } from '../../src/mock/dataset';
import { hostileRun, oddSizeOf, type HostileRequest } from '../../tests/support/hostile-run';
import type { Hostility } from '../../tests/support/hostile-server';
import { log, userDefaults } from './support';

/** 8. Against a misbehaving server: time to verdict and peak memory of full live runs through a hostile front (docs/bounds.md). */

export interface HostileFigures {
  readonly label: string;
  readonly tests: string;
  readonly exitCode: number | null;
  readonly seconds: number;
  readonly perProcessMiB: number;
  readonly wholeMiB: number;
  readonly processes: number;
  /** The cases of complete-response the run's output names, and whether a 302 was judged. */
  readonly verdicts: string;
  readonly redirectFollowed: number;
}

/** The second and later pages of the odd walk of the subtasks: one walk's requests, as a user met the fault. */
const subtasks = loadContracts().of(DETAIL).operation;
const oddWalkPage = new RegExp(`^${subtasks.list.offset}=[1-9]\\d*&${subtasks.list.limit}=${oddSizeOf(subtasks)}$`);
const oneWalk =
  (hostility: Hostility) =>
  ({ operationId, query }: HostileRequest) =>
    operationId === DETAIL && oddWalkPage.test(query) ? hostility : undefined;

/** Full live runs (user defaults: 4 workers, CONTRACT_TIMEOUT_MS and CONTRACT_BODY_TIMEOUT_MS 15 s) through a hostile front of a correct mock process. */
export async function benchHostile(): Promise<HostileFigures[]> {
  const runs: [string, (request: HostileRequest) => Hostility | undefined][] = [
    ['a correct server (no request misbehaves)', () => undefined],
    ['one walk: a JSON body that never ends', oneWalk('endless-json')],
    ['one walk: 300 MiB with a correct Content-Length', oneWalk('huge-body')],
    ['one walk: a gzip body that decodes to 1 GiB', oneWalk('gzip-bomb')],
    ['one walk: a byte every 200 ms', oneWalk('drip')],
    ['one walk: no answer at all', oneWalk('never-answers')],
    ['one walk: a 302 to another origin', oneWalk('redirect-elsewhere')],
    // Every request with an offset: all but the preflight's probe (limit alone), which would stop the run with exit 2.
    ['every request with an offset: no answer at all', ({ query }) => (query.includes('offset=') ? 'never-answers' : undefined)],
  ];
  const figures: HostileFigures[] = [];
  for (const [label, hostility] of runs) {
    const { run, memory, redirectFollowed } = await hostileRun(hostility, userDefaults({ CONTRACT_FUZZ_RUNS: '' }), []);
    const count = (word: string) => Number(new RegExp(`(\\d+) ${word}`).exec(run.output)?.[1] ?? 0);
    const cases = [...new Set([...run.output.matchAll(/complete-response\/cases\/([a-z-]+)/g)].map((m) => m[1]!))];
    if (/actual {4}302 Found/.test(run.output)) cases.push('302 undocumented');
    const row = {
      label,
      tests: `${count('passed')} passed, ${count('failed')} failed, ${count('skipped')} skipped`,
      exitCode: run.exitCode,
      seconds: run.durationMs / 1000,
      perProcessMiB: memory.perProcessKiB / 1024,
      wholeMiB: memory.wholeKiB / 1024,
      processes: memory.processes,
      verdicts: cases.join(', ') || '-',
      redirectFollowed,
    };
    log(`hostile: ${label}: exit ${row.exitCode}, ${row.seconds.toFixed(1)} s, one process ${row.perProcessMiB.toFixed(0)} MiB, whole run ${row.wholeMiB.toFixed(0)} MiB (${row.verdicts})`);
    figures.push(row);
  }
  return figures;
}

export function hostileTable(figures: readonly HostileFigures[]): string[] {
  const met = figures.every((f, index) => f.seconds <= 90 && f.perProcessMiB <= 400 && f.redirectFollowed === 0 && f.exitCode === (index === 0 ? 0 : 1));
  return [
    '## 8. Against a misbehaving server (a full live run through a hostile front of a correct mock process; 4 workers, deadlines 15 s + 15 s)',
    '',
    '| run | tests | exit | wall s | peak of one process MiB | peak of the whole run MiB (processes) | verdicts named | requests the redirect target got |',
    '|---|---|---|---|---|---|---|---|',
    ...figures.map((f) => `| ${f.label} | ${f.tests} | ${f.exitCode} | ${f.seconds.toFixed(1)} | ${f.perProcessMiB.toFixed(0)} | ${f.wholeMiB.toFixed(0)} (${f.processes}) | ${f.verdicts} | ${f.redirectFollowed} |`),
    '',
    `Goal (docs/bounds.md): every hostile run ends within 90 s with exit 1, the correct one with exit 0, no process above 400 MiB, no request reaches the redirect's origin: ${met ? '✓ met' : '✗ not met'}.`,
    '',
  ];
}
